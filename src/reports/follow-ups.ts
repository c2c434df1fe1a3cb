// The DRILL follow-up (issue 19 ⑤; docs/training.md "Follow-up"): TRAINING_FOLLOW_UP_MONTHS after a
// session a person attended, the bot asks the attendee 「業務に反映できましたか」 (a short answer and an
// example) and their supervisor for a one-line observation of them. A job chooses who is due; each choice is
// one row of `training_follow_ups` (unique per session, person and role) written in the same transaction as
// its bot message, so a crash between choosing and sending leaves either both or neither, and a re-run or a
// second instance finds the row and asks no one twice. The outbox posts in office hours, once per key.
import { and, desc, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { updateAtVersion } from '../db/rows.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import { DEFAULT_OFFICE_HOURS, nextOfficeTime, type OfficeHours } from '../jobs/office-hours.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { JST_OFFSET_MS } from '../shared/japan-time.ts';
import type { TrainingStore } from '../training/training.store.ts';
import { attendanceHeading, attendanceOf, attendances } from '../training/training.read.ts';
import type { BotMessages } from './bot-messages.port.ts';
import { personalLocalesOf } from './conversation-references.store.ts';
import type { FollowUpAnswerInput, FollowUpObservationInput, FollowUpView } from './follow-up.contract.ts';
import type { FollowUpCardBuilders, FollowUpLocale } from './follow-up-cards.port.ts';
import { trainingFollowUps } from './follow-up.schema.ts';
import { adaptiveCard } from './report-cards.port.ts';
import { followUpKey } from './report-outbox-keys.ts';

export { followUpKey };

const DAY = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Sessions whose follow-up fell due longer ago than this are not asked about: on the first run after a
 * release (or after the setting is shortened) nobody is asked about a training of years ago.
 */
export const FOLLOW_UP_WINDOW_DAYS = 30;
/** Rows per query: a large session's attendees are asked in several rounds of one run. */
const BATCH = 200;

type FollowUpRow = typeof trainingFollowUps.$inferSelect;

/**
 * The instant `months` calendar months before `now`, on the Japan calendar (the same time of day; a day
 * the earlier month lacks falls back to its last day: 31 May − 3 months is 28/29 February). A session that
 * ended at or before it is due its follow-up. Pure.
 */
export function monthsBefore(now: Date, months: number): Date {
  const local = new Date(now.getTime() + JST_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(local.getUTCDate(), lastDay),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return new Date(shifted - JST_OFFSET_MS);
}

export interface FollowUpDependencies {
  db: Db;
  botMessages: BotMessages;
  cards: FollowUpCardBuilders;
  people: Pick<PeopleStore, 'managerOf' | 'getMany'>;
  training: Pick<TrainingStore, 'sessionsById' | 'coursesById'>;
  audit: AuditLog;
  /** Whether the attendee submitted a self-check after this instant (growth's published read). */
  selfChecks: { submittedSince(personId: string, since: Date): Promise<boolean> };
  months: number;
  hours?: OfficeHours;
  now: () => Date;
}

export function createFollowUps(deps: FollowUpDependencies) {
  const audited = auditOf(deps.audit, 'training-follow-up');
  const { db } = deps;
  const hours = deps.hours ?? DEFAULT_OFFICE_HOURS;

  /** Each person's language from their latest personal chat with the bot; Japanese when never seen. */
  const localesOf = (personIds: string[]): Promise<Map<string, FollowUpLocale>> =>
    personalLocalesOf(db, personIds);

  /**
   * Attended (or reported) enrolments of live sessions whose follow-up is due and still within the window,
   * without an attendee follow-up yet. One join over the training slice's published attendances.
   */
  const attendance = attendances(db);
  const due = async (now: Date) => {
    const cutoff = monthsBefore(now, deps.months);
    return db
      .select(attendanceHeading(attendance))
      .from(attendance)
      .leftJoin(
        trainingFollowUps,
        and(attendanceOf(attendance, trainingFollowUps), eq(trainingFollowUps.role, 'attendee')),
      )
      .where(
        and(
          inArray(attendance.status, ['attended', 'reported']),
          eq(attendance.sessionStatus, 'scheduled'),
          lte(attendance.endsAt, cutoff),
          gt(attendance.endsAt, new Date(cutoff.getTime() - FOLLOW_UP_WINDOW_DAYS * DAY)),
          isNull(trainingFollowUps.id),
        ),
      )
      .limit(BATCH);
  };

  /** Open until the attendee submits a self-check after the follow-up was asked (then it is evidence). */
  const isEditable = async (row: FollowUpRow) =>
    !(await deps.selfChecks.submittedSince(row.personId, row.requestedAt));

  const viewsOf = async (rows: FollowUpRow[]): Promise<FollowUpView[]> => {
    if (rows.length === 0) return [];
    const sessions = await deps.training.sessionsById([...new Set(rows.map((row) => row.sessionId))]);
    const courses = await deps.training.coursesById([
      ...new Set(sessions.map((session) => session.courseId)),
    ]);
    const people = await deps.people.getMany([...new Set(rows.map((row) => row.personId))]);
    const views: FollowUpView[] = [];
    for (const row of rows) {
      const session = sessions.find((candidate) => candidate.id === row.sessionId);
      const course = session && courses.find((candidate) => candidate.id === session.courseId);
      if (!session || !course) continue;
      views.push({
        id: row.id,
        role: row.role,
        session: {
          sessionId: session.id,
          courseId: course.id,
          courseTitle: { ja: course.titleJa, en: course.titleEn },
          start: session.startsAt.toISOString(),
          end: session.endsAt.toISOString(),
        },
        personId: row.personId,
        personName: people.find((person) => person.id === row.personId)?.displayName ?? '',
        requestedAt: row.requestedAt.toISOString(),
        answer: row.answer,
        text: row.text,
        answeredAt: row.answeredAt?.toISOString() ?? null,
        editable: await isEditable(row),
        version: row.version,
      });
    }
    return views;
  };

  /** The follow-up the caller was asked, for writing: 404 unknown, 403 someone else's or the other role's. */
  const writable = async (actor: Actor, id: string, role: FollowUpRow['role']) => {
    if (!UUID.test(id)) throw new AppError('not_found', 'No such follow-up.');
    const [row] = await db.select().from(trainingFollowUps).where(eq(trainingFollowUps.id, id)).limit(1);
    if (!row) throw new AppError('not_found', 'No such follow-up.');
    if (row.recipientId !== actor.id || row.role !== role)
      throw new AppError('forbidden', 'This follow-up was not asked of you.');
    return row;
  };

  const write = async (
    actor: Actor,
    row: FollowUpRow,
    version: number,
    changes: Pick<FollowUpRow, 'answer' | 'text'>,
  ): Promise<FollowUpView> => {
    if (!(await isEditable(row)))
      throw new AppError(
        'conflict',
        'The self-check after this follow-up has been submitted: the answer is its evidence now and stays as it was.',
      );
    if (row.version !== version)
      throw versionConflict('The follow-up was answered elsewhere meanwhile.', row.version);
    const now = deps.now();
    const updated = await updateAtVersion(
      db,
      trainingFollowUps,
      row.id,
      version,
      { ...changes, answeredAt: now },
      now,
    );
    if (!updated) {
      const [current] = await db
        .select()
        .from(trainingFollowUps)
        .where(eq(trainingFollowUps.id, row.id))
        .limit(1);
      throw versionConflict('The follow-up was answered elsewhere meanwhile.', current?.version ?? version);
    }
    await audited('write', actor, row.personId, {
      followUpId: row.id,
      role: row.role,
      version: updated.version,
    });
    return (await viewsOf([updated]))[0]!;
  };

  return {
    /**
     * One pass: asks every attendee whose follow-up is due, and their supervisor. Safe to run concurrently
     * and repeatedly: the rows' unique index decides, inside the transaction that queues the messages.
     */
    async runOnce(): Promise<{ asked: number }> {
      const now = deps.now();
      const notBefore = nextOfficeTime(now, hours);
      let asked = 0;
      for (;;) {
        const rows = await due(now);
        const supervisors = new Map<string, string | null>();
        for (const row of rows) supervisors.set(row.personId, await deps.people.managerOf(row.personId));
        const names = await deps.people.getMany([...new Set(rows.map((row) => row.personId))]);
        const locales = await localesOf([
          ...new Set([
            ...rows.map((row) => row.personId),
            ...[...supervisors.values()].filter((id): id is string => id !== null),
          ]),
        ]);
        for (const row of rows) {
          const session = {
            sessionId: row.sessionId,
            courseTitle: { ja: row.titleJa, en: row.titleEn },
            start: row.startsAt.toISOString(),
          };
          const supervisorId = supervisors.get(row.personId) ?? null;
          const personName = names.find((person) => person.id === row.personId)?.displayName ?? '';
          const inserted = await db.transaction(async (tx) => {
            const recipients = [
              { role: 'attendee' as const, recipientId: row.personId },
              ...(supervisorId && supervisorId !== row.personId
                ? [{ role: 'supervisor' as const, recipientId: supervisorId }]
                : []),
            ];
            const created = await tx
              .insert(trainingFollowUps)
              .values(
                recipients.map((recipient) => ({
                  sessionId: row.sessionId,
                  personId: row.personId,
                  ...recipient,
                  requestedAt: now,
                })),
              )
              .onConflictDoNothing()
              .returning();
            if (created.length === 0) return false;
            await deps.botMessages.enqueue(
              created.map((followUp) => {
                const locale = locales.get(followUp.recipientId) ?? 'ja';
                const card =
                  followUp.role === 'attendee'
                    ? deps.cards.attendee({
                        locale,
                        followUpId: followUp.id,
                        version: followUp.version,
                        session,
                      })
                    : deps.cards.supervisor({
                        locale,
                        followUpId: followUp.id,
                        version: followUp.version,
                        session,
                        personName,
                      });
                return {
                  key: followUpKey(followUp.id),
                  recipient: { kind: 'person' as const, personId: followUp.recipientId },
                  attachments: [adaptiveCard(card)],
                  notBefore,
                };
              }),
              tx,
            );
            return true;
          });
          if (inserted) asked += 1;
        }
        if (rows.length < BATCH) return { asked };
      }
    },

    /** The follow-ups asked of me (as attendee or supervisor) that I may still answer or change. */
    async mine(actor: Actor): Promise<FollowUpView[]> {
      const rows = await db
        .select()
        .from(trainingFollowUps)
        .where(eq(trainingFollowUps.recipientId, actor.id))
        .orderBy(desc(trainingFollowUps.requestedAt));
      return (await viewsOf(rows)).filter((view) => view.editable);
    },

    /** One follow-up as its recipient reads it (the bot's card after an answer). */
    async one(actor: Actor, id: string, role: FollowUpRow['role']): Promise<FollowUpView> {
      return (await viewsOf([await writable(actor, id, role)]))[0]!;
    },

    /** The attendee answers (or changes the answer). */
    async answer(actor: Actor, id: string, input: FollowUpAnswerInput): Promise<FollowUpView> {
      const row = await writable(actor, id, 'attendee');
      return write(actor, row, input.version, { answer: input.answer, text: input.example.trim() });
    },

    /** The supervisor asked gives (or changes) the observation. */
    async observe(actor: Actor, id: string, input: FollowUpObservationInput): Promise<FollowUpView> {
      const row = await writable(actor, id, 'supervisor');
      return write(actor, row, input.version, { answer: null, text: input.observation });
    },
  };
}

export type FollowUps = ReturnType<typeof createFollowUps>;
