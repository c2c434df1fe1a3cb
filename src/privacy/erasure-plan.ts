import { sql, type SQL } from 'drizzle-orm';
import { REPORT_OUTBOX_PREFIX } from '../reports/report-outbox-keys.ts';

/**
 * Where personal data lives, column by column, and what erasing a leaver does to it:
 * - `delete`: the row is the leaver's own data (their self-checks, goals, career, 自己申告, interviews
 *   about them, enrolments, reports, chat references, their directory copy) and goes;
 * - `detach`: the row is someone else's data the leaver took part in (an interview they held as
 *   supervisor, a window they opened, a recommendation they made): the content stays for its owner and
 *   the leaver's id is replaced by a tombstone `erased:<erasure id>`;
 * - `keep`: ids only, kept on purpose (the audit log and the erasure records: the law asks for the trail,
 *   and they hold ids, not content; the directory's own reporting lines, rewritten by the next sync).
 *
 * test/integration/privacy/erasure-coverage.test.ts reads the database schema and fails, naming the
 * column, when a table gains a person column this plan does not list — add a rule here when it does.
 */
export interface ErasureRule {
  table: string;
  column: string;
  treatment: 'delete' | 'detach' | 'keep';
  why: string;
  /** Which rows hold the person (default: `column = personId`). */
  where?: (personId: string) => SQL;
  /** How a `detach` rewrites the rows (default: `column = tombstone`). */
  detach?: (personId: string, tombstone: string) => SQL;
}

const LIVE_FUTURE = sql.raw(`status IN ('pending', 'booked') AND starts_at > now()`);

