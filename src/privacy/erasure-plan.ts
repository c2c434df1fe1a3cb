import { sql, type SQL } from 'drizzle-orm';
import { FOLLOW_UP_OUTBOX_PREFIX, REPORT_OUTBOX_PREFIX } from '../reports/report-outbox-keys.ts';
import { INTERVIEW_OUTBOX_PREFIX } from '../interviews/interview-outbox-keys.ts';
import { OJT_OUTBOX_PREFIX } from '../ojt/ojt-outbox-keys.ts';
import {
  QUALIFICATION_DECIDER_SUFFIX,
  QUALIFICATION_OUTBOX_PREFIX,
} from '../qualifications/qualification-outbox-keys.ts';
import { CAREER_OUTBOX_PREFIX } from '../growth/career-outbox-keys.ts';

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

/**
 * A rule as the plan writes it: its reason, or its reason with how it finds (`where`) or rewrites
 * (`detach`) the rows.
 */
type RuleRow = string | Pick<ErasureRule, 'why' | 'where' | 'detach'>;

/**
 * The rules of one treatment, keyed by `table.column`, in the order they run:
 * `delete`, the leaver's own rows (they go); `detach`, someone else's rows the leaver took part in (the
 * leaver's id is replaced); `keep`, ids kept on purpose.
 */
function rulesOf(
  treatment: ErasureRule['treatment'],
  rows: Record<`${string}.${string}`, RuleRow>,
): ErasureRule[] {
  return Object.entries(rows).map(([key, row]) => {
    const [table = '', column = ''] = key.split('.');
    return { table, column, treatment, ...(typeof row === 'string' ? { why: row } : row) };
  });
}

/** A row that was open for the leaver as supervisor is `closed` (nobody is left to act on it). */
const supervisorLeftOpen = (closed: 'closed' | 'dismissed') => (_personId: string, tombstone: string) => sql`
      supervisor_id = ${tombstone},
      status = CASE WHEN status = 'open' THEN ${sql.raw(`'${closed}'`)} ELSE status END`;

/** A line override that names nobody: the directory's manager holds. */
const NO_OVERRIDE = sql`supervisor_id = NULL, replaced_manager_id = NULL`;

/** Rows that hang off the leaver's training reports. */
const ofTheirReports = (personId: string) =>
  sql`report_id IN (SELECT id FROM training_reports WHERE person_id = ${personId}::text)`;

