// What a bot notice needs of the people it names, read inside the caller's transaction so the notice is
// queued with the change that causes it. Used by the notices of 1:1 requests (interviews) and of OJT
// suggestions (ojt).
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { DEFAULT_OFFICE_HOURS, nextOfficeTime, type OfficeHours } from '../jobs/office-hours.ts';
import { personNames } from '../people/people.read.ts';

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
