// The 受講案内 of one session (issue 19 ③; HR's, or a workplace course's 課長/係長's): announce it to the staff the course is for or to a chosen
// audience, and read each announcement's delivery report (sent, waiting, failed and why, opened, applied),
// which follows the bot's outbox while messages are still waiting.
import { Badge, Button, Checkbox, Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Announcement, Audience } from '../../../src/training/announcement.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { queryKeys, routeQuery, useFramework } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../shell/layout.tsx';
import { formatInstant } from '../shell/date-time.ts';
import { useTrainingStyles } from './catalog.tsx';
import messages from './announcement-messages.ts';
import { StackForm } from '../shell/stack-form.tsx';
import { YearsRange } from './years-range.tsx';
import type { SessionPanelProps } from './roster.tsx';

registerBundle('training-notices', messages);

/** While messages wait in the outbox (or the fan-out runs), the counts are read again this often. */
const REFRESH_MS = 5000;

const splitDepartments = (text: string) =>
  text
    .split(/[,、，\n]/)
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * `area`: HR's console, or a 課's workplace training. For a workplace course's session (in either) the
 * server sends only to that 課: the panel says so and asks for no 課.
 */
export function AnnouncementsPanel({ api, sessionId, area = 'hr' }: SessionPanelProps) {
  const { t, i18n } = useTranslation('training-notices');
  const layout = useLayoutStyles();
  const queryClient = useQueryClient();
  const roster = useQuery(
    routeQuery(api, queryKeys.roster(sessionId), 'GET /api/training/sessions/:sessionId/roster', {
      params: { sessionId },
    }),
  );
  // In HR's console the session may be of a workplace course: its course says so.
  const courseId = roster.data?.session.courseId ?? '';
  const course = useQuery({
    ...routeQuery(api, queryKeys.hrCourse(courseId), 'GET /api/training/courses/:courseId', {
      params: { courseId },
    }),
    enabled: area === 'hr' && courseId !== '',
  });
  const workplace = area === 'workplace' || course.data?.scope === 'workplace';
  const listKey = queryKeys.announcements(sessionId);
  const list = useQuery({
    ...routeQuery(api, listKey, 'GET /api/training/sessions/:sessionId/announcements', {
      params: { sessionId },
    }),
    refetchInterval: (query) =>
      (query.state.data ?? []).some((entry) => !entry.fannedOut || entry.counts.pending > 0)
        ? REFRESH_MS
        : false,
  });
  const framework = useFramework(api);
  const [kind, setKind] = useState<Audience['kind']>('eligible');
  const [levelIds, setLevelIds] = useState<string[]>([]);
  const [departments, setDepartments] = useState('');
  const [minYears, setMinYears] = useState('');
  const [maxYears, setMaxYears] = useState('');
  const [notice, setNotice] = useState('');

  const audience = (): Audience =>
    kind === 'eligible'
      ? { kind }
      : {
          kind,
          levelIds,
          departments: workplace ? [] : splitDepartments(departments),
          minYearsOfService: minYears === '' ? null : Number(minYears),
          maxYearsOfService: maxYears === '' ? null : Number(maxYears),
        };
  const announce = useMutation({
    mutationFn: (version: number) =>
      api.call('POST /api/training/sessions/:sessionId/announcements', {
        params: { sessionId },
        body: { version, audience: audience() },
      }),
    onSuccess: async (created) => {
      setNotice(t('sent', { count: created.counts.recipients }));
      await queryClient.invalidateQueries({ queryKey: listKey });
    },
  });

  const session = roster.data?.session;
  const busy = announce.isPending;
  return (
    <Section title={t('title')} id="training-announcements" testId="announcements">
      <p className={layout.muted}>{t('intro')}</p>
      {workplace ? (
        <p className={layout.muted} data-testid="announce-workplace">
          {t('workplaceIntro')}
        </p>
      ) : null}
      <StackForm
        onSubmit={() => {
          setNotice('');
          if (session) announce.mutate(session.version);
        }}
      >
        <RadioGroup
          value={kind}
          onChange={(_, data) => setKind(data.value as Audience['kind'])}
          aria-label={t('audience')}
          data-testid="announce-kind"
        >
          <Radio value="eligible" label={t('eligible')} data-testid="announce-eligible" />
          <Radio
            value="chosen"
            label={workplace ? t('chosenWorkplace') : t('chosen')}
            data-testid="announce-chosen"
          />
        </RadioGroup>
        {kind === 'chosen' ? (
          <>
            <fieldset className={layout.row} style={{ border: 'none', padding: 0, margin: 0 }}>
              <legend style={{ padding: 0, marginBottom: 4 }}>{t('levels')}</legend>
              {(framework.data?.levels ?? []).map((level) => (
                <Checkbox
                  key={level.id}
                  label={i18n.language === 'en' ? level.name.en : level.name.ja}
                  checked={levelIds.includes(level.id)}
                  onChange={(_, data) =>
                    setLevelIds((ids) =>
                      data.checked === true ? [...ids, level.id] : ids.filter((id) => id !== level.id),
                    )
                  }
                  data-testid={`announce-level-${level.id}`}
                />
              ))}
            </fieldset>
            {!workplace ? (
              <Field label={t('departments')} hint={t('departmentsHint')}>
                <Input
                  value={departments}
                  onChange={(_, data) => setDepartments(data.value)}
                  data-testid="announce-departments"
                />
              </Field>
            ) : null}
            <YearsRange
              labels={[t('minYears'), t('maxYears')]}
              min={{ value: minYears, onChange: (_, data) => setMinYears(data.value) }}
              max={{ value: maxYears, onChange: (_, data) => setMaxYears(data.value) }}
            />
          </>
        ) : null}
        <ErrorBar error={announce.error ?? undefined} testId="announce-error" />
        <div>
          <Button
            appearance="primary"
            type="submit"
            disabled={busy || !session}
            data-testid="announce-submit"
          >
            {t('submit')}
          </Button>
        </div>
        <span role="status" data-testid="announce-notice">
          {notice}
        </span>
      </StackForm>
      <QueryState query={list}>
        {(announcements) => (
          <OrEmpty empty={announcements.length === 0} text={t('none')}>
            <ul style={{ listStyle: 'none', padding: 0 }} data-testid="announcement-list">
              {announcements.map((entry) => (
                <AnnouncementItem key={entry.id} api={api} entry={entry} />
              ))}
            </ul>
          </OrEmpty>
        )}
      </QueryState>
    </Section>
  );
}