/** Deletes run first (a leaver's own rows go whole), then detaches rewrite what is left. */
export const ERASURE_RULES: readonly ErasureRule[] = [
  // The leaver's own data.
  { table: 'self_checks', column: 'person_id', treatment: 'delete', why: 'their self-checks' },
  {
    table: 'self_check_latest',
    column: 'person_id',
    treatment: 'delete',
    why: 'the ratings of their latest self-check, kept for HR’s dashboard (the trigger on self_checks removes it too)',
  },
  { table: 'goals', column: 'person_id', treatment: 'delete', why: 'their goals' },
  { table: 'career_designs', column: 'person_id', treatment: 'delete', why: 'their career design' },
  { table: 'declarations', column: 'person_id', treatment: 'delete', why: 'their 自己申告' },
  {
    table: 'interviews',
    column: 'person_id',
    treatment: 'delete',
    why: 'interviews about them, with their records',
  },
  { table: 'training_enrolments', column: 'person_id', treatment: 'delete', why: 'their enrolments' },
  {
    table: 'rate_limit_counters',
    column: 'person_id',
    treatment: 'delete',
    why: 'how many changes they made in the current rate-limit window',
  },
  {
    table: 'outlook_subscriptions',
    column: 'mailbox',
    treatment: 'delete',
    why: 'the change-notification subscription on their calendar (Graph drops it at its expiry, within 7 days; the next subscription sweep deletes it there sooner)',
  },
  {
    table: 'outlook_delta_links',
    column: 'mailbox',
    treatment: 'delete',
    why: 'where the catch-up of their calendar would start',
  },
  // Before the comments and reports they find the keys through.
  {
    table: 'bot_outbox',
    column: 'key',
    treatment: 'delete',
    why: 'bot messages about them not yet posted or kept as sent: the channel summaries and supervisor notices of their training reports (the cards carry the report) and the notices of comments they wrote (the cards name them). Messages already posted stay in Teams: see docs/security.md',
    where: (personId) => sql`key IN (
      SELECT prefix || r.id FROM training_reports r
        CROSS JOIN unnest(ARRAY[${sql.join(
          [REPORT_OUTBOX_PREFIX.summary, REPORT_OUTBOX_PREFIX.notice].map((prefix) => sql`${prefix}::text`),
          sql`, `,
        )}]) AS prefix
       WHERE r.person_id = ${personId}::text
      UNION ALL
      SELECT ${REPORT_OUTBOX_PREFIX.comment}::text || c.id FROM report_comments c
       WHERE c.author_id = ${personId}::text)`,
  },
  {
    table: 'bot_outbox',
    column: 'recipient',
    treatment: 'delete',
    why: 'bot messages to them (report forms, reminders)',
    where: (personId) => sql`recipient->>'kind' = 'person' AND recipient->>'personId' = ${personId}::text`,
  },
  // Comments on and shares of their reports go with the reports (deleted before them, found through them).
  {
    table: 'report_comments',
    column: 'report_id',
    treatment: 'delete',
    why: 'comments on their training reports',
    where: (personId) =>
      sql`report_id IN (SELECT id FROM training_reports WHERE person_id = ${personId}::text)`,
  },
  {
    table: 'report_shares',
    column: 'report_id',
    treatment: 'delete',
    why: 'where their training reports were shared',
    where: (personId) =>
      sql`report_id IN (SELECT id FROM training_reports WHERE person_id = ${personId}::text)`,
  },
  { table: 'training_reports', column: 'person_id', treatment: 'delete', why: 'their training reports' },
  { table: 'report_requests', column: 'person_id', treatment: 'delete', why: 'report forms sent to them' },
  {
    table: 'person_levels',
    column: 'person_id',
    treatment: 'delete',
    why: 'their level, employment and transfer history (発令)',
  },
  {
    table: 'line_overrides',
    column: 'person_id',
    treatment: 'delete',
    why: 'supervisors an import gave them when their own left the 課',
  },
  {
    table: 'conversation_references',
    column: 'user_aad_id',
    treatment: 'delete',
    why: 'the bot’s 1:1 chat with them',
  },
  { table: 'people', column: 'id', treatment: 'delete', why: 'their copy of the directory entry' },
  {
    table: 'directory_sync_entries',
    column: 'person_id',
    treatment: 'delete',
    why: 'their directory entry staged by a sync round still being read (the apply skips erased people too)',
  },

  // Others' data the leaver took part in: kept for its owner, unlinked from the leaver.
  {
    table: 'interviews',
    column: 'organizer_id',
    treatment: 'detach',
    why: 'interviews they held as supervisor: the report keeps the record and shared notes; the leaver’s private notes go and future ones are cancelled',
    detach: (_personId, tombstone) => sql`
      organizer_id = ${tombstone},
      private_notes = '',
      outlook_action = NULL,
      lease_until = NULL,
      cancel_reason = CASE WHEN ${LIVE_FUTURE} THEN 'organizer left the organisation' ELSE cancel_reason END,
      status = CASE WHEN ${LIVE_FUTURE} THEN 'cancelled' ELSE status END`,
  },
  {
    table: 'interview_bookings',
    column: 'organizer_id',
    treatment: 'detach',
    why: 'bookings they confirmed for others',
  },
  {
    table: 'training_enrolments',
    column: 'requested_by_id',
    treatment: 'detach',
    why: 'recommendations and nominations they made',
  },
  {
    table: 'report_comments',
    column: 'author_id',
    treatment: 'detach',
    why: 'their comments on others’ reports',
  },
  {
    table: 'report_shares',
    column: 'supervisor_id',
    treatment: 'detach',
    why: 'others’ reports shared with them as supervisor',
  },
  {
    table: 'report_channel_mappings',
    column: 'updated_by_id',
    treatment: 'detach',
    why: 'channel mappings they set as HR',
  },
  {
    table: 'person_levels',
    column: 'supervisor_id',
    treatment: 'detach',
    why: 'transfers that named them as the new supervisor: the override names nobody, so the directory’s manager holds',
    detach: () => sql`supervisor_id = NULL, replaced_manager_id = NULL`,
  },
  {
    table: 'person_levels',
    column: 'replaced_manager_id',
    treatment: 'detach',
    why: 'transfers away from them (the directory will not name them again)',
  },
  {
    table: 'line_overrides',
    column: 'supervisor_id',
    treatment: 'detach',
    why: 'staff an import handed to them: the override names nobody, so the directory’s manager holds',
    detach: () => sql`supervisor_id = NULL, replaced_manager_id = NULL`,
  },
  {
    table: 'line_overrides',
    column: 'replaced_manager_id',
    treatment: 'detach',
    why: 'staff an import took from them (the directory will not name them again)',
  },
  { table: 'cycle_windows', column: 'created_by', treatment: 'detach', why: 'windows they scheduled as HR' },
  { table: 'cycle_windows', column: 'opened_by', treatment: 'detach', why: 'windows they opened as HR' },
  { table: 'cycle_windows', column: 'closed_by', treatment: 'detach', why: 'windows they closed as HR' },
  {
    table: 'directory_sync_requests',
    column: 'requested_by',
    treatment: 'detach',
    why: 'directory syncs they asked for as HR',
  },
  { table: 'people_imports', column: 'imported_by', treatment: 'detach', why: 'HR files they imported' },
  {
    table: 'goals',
    column: 'comments',
    treatment: 'detach',
    why: 'their comments on others’ goals (authorId inside the JSON)',
    where: (personId) =>
      sql`comments @> jsonb_build_array(jsonb_build_object('authorId', ${personId}::text))`,
    detach: (personId, tombstone) => sql`comments = (
      SELECT jsonb_agg(CASE WHEN c->>'authorId' = ${personId}::text
        THEN jsonb_set(c, '{authorId}', to_jsonb(${tombstone}::text)) ELSE c END ORDER BY n)
      FROM jsonb_array_elements(comments) WITH ORDINALITY AS e(c, n))`,
  },
  {
    table: 'self_checks',
    column: 'feedback',
    treatment: 'detach',
    why: 'their feedback on others’ self-checks (authorId inside the JSON)',
    where: (personId) =>
      sql`EXISTS (SELECT 1 FROM jsonb_each(feedback) AS f(k, v) WHERE v->>'authorId' = ${personId}::text)`,
    detach: (personId, tombstone) => sql`feedback = (
      SELECT jsonb_object_agg(k, CASE WHEN v->>'authorId' = ${personId}::text
        THEN jsonb_set(v, '{authorId}', to_jsonb(${tombstone}::text)) ELSE v END)
      FROM jsonb_each(feedback) AS f(k, v))`,
  },

  // Kept on purpose.
  {
    table: 'audit_log',
    column: 'actor_id',
    treatment: 'keep',
    why: 'the audit trail is append-only and holds ids, not content',
  },
  {
    table: 'audit_log',
    column: 'subject_id',
    treatment: 'keep',
    why: 'the audit trail is append-only and holds ids, not content',
  },
  {
    table: 'erasure_records',
    column: 'erased_person_id',
    treatment: 'keep',
    why: 'the record that the erasure happened',
  },
  {
    table: 'erasure_records',
    column: 'erased_by',
    treatment: 'keep',
    why: 'who erased, kept with the record',
  },
  {
    table: 'cycle_window_events',
    column: 'actor_id',
    treatment: 'keep',
    why: 'the append-only history of HR’s window changes (ids only; the database refuses changes)',
  },
  {
    table: 'people',
    column: 'manager_id',
    treatment: 'keep',
    why: 'others’ reporting lines are the directory’s; the next sync gives them their new supervisor',
  },
  {
    table: 'people',
    column: 'directory_manager_id',
    treatment: 'keep',
    why: 'the directory’s own reporting lines, rewritten by the next sync',
  },
  {
    table: 'directory_exclusions',
    column: 'person_id',
    treatment: 'keep',
    why: 'keeps the erased person out of the directory copy until HR lets them back (ids only)',
  },
  {
    table: 'directory_exclusions',
    column: 'lifted_by',
    treatment: 'keep',
    why: 'who let an erased person back, kept with the exclusion',
  },
];

/**
 * Column names that hold a person's directory id, by the naming the slices follow. The coverage test
 * looks for these in information_schema; a new table with such a column must get a rule above.
 */
export const PERSON_COLUMN =
  /^((.+_)?(person|manager|supervisor|author|organizer|actor|subject|user|attendee|recipient)_id|user_aad_id|aad_object_id|.+_by|.+_by_id)$/;
