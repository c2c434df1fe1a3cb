// The audit log as people read it: what was touched in words (not `analytics.reports.wanted`), and the
// entry's details as 「年度: 2026年度・件数: 4」 rather than JSON. The raw fields stay one click away.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView, AuditPerson } from '../../../../src/auth/audit.contract.ts';

/** Keys that name a record by its internal id: useful in the CSV, noise on screen. */
const isInternalId = (key: string) =>
  /(^id$|Id$)/.test(key) && !['levelId', 'actorId', 'subjectId'].includes(key);

export function useAuditText() {
  const { t, i18n } = useTranslation('hr-audit');
  const when = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
        timeZone: 'Asia/Tokyo',
        dateStyle: 'medium',
        timeStyle: 'short',
      }),
    [i18n.language],
  );
  const value = (key: string, raw: unknown): string => {
    if (raw === null || raw === undefined || raw === '') return t('log.none');
    if (typeof raw === 'boolean') return raw ? t('log.yes') : t('log.no');
    if (key === 'fiscalYear' && typeof raw === 'number') return t('log.fiscalYear', { year: raw });
    // A self-check period id (2026-H2) as the half of the fiscal year it names.
    const half = key === 'period' && typeof raw === 'string' ? /^(\d{4})-H([12])$/.exec(raw) : null;
    if (half) return t(half[2] === '1' ? 'log.firstHalf' : 'log.secondHalf', { year: half[1] });
    if (Array.isArray(raw))
      return raw.map((item) => value(key, item)).join(i18n.language === 'en' ? ', ' : '、');
    if (typeof raw === 'object')
      return fields(raw as Record<string, unknown>).join(i18n.language === 'en' ? ', ' : '、');
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    return t(`values.${text}`, { defaultValue: text });
  };
  const label = (key: string) => t(`details.${key}`, { defaultValue: key });
  const fields = (details: Record<string, unknown>): string[] =>
    Object.entries(details)
      .filter(([key]) => !isInternalId(key))
      .map(([key, raw]) => `${label(key)}: ${value(key, raw)}`);
  return {
    when: (iso: string) => when.format(new Date(iso)),
    person: (person: AuditPerson | null) =>
      person ? `${person.displayName ?? t('log.unknownPerson')}` : t('log.none'),
    /** What was touched, in words; an unknown key (a slice added since) says so with the key. */
    resource: (key: string) => t(`resources.${key}`, { defaultValue: t('resources.other', { key }) }),
    /** The details as short 「label: value」 texts, internal ids left out. */
    details: (entry: AuditEntryView) => fields(entry.details),
    hasDetails: (entry: AuditEntryView) => Object.keys(entry.details).length > 0,
  };
}