function AnnouncementItem({ api, entry }: { api: ApiClient; entry: Announcement }) {
  const { t, i18n } = useTranslation('training-notices');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const [open, setOpen] = useState(false);
  const report = useQuery({
    ...routeQuery(
      api,
      queryKeys.deliveryReport(entry.id),
      'GET /api/training/announcements/:announcementId',
      {
        params: { announcementId: entry.id },
      },
    ),
    enabled: open,
    refetchInterval: (query) =>
      query.state.data && query.state.data.counts.pending > 0 ? REFRESH_MS : false,
  });
  const { counts } = entry;
  const audienceText =
    entry.audience.kind === 'eligible'
      ? t('eligible')
      : [
          entry.audience.levelIds.length > 0 ? `${t('levels')}: ${entry.audience.levelIds.join(', ')}` : '',
          entry.audience.departments.length > 0
            ? `${t('departments')}: ${entry.audience.departments.join(', ')}`
            : '',
          entry.audience.minYearsOfService !== null || entry.audience.maxYearsOfService !== null
            ? t('yearsRange', {
                min: entry.audience.minYearsOfService ?? 0,
                max: entry.audience.maxYearsOfService ?? '—',
              })
            : '',
        ]
          .filter(Boolean)
          .join(' / ');
  return (
    <li className={styles.item} data-testid={`announcement-${entry.id}`}>
      <strong>
        {t('announcedAt', {
          at: formatInstant(entry.announcedAt, i18n.language),
          by: entry.announcedByName ?? '',
        })}
      </strong>
      <span>{audienceText}</span>
      <div className={layout.row} data-testid="announcement-counts">
        <Badge appearance="outline">{t('counts.recipients', { count: counts.recipients })}</Badge>
        <Badge color="success" data-testid="count-sent">
          {t('counts.sent', { count: counts.sent })}
        </Badge>
        <Badge color="informative">{t('counts.pending', { count: counts.pending })}</Badge>
        <Badge color={counts.failed > 0 ? 'danger' : 'subtle'} data-testid="count-failed">
          {t('counts.failed', { count: counts.failed })}
        </Badge>
        <Badge color="brand" data-testid="count-opened">
          {t('counts.opened', { count: counts.opened })}
        </Badge>
        <Badge color="brand">{t('counts.applied', { count: counts.applied })}</Badge>
        {entry.fannedOut ? null : <Badge color="warning">{t('fanningOut')}</Badge>}
      </div>
      <div>
        <Button aria-expanded={open} onClick={() => setOpen(!open)} data-testid="announcement-report">
          {open ? t('hideReport') : t('showReport')}
        </Button>
      </div>
      {open ? (
        <QueryState query={report}>
          {({ failures, failuresTruncated }) => (
            <OrEmpty empty={failures.length === 0} text={t('noFailures')} testId="no-failures">
              <ul data-testid="announcement-failures">
                {failures.map((failure) => (
                  <li key={failure.personId}>
                    <strong>{failure.personName}</strong>
                    {failure.department ? `（${failure.department}）` : ''}：
                    {i18n.language === 'en' ? failure.reasonText.en : failure.reasonText.ja}
                  </li>
                ))}
              </ul>
              {failuresTruncated ? <p>{t('truncated')}</p> : null}
            </OrEmpty>
          )}
        </QueryState>
      ) : null}
    </li>
  );
}
