// What a bot notice needs of the people it names, read inside the caller's transaction so the notice is
// queued with the change that causes it. Used by the notices of 1:1 requests (interviews), of OJT
// suggestions (ojt) and of career milestones (growth).
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { DEFAULT_OFFICE_HOURS, nextOfficeTime, type OfficeHours } from '../jobs/office-hours.ts';
import { personNames } from '../people/people.read.ts';
import type { BotMessage } from './bot-messages.port.ts';

export type NoticeLocale = 'ja' | 'en';

export interface NoticeRecipientSources {
  /** Each person's language, read through `db` (the caller's transaction); Japanese for anyone it does not name. */
  languagesOf?: (personIds: string[], db: Db) => Promise<Map<string, NoticeLocale>>;
  hours?: OfficeHours;
}

/**
 * The display names of `personIds` ('' for someone the directory no longer lists), each one's language,
 * and when the notices may go out (the next time the office is open after `now`).
 */
export async function noticeRecipients(
  tx: Db,
  personIds: readonly string[],
  sources: NoticeRecipientSources,
  now: Date,
) {
  const ids = [...new Set(personIds)];
  const names = personNames(tx, 'notice_names');
  const rows = await tx
    .select({ id: names.id, displayName: names.displayName })
    .from(names)
    .where(inArray(names.id, ids));
  const languages = sources.languagesOf
    ? await sources.languagesOf(ids, tx)
    : new Map<string, NoticeLocale>();
  return {
    nameOf: (id: string) => rows.find((row) => row.id === id)?.displayName ?? '',
    localeOf: (id: string): NoticeLocale => languages.get(id) ?? 'ja',
    notBefore: nextOfficeTime(now, sources.hours ?? DEFAULT_OFFICE_HOURS),
  };
}

/** What a notice about a person says to their supervisor: its outbox key and the rendered card. */
export interface SupervisorNotice {
  key: string;
  text: string;
  attachments: NonNullable<BotMessage['attachments']>;
}

/**
 * One notice to each entry's supervisor about the entry's person, in the supervisor's language and with
 * the person's name (`notice` renders it), to go out at the next office hour after `now`.
 */
export async function noticesToSupervisors<Entry extends { personId: string; supervisorId: string }>(
  tx: Db,
  entries: readonly Entry[],
  sources: NoticeRecipientSources,
  now: Date,
  notice: (entry: Entry, about: { locale: NoticeLocale; personName: string }) => SupervisorNotice,
): Promise<BotMessage[]> {
  const { nameOf, localeOf, notBefore } = await noticeRecipients(
    tx,
    entries.flatMap((entry) => [entry.personId, entry.supervisorId]),
    sources,
    now,
  );
  return entries.map((entry) => {
    const { key, ...card } = notice(entry, {
      locale: localeOf(entry.supervisorId),
      personName: nameOf(entry.personId),
    });
    return { key, recipient: { kind: 'person', personId: entry.supervisorId }, ...card, notBefore };
  });
}