/** Deletes run first (a leaver's own rows go whole), then detaches rewrite what is left. */
export const ERASURE_RULES: readonly ErasureRule[] = [
  // The leaver's own data.
  ...rulesOf('delete', {
    'self_checks.person_id': 'their self-checks',
    'self_check_latest.person_id':
      'the ratings of their latest self-check, kept for HR’s dashboard (the trigger on self_checks removes it too)',
    'goals.person_id': 'their goals',
    'career_designs.person_id': 'their career design',
    'career_prompts.person_id': 'the career milestones prompted for them (キャリア面談, 専門 / 幅広)',
    'declarations.person_id': 'their 自己申告',
    'interviews.person_id': 'interviews about them, with their records',
    'interview_requests.person_id': 'the 1:1s they asked their supervisor for',
    'interview_series.person_id': 'recurring 1:1 series with them (the occurrences go with interviews)',
    'ojt_guidance.person_id': 'guidance logged for them under their OJT plans',
    'ojt_plans.person_id': 'their OJT plans (their checklist items go with them)',
    'ojt_suggestions.person_id': 'onboarding OJT suggestions about them',
    'evaluations.person_id': 'their 人事評価 support forms (their ratings go with them)',
    'evaluator_overrides.person_id': 'the evaluators HR named for them',
    'evaluator_trainings.person_id': 'whether they completed the 評価者研修',
    'pulse_participations.person_id':
      'that they answered a やりがい pulse: the answer itself holds no person and stays in the counts (docs/pulse.md)',
    'training_enrolments.person_id': 'their enrolments',
    'training_self_study_enrolments.person_id': 'their self-study enrolments, progress and reports',
    'training_course_interests.person_id':
      'the courses they waited to be told of (開講されたら知らせてほしい)',
    'qualification_applications.person_id':
      'their 資格取得 support applications (a pass already added to their career design goes with it)',
    'training_announcement_recipients.person_id':
      'that they were told of a session (受講案内) and when they opened it',
    'training_attendance_marks.person_id':
      'their time in a session’s Teams meeting, read from its attendance report',
    'training_checkin_failures.person_id': 'how many wrong check-in codes they typed lately',
    'rate_limit_counters.person_id': 'how many changes they made in the current rate-limit window',
    'outlook_subscriptions.mailbox':
      'the change-notification subscription on their calendar (Graph drops it at its expiry, within 7 days; the next subscription sweep deletes it there sooner)',
    'outlook_delta_links.mailbox': 'where the catch-up of their calendar would start',
    // Before the comments and reports they find the keys through.
    'bot_outbox.key': {
      why: 'bot messages about them not yet posted or kept as sent: the channel summaries and supervisor notices of their training reports (the cards carry the report) and the notices of comments they wrote (the cards name them), the DRILL follow-up questions about them (their supervisor’s card names them), the notices of 1:1s they asked their supervisors for (found by the requester’s id in the key, interview-outbox-keys.ts), the notices to their supervisor of an OJT plan to make for them (found by their id in the key, ojt-outbox-keys.ts), the notices of their career milestones to them and their supervisor (found by their id in the key, career-outbox-keys.ts), the notices of their 資格取得 applications’ steps to them and their supervisor, and the decision notices that name them as the deciding supervisor or HR (found by their id in the key, qualification-outbox-keys.ts). Messages already posted stay in Teams: see docs/security.md',
      where: (personId) => sql`key IN (
      SELECT prefix || r.id FROM training_reports r
        CROSS JOIN unnest(ARRAY[${sql.join(
          [REPORT_OUTBOX_PREFIX.summary, REPORT_OUTBOX_PREFIX.notice].map((prefix) => sql`${prefix}::text`),
          sql`, `,
        )}]) AS prefix
       WHERE r.person_id = ${personId}::text
      UNION ALL
      SELECT ${REPORT_OUTBOX_PREFIX.comment}::text || c.id FROM report_comments c
       WHERE c.author_id = ${personId}::text
      UNION ALL
      SELECT ${FOLLOW_UP_OUTBOX_PREFIX}::text || f.id FROM training_follow_ups f
       WHERE f.person_id = ${personId}::text)
      OR key LIKE ${INTERVIEW_OUTBOX_PREFIX.requestArrived}::text || ${personId}::text || ':%'
      OR key LIKE ${OJT_OUTBOX_PREFIX.suggestion}::text || ${personId}::text || ':%'
      OR key LIKE ${CAREER_OUTBOX_PREFIX.prompt}::text || ${personId}::text || ':%'
      OR key LIKE ${QUALIFICATION_OUTBOX_PREFIX.application}::text || ${personId}::text || ':%'
      OR (key LIKE ${QUALIFICATION_OUTBOX_PREFIX.application}::text || '%'
          AND key LIKE '%' || ${QUALIFICATION_DECIDER_SUFFIX}::text || ${personId}::text)`,
    },
    'bot_outbox.recipient': {
      why: 'bot messages to them (report forms, reminders)',
      where: (personId) => sql`recipient->>'kind' = 'person' AND recipient->>'personId' = ${personId}::text`,
    },
    // Comments on and shares of their reports go with the reports (deleted before them, found through them).
    'report_comments.report_id': { why: 'comments on their training reports', where: ofTheirReports },
    'report_shares.report_id': { why: 'where their training reports were shared', where: ofTheirReports },
    'training_reports.person_id': 'their training reports',
    'report_requests.person_id': 'report forms sent to them',
    'training_follow_ups.person_id':
      'the DRILL follow-ups about them: their answers and their supervisors’ observations of them',
    'person_levels.person_id': 'their level, employment and transfer history (発令)',
    'line_overrides.person_id': 'supervisors an import gave them when their own left the 課',
    'conversation_references.user_aad_id': 'the bot’s 1:1 chat with them',
    'people.id': 'their copy of the directory entry',
    'directory_sync_entries.person_id':
      'their directory entry staged by a sync round still being read (the apply skips erased people too)',
  }),
  // Others' data the leaver took part in: kept for its owner, unlinked from the leaver.
  ...rulesOf('detach', {
    'interviews.organizer_id': {
      why: 'interviews they held as supervisor: the report keeps the record and shared notes; the leaver’s private notes go and future ones are cancelled',
      detach: (_personId, tombstone) => sql`
      organizer_id = ${tombstone},
      private_notes = '',
      outlook_action = NULL,
      lease_until = NULL,
      cancel_reason = CASE WHEN ${LIVE_FUTURE} THEN 'organizer left the organisation' ELSE cancel_reason END,
      status = CASE WHEN ${LIVE_FUTURE} THEN 'cancelled' ELSE status END`,
    },
    'interview_bookings.organizer_id': 'bookings they confirmed for others',
    'interview_series.organizer_id': 'recurring 1:1 series they held as supervisor',
    'interview_requests.supervisor_id': {
      why: '1:1s others asked of them as supervisor: open ones are closed (nobody is left to answer them)',
      detach: supervisorLeftOpen('closed'),
    },
    'ojt_plans.mentor_person_id':
      'OJT plans they were 指導担当 of: kept for the person; the supervisor names a new one',
    'ojt_plans.created_by_id': 'OJT plans they made as supervisor',
    'ojt_checklist_items.done_by_id': 'OJT checklist items they ticked',
    'pulses.created_by_id': 'やりがい pulses they configured as HR',
    'pulse_actions.updated_by_id': 'the 課’s pulse actions they wrote as 課長 or 係長',
    'evaluations.first_evaluator_id': 'evaluations they drafted as 1次: kept for the person',
    'evaluations.second_evaluator_id': 'evaluations they reviewed as 2次: kept for the person',
    'evaluator_overrides.first_evaluator_id': {
      why: 'HR named them 1次評価者: the reporting lines name the 1次 again',
      detach: () => sql`first_evaluator_id = NULL`,
    },
    'evaluator_overrides.second_evaluator_id': {
      why: 'HR named them 2次評価者: the reporting lines name the 2次 again',
      detach: () => sql`second_evaluator_id = NULL`,
    },
    'evaluator_overrides.set_by_id': 'evaluators they named as HR',
    'evaluator_trainings.recorded_by_id': '評価者研修 records they made as HR',
    'ojt_guidance.given_by_id': 'OJT guidance they gave: kept for the person it was for',
    'ojt_suggestions.supervisor_id': {
      why: 'onboarding suggestions made to them as supervisor: open ones are dismissed (nobody is left to act)',
      detach: supervisorLeftOpen('dismissed'),
    },
    'training_enrolments.requested_by_id': 'recommendations and nominations they made',
    'training_self_study_enrolments.enrolled_by_id': 'self-study enrolments they made for others as HR',
    'qualification_applications.supervisor_id':
      '資格取得 applications they approved or returned as supervisor: kept for the applicant (one awaiting a supervisor names nobody: the supervisor in force decides it)',
    'qualification_applications.hr_decided_by_id':
      '資格取得 applications they approved or refused as HR: kept for the applicant and the budget',
    'training_budgets.updated_by_id': 'training budgets they set as HR (the audit log keeps who)',
    'training_courses.organiser_id': 'workplace courses (職場研修) they made for their 課',
    'training_announcements.announced_by_id': 'session announcements (受講案内) they sent as HR',
    'training_attendance_proposals.confirmed_by_id': 'attendance they confirmed as HR',
    'report_comments.author_id': 'their comments on others’ reports',
    'training_follow_ups.recipient_id':
      'observations they gave as supervisor: kept for the person they are about, unlinked from the leaver',
    'report_shares.supervisor_id': 'others’ reports shared with them as supervisor',
    'report_channel_mappings.updated_by_id': 'channel mappings they set as HR',
    'person_levels.supervisor_id': {
      why: 'transfers that named them as the new supervisor: the override names nobody, so the directory’s manager holds',
      detach: () => NO_OVERRIDE,
    },
    'person_levels.replaced_manager_id': 'transfers away from them (the directory will not name them again)',
    'line_overrides.supervisor_id': {
      why: 'staff an import handed to them: the override names nobody, so the directory’s manager holds',
      detach: () => NO_OVERRIDE,
    },
    'line_overrides.replaced_manager_id':
      'staff an import took from them (the directory will not name them again)',
    'cycle_windows.created_by': 'windows they scheduled as HR',
    'cycle_windows.opened_by': 'windows they opened as HR',
    'cycle_windows.closed_by': 'windows they closed as HR',
    'directory_sync_requests.requested_by': 'directory syncs they asked for as HR',
    'people_imports.imported_by': 'HR files they imported',
    'goals.comments': {
      why: 'their comments on others’ goals (authorId inside the JSON)',
      where: (personId) =>
        sql`comments @> jsonb_build_array(jsonb_build_object('authorId', ${personId}::text))`,
      detach: (personId, tombstone) => sql`comments = (
      SELECT jsonb_agg(CASE WHEN c->>'authorId' = ${personId}::text
        THEN jsonb_set(c, '{authorId}', to_jsonb(${tombstone}::text)) ELSE c END ORDER BY n)
      FROM jsonb_array_elements(comments) WITH ORDINALITY AS e(c, n))`,
    },
    'self_checks.feedback': {
      why: 'their feedback on others’ self-checks (authorId inside the JSON)',
      where: (personId) =>
        sql`EXISTS (SELECT 1 FROM jsonb_each(feedback) AS f(k, v) WHERE v->>'authorId' = ${personId}::text)`,
      detach: (personId, tombstone) => sql`feedback = (
      SELECT jsonb_object_agg(k, CASE WHEN v->>'authorId' = ${personId}::text
        THEN jsonb_set(v, '{authorId}', to_jsonb(${tombstone}::text)) ELSE v END)
      FROM jsonb_each(feedback) AS f(k, v))`,
    },
  }),
  // Kept on purpose.
  ...rulesOf('keep', {
    'audit_log.actor_id': 'the audit trail is append-only and holds ids, not content',
    'audit_log.subject_id': 'the audit trail is append-only and holds ids, not content',
    'erasure_records.erased_person_id': 'the record that the erasure happened',
    'erasure_records.erased_by': 'who erased, kept with the record',
    'cycle_window_events.actor_id':
      'the append-only history of HR’s window changes (ids only; the database refuses changes)',
    'people.manager_id':
      'others’ reporting lines are the directory’s; the next sync gives them their new supervisor',
    'people.directory_manager_id': 'the directory’s own reporting lines, rewritten by the next sync',
    'directory_exclusions.person_id':
      'keeps the erased person out of the directory copy until HR lets them back (ids only)',
    'directory_exclusions.lifted_by': 'who let an erased person back, kept with the exclusion',
  }),
];

/**
 * Column names that hold a person's directory id, by the naming the slices follow. The coverage test
 * looks for these in information_schema; a new table with such a column must get a rule above.
 */
export const PERSON_COLUMN =
  /^((.+_)?(person|manager|supervisor|author|organizer|actor|subject|user|attendee|recipient|evaluator)_id|user_aad_id|aad_object_id|.+_by|.+_by_id)$/;
