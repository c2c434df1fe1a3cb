// Attendance proposed from a session's Teams attendance report (issue 19 ④).
//
// A job looks, every few minutes, at sessions with a Teams meeting that ended at least `delayMinutes`
// ago (Teams makes the report some minutes after the meeting ends) and at most LOOKBACK_DAYS ago. Each
// gets one proposal row; a pass claims the due ones with a lease (FOR UPDATE SKIP LOCKED: a second
// instance takes others or none), reads the report, and writes the proposal only while it still holds
// the lease. It fails closed: whatever Graph answers, no enrolment changes until a person confirms.
// - no report yet: tried again later (backoff), `failed` once MAX_ATTEMPTS are spent;
// - 403 (permission or application access policy missing): `refused`, not retried until HR asks;
// - no meeting for the join link: `noMeeting`;
// - throttled (429/503/504 after the Graph client's own retries) or another error: tried again later.
// HR confirms a proposal in one action, correcting individuals; the confirmed present become `attended`
// and the report requests (src/reports/report-requests.ts) follow as for attendance marked by hand.
import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { GraphError } from '../graph/graph-errors.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import { messageOf, retryAt } from '../jobs/outbox.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { proposeMarks, sharePercent } from './attendance-proposal.ts';
import {
  CHECKIN_CODE_ALPHABET,
  CHECKIN_CODE_LENGTH,
  CHECKIN_REFUSED,
  type AttendanceProposal,
  type AttendanceProposalAnswer,
  type CheckInAnswer,
  type CheckInInput,
  type ConfirmAttendanceInput,
  type RetryAttendanceInput,
} from './attendance.contract.ts';
import {
  trainingAttendanceMarks,
  trainingAttendanceProposals,
  trainingCheckinFailures,
} from './attendance.schema.ts';
import type { MeetingAttendance } from './teams-attendance.ts';
import { trainingEnrolments, trainingSessions } from './training.schema.ts';
import type { TrainingStore } from './training.store.ts';
import { requireManagedSession } from './workplace.ts';

/** Sessions that ended longer ago are not looked at (a first run does not sweep the past). */
export const LOOKBACK_DAYS = 14;
/** Reads of a report that is not there yet (or failing) before the proposal is given up as `failed`. */
export const MAX_ATTEMPTS = 12;
const CLAIM_SIZE = 20;
const LEASE_MS = 5 * 60_000;
const RETRY_BASE_MS = 5 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
/** A room's check-in code is accepted from this long before the session starts until this long after it ends. */
export const CHECKIN_MARGIN_MINUTES = 30;
/** Wrong check-in codes a person may try in CHECKIN_WINDOW_SECONDS before being refused (429). */
export const CHECKIN_FAILURES_MAX = 5;
export const CHECKIN_WINDOW_SECONDS = 15 * 60;
/** When a session's check-in code is accepted: around the session's time as it is now (a moved session moves it). */
const checkinWindow = (session: { startsAt: Date; endsAt: Date }) => ({
  from: new Date(session.startsAt.getTime() - CHECKIN_MARGIN_MINUTES * 60_000),
  until: new Date(session.endsAt.getTime() + CHECKIN_MARGIN_MINUTES * 60_000),
});
/** Enrolments that are on the roster of a session that took place. */
const ON_ROSTER = ['confirmed', 'attended', 'reported'];

type ProposalRow = typeof trainingAttendanceProposals.$inferSelect;

export interface AttendanceDependencies {
  db: Db;
  store: TrainingStore;
  people: PeopleStore;
  audit: AuditLog;
  meetings: MeetingAttendance;
  /** The organizer of every session's meeting (the training mailbox). */
  organizer: string;
  policy: { minSharePercent: number; delayMinutes: number };
  now: () => Date;
}

export function createAttendanceService(deps: AttendanceDependencies) {
  const auditAttendance = auditOf(deps.audit, 'training-attendance');
  const { db, store, people } = deps;

  /** HR, or the organiser side of a workplace course (a 課長/係長 of its 課): see src/training/workplace.ts. */
  const requireSessionManager = async (actor: Actor, sessionId: string, what: string) => {
    await requireManagedSession(people, actor, await store.sessionWithCourse(sessionId), what);
  };

  /** One proposal row for every session with a Teams meeting that has ended long enough ago. */
  const openProposals = async (now: Date) => {
    const endedBy = new Date(now.getTime() - deps.policy.delayMinutes * 60_000);
    const since = new Date(now.getTime() - LOOKBACK_DAYS * DAY_MS);
    const sessions = await db
      .select({ id: trainingSessions.id })
      .from(trainingSessions)
      .leftJoin(trainingAttendanceProposals, eq(trainingAttendanceProposals.sessionId, trainingSessions.id))
      .where(
        and(
          eq(trainingSessions.status, 'scheduled'),
          isNotNull(trainingSessions.joinUrl),
          lte(trainingSessions.endsAt, endedBy),
          sql`${trainingSessions.endsAt} > ${since}`,
          isNull(trainingAttendanceProposals.id),
        ),
      );
    if (sessions.length === 0) return 0;
    const inserted = await db
      .insert(trainingAttendanceProposals)
      .values(
        sessions.map((session) => ({
          sessionId: session.id,
          minSharePercent: deps.policy.minSharePercent,
          nextAttemptAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: trainingAttendanceProposals.id });
    return inserted.length;
  };

  /** Takes the due proposals with a lease; another instance skips what this one holds. */
  const claim = async (now: Date): Promise<ProposalRow[]> => {
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const due = db
      .select({ id: trainingAttendanceProposals.id })
      .from(trainingAttendanceProposals)
      .where(
        and(
          eq(trainingAttendanceProposals.state, 'waiting'),
          lte(trainingAttendanceProposals.nextAttemptAt, now),
          or(isNull(trainingAttendanceProposals.leaseUntil), lt(trainingAttendanceProposals.leaseUntil, now)),
        ),
      )
      .limit(CLAIM_SIZE)
      .for('update', { skipLocked: true });
    return db
      .update(trainingAttendanceProposals)
      .set({ leaseUntil })
      .where(inArray(trainingAttendanceProposals.id, due))
      .returning();
  };

  /** Settles a claimed proposal, only while this pass still holds it. */
  const settle = (
    tx: Pick<Db, 'update'>,
    row: ProposalRow,
    changes: Partial<typeof trainingAttendanceProposals.$inferInsert>,
  ) =>
    tx
      .update(trainingAttendanceProposals)
      .set({ ...changes, leaseUntil: null, version: row.version + 1, updatedAt: deps.now() })
      .where(
        and(
          eq(trainingAttendanceProposals.id, row.id),
          eq(trainingAttendanceProposals.state, 'waiting'),
          row.leaseUntil ? eq(trainingAttendanceProposals.leaseUntil, row.leaseUntil) : sql`false`,
        ),
      )
      .returning({ id: trainingAttendanceProposals.id });

  const rosterOf = async (sessionId: string) => {
    const enrolments = (await store.enrolmentsOfSessions([sessionId])).filter((row) =>
      ON_ROSTER.includes(row.status),
    );
    const names = new Map(
      (await people.getMany(enrolments.map((row) => row.personId))).map((person) => [
        person.id,
        person.displayName,
      ]),
    );
    return enrolments.map((row) => ({
      enrolment: row,
      personId: row.personId,
      displayName: names.get(row.personId) ?? row.personId,
    }));
  };

  type Outcome = 'proposed' | 'waiting' | 'refused' | 'noMeeting' | 'failed' | 'lost';

  const work = async (row: ProposalRow): Promise<Outcome> => {
    const session = await store.session(row.sessionId);
    const now = deps.now();
    const attempts = row.attempts + 1;
    const later = (error: string, at?: Date) =>
      attempts >= MAX_ATTEMPTS
        ? { state: 'failed' as const, attempts, error, nextAttemptAt: null }
        : { attempts, error, nextAttemptAt: at ?? retryAt(now, attempts, RETRY_BASE_MS) };
    let changes: Partial<typeof trainingAttendanceProposals.$inferInsert>;
    let marks: ReturnType<typeof proposeMarks> | undefined;
    if (!session?.joinUrl || session.status !== 'scheduled') {
      changes = { state: 'noMeeting', attempts, error: 'The session has no Teams meeting (any more).' };
    } else {
      try {
        const reading = await deps.meetings.read(deps.organizer, session.joinUrl);
        if (reading.kind === 'noMeeting')
          changes = {
            state: 'noMeeting',
            attempts,
            error: 'Graph knows no online meeting for the session’s join link.',
          };
        else if (reading.kind === 'noReport')
          changes = later('Teams has not made the attendance report yet.');
        else {
          marks = proposeMarks({
            roster: await rosterOf(session.id),
            people: reading.people,
            sessionSeconds: Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 1000),
            minSharePercent: row.minSharePercent,
            organizerId: reading.people.find((person) => person.role === 'Organizer')?.id,
          });
          changes = {
            state: 'proposed',
            attempts,
            error: null,
            nextAttemptAt: null,
            meetingSeconds: reading.meetingSeconds,
            fetchedAt: now,
          };
        }
      } catch (error) {
        if (error instanceof GraphError && (error.status === 403 || error.status === 401))
          changes = {
            state: 'refused',
            attempts,
            nextAttemptAt: null,
            error: `${messageOf(error)} (the app needs OnlineMeetings.Read.All and OnlineMeetingArtifact.Read.All, and an application access policy granted to the training mailbox)`,
          };
        else if (error instanceof GraphError && error.isThrottled)
          changes = later(
            messageOf(error),
            new Date(now.getTime() + Math.max(error.retryAfterSeconds ?? 0, RETRY_BASE_MS / 1000) * 1000),
          );
        else changes = later(messageOf(error));
      }
    }
    const written = await db.transaction(async (tx) => {
      const settled = await settle(tx, row, changes);
      if (settled.length === 0) return false;
      if (marks) {
        await tx.delete(trainingAttendanceMarks).where(eq(trainingAttendanceMarks.sessionId, row.sessionId));
        if (marks.length > 0)
          await tx
            .insert(trainingAttendanceMarks)
            .values(marks.map((mark) => ({ ...mark, sessionId: row.sessionId })));
      }
      return true;
    });
    if (!written) return 'lost';
    return (changes.state ?? 'waiting') as Outcome;
  };

  const proposalRow = async (sessionId: string) =>
    (
      await db
        .select()
        .from(trainingAttendanceProposals)
        .where(eq(trainingAttendanceProposals.sessionId, sessionId))
    )[0];

  const view = async (row: ProposalRow): Promise<AttendanceProposal> => {
    const session = await store.session(row.sessionId);
    const sessionSeconds = session
      ? Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 1000)
      : 0;
    const marks = await db
      .select()
      .from(trainingAttendanceMarks)
      .where(eq(trainingAttendanceMarks.sessionId, row.sessionId));
    const enrolments = new Map(
      (await store.enrolmentsOfSessions([row.sessionId]))
        .filter((enrolment) => ON_ROSTER.includes(enrolment.status))
        .map((enrolment) => [enrolment.personId, enrolment]),
    );
    const confirmer = row.confirmedById ? await people.get(row.confirmedById) : undefined;
    const minutes = (seconds: number) => Math.round(seconds / 60);
    return {
      sessionId: row.sessionId,
      source: row.source,
      checkin:
        row.checkinCode && session
          ? {
              code: row.checkinCode,
              validFrom: checkinWindow(session).from.toISOString(),
              validUntil: checkinWindow(session).until.toISOString(),
            }
          : null,
      state: row.state,
      error: row.error,
      minSharePercent: row.minSharePercent,
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
      fetchedAt: row.fetchedAt?.toISOString() ?? null,
      confirmedAt: row.confirmedAt?.toISOString() ?? null,
      confirmedByName: row.confirmedById ? (confirmer?.displayName ?? row.confirmedById) : null,
      attendees: marks
        .filter((mark) => mark.onRoster && enrolments.has(mark.personId))
        .map((mark) => ({
          personId: mark.personId,
          personName: mark.displayName,
          enrolmentStatus: enrolments.get(mark.personId)!.status,
          attendedMinutes: minutes(mark.attendedSeconds),
          sharePercent: sharePercent(mark.attendedSeconds, sessionSeconds),
          proposedPresent: mark.proposedPresent,
          checkedInAt: mark.checkedInAt?.toISOString() ?? null,
        }))
        .sort((a, b) => a.personName.localeCompare(b.personName, 'ja')),
      notOnRoster: marks
        .filter((mark) => !mark.onRoster)
        .map((mark) => ({
          personId: mark.personId,
          displayName: mark.displayName,
          attendedMinutes: minutes(mark.attendedSeconds),
        })),
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  };

  const loadProposal = async (sessionId: string) => {
    if (!(await store.session(sessionId))) throw new AppError('not_found', 'No such session.');
    const row = await proposalRow(sessionId);
    if (!row)
      throw new AppError(
        'not_found',
        'This session has no attendance proposal (no Teams meeting, or it has not ended yet).',
      );
    return row;
  };

  const stale = (row: ProposalRow) =>
    versionConflict(`Someone changed this proposal meanwhile (now version ${row.version}).`, row.version);

  return {
    /** One pass of the job: opens proposals for ended sessions and reads the due reports. */
    async runOnce(): Promise<{ opened: number; read: number; proposed: number; refused: number }> {
      const now = deps.now();
      const opened = await openProposals(now);
      const claimed = await claim(now);
      let proposed = 0;
      let refused = 0;
      for (const row of claimed) {
        const outcome = await work(row);
        if (outcome === 'proposed') proposed += 1;
        if (outcome === 'refused') refused += 1;
      }
      return { opened, read: claimed.length, proposed, refused };
    },

    async proposal(actor: Actor, sessionId: string): Promise<AttendanceProposalAnswer> {
      await requireSessionManager(actor, sessionId, 'see proposed attendance');
      if (!(await store.session(sessionId))) throw new AppError('not_found', 'No such session.');
      const row = await proposalRow(sessionId);
      await auditAttendance('read', actor, null, { sessionId });
      return { proposal: row ? await view(row) : null };
    },

    async confirm(
      actor: Actor,
      sessionId: string,
      input: ConfirmAttendanceInput,
    ): Promise<AttendanceProposal> {
      await requireSessionManager(actor, sessionId, 'confirm attendance');
      const present = new Set(input.present.map((id) => id.toLowerCase()));
      const absent = new Set(input.absent.map((id) => id.toLowerCase()));
      const both = [...present].filter((id) => absent.has(id));
      if (both.length > 0)
        throw new AppError(
          'validation_failed',
          'A person is either present or absent.',
          both.map((id) => ({ path: 'body.absent', message: `${id} is also in present` })),
        );
      const found = await loadProposal(sessionId);
      if (found.version !== input.version) throw stale(found);
      if (found.state !== 'proposed')
        throw new AppError(
          'conflict',
          found.state === 'confirmed'
            ? 'This attendance is already confirmed.'
            : `There is no proposal to confirm yet (state: ${found.state}).`,
        );
      let attended = 0;
      let absentCount = 0;
      await store.withSessionLocked(sessionId, async (tx, session, enrolments) => {
        if (session.status === 'cancelled')
          throw new AppError('conflict', 'This session has been cancelled.', [
            { path: 'body.code', message: CHECKIN_REFUSED.cancelled },
          ]);
        const [row] = await tx
          .select()
          .from(trainingAttendanceProposals)
          .where(eq(trainingAttendanceProposals.id, found.id))
          .for('update');
        if (!row || row.version !== input.version) throw stale(row ?? found);
        if (row.state !== 'proposed') throw new AppError('conflict', 'This attendance is already confirmed.');
        const marks = await tx
          .select()
          .from(trainingAttendanceMarks)
          .where(
            and(eq(trainingAttendanceMarks.sessionId, sessionId), eq(trainingAttendanceMarks.onRoster, true)),
          );
        const live = new Map(
          enrolments
            .filter((enrolment) => ON_ROSTER.includes(enrolment.status))
            .map((enrolment) => [enrolment.personId, enrolment]),
        );
        const rosterIds = new Set(
          marks.filter((mark) => live.has(mark.personId)).map((mark) => mark.personId),
        );
        const unknown = [...present, ...absent].filter((id) => !rosterIds.has(id));
        if (unknown.length > 0)
          throw new AppError(
            'validation_failed',
            'Only people on the session’s roster can be corrected; people not on it are never added.',
            unknown.map((id) => ({ path: 'body', message: `${id} is not on the roster` })),
          );
        const now = deps.now();
        for (const mark of marks) {
          const enrolment = live.get(mark.personId);
          if (!enrolment) continue;
          const isPresent =
            present.has(mark.personId) || (!absent.has(mark.personId) && mark.proposedPresent);
          if (!isPresent) {
            absentCount += 1;
            continue;
          }
          // Already attended or reported (marked by hand): stays as it is.
          if (enrolment.status !== 'confirmed') continue;
          await tx
            .update(trainingEnrolments)
            .set({ status: 'attended', version: enrolment.version + 1, updatedAt: now })
            .where(
              and(eq(trainingEnrolments.id, enrolment.id), eq(trainingEnrolments.version, enrolment.version)),
            );
          attended += 1;
        }
        await tx
          .update(trainingAttendanceProposals)
          .set({
            state: 'confirmed',
            confirmedAt: now,
            confirmedById: actor.id,
            version: row.version + 1,
            updatedAt: now,
          })
          .where(eq(trainingAttendanceProposals.id, row.id));
      });
      await auditAttendance('write', actor, null, {
        sessionId,
        change: 'confirm',
        attended,
        absent: absentCount,
        corrected: present.size + absent.size,
      });
      return view((await proposalRow(sessionId))!);
    },

    /** A room session's check-in code, made once (the same code on every later call). */
    async checkinCode(actor: Actor, sessionId: string): Promise<AttendanceProposal> {
      await requireSessionManager(actor, sessionId, 'show a check-in code');
      const session = await store.session(sessionId);
      if (!session) throw new AppError('not_found', 'No such session.');
      if (session.status === 'cancelled') throw new AppError('conflict', 'This session has been cancelled.');
      if (session.online)
        throw new AppError(
          'conflict',
          'This session is held online: its attendance comes from the Teams attendance report.',
        );
      const validUntil = checkinWindow(session).until;
      const existing = await proposalRow(sessionId);
      if (!existing) {
        if (validUntil <= deps.now())
          throw new AppError('conflict', 'This session is over; check-in has closed.');
        const roster = await rosterOf(sessionId);
        for (let attempt = 0; attempt < 5; attempt += 1) {
          const code = Array.from(
            { length: CHECKIN_CODE_LENGTH },
            () => CHECKIN_CODE_ALPHABET[randomInt(CHECKIN_CODE_ALPHABET.length)],
          ).join('');
          const made = await db.transaction(async (tx) => {
            const [created] = await tx
              .insert(trainingAttendanceProposals)
              .values({
                sessionId,
                source: 'checkin',
                state: 'proposed',
                minSharePercent: deps.policy.minSharePercent,
                checkinCode: code,
              })
              .onConflictDoNothing()
              .returning();
            if (!created) return false;
            // Everyone on the roster, absent until they check in.
            if (roster.length > 0)
              await tx.insert(trainingAttendanceMarks).values(
                roster.map((entry) => ({
                  sessionId,
                  personId: entry.personId,
                  displayName: entry.displayName,
                  onRoster: true,
                  proposedPresent: false,
                })),
              );
            return true;
          });
          if (made || (await proposalRow(sessionId))) break;
        }
        await auditAttendance('write', actor, null, { sessionId, change: 'checkin-code' });
      }
      const row = (await proposalRow(sessionId))!;
      if (row.source !== 'checkin')
        throw new AppError('conflict', 'This session’s attendance comes from its Teams attendance report.');
      return view(row);
    },

    /** Checks the caller in with a room's code; idempotent; wrong codes count towards a per-person limit. */
    async checkIn(actor: Actor, input: CheckInInput): Promise<CheckInAnswer> {
      const failureWindow = sql`(${CHECKIN_WINDOW_SECONDS}::int * interval '1 second')`;
      const expired = sql`${trainingCheckinFailures.windowStartedAt} <= now() - ${failureWindow}`;
      /** Every attempt is audited with its outcome: who, which session (when the code named one). */
      const audited = (outcome: string, sessionId?: string) =>
        auditAttendance('write', actor, actor.id, {
          change: 'checkin',
          outcome,
          ...(sessionId ? { sessionId } : {}),
        });
      const [counted] = await db
        .select({ hits: trainingCheckinFailures.hits })
        .from(trainingCheckinFailures)
        .where(and(eq(trainingCheckinFailures.personId, actor.id), sql`not ${expired}`));
      if (counted && counted.hits >= CHECKIN_FAILURES_MAX) {
        await audited('rateLimited');
        throw new AppError(
          'rate_limited',
          `Too many wrong check-in codes: try again in ${CHECKIN_WINDOW_SECONDS / 60} minutes (入力の誤りが続いたため、しばらく待ってからやり直してください).`,
        );
      }
      // Full-width letters and digits (a Japanese IME) read as ASCII; spaces and hyphens are left out.
      const code = input.code.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
      const [row] = await db
        .select()
        .from(trainingAttendanceProposals)
        .where(eq(trainingAttendanceProposals.checkinCode, code));
      if (!row) {
        // Counted with the database's clock, as the HTTP rate limits are (instances' clocks may differ).
        await db
          .insert(trainingCheckinFailures)
          .values({ personId: actor.id, windowStartedAt: sql`now()`, hits: 1 })
          .onConflictDoUpdate({
            target: trainingCheckinFailures.personId,
            set: {
              windowStartedAt: sql`CASE WHEN ${expired} THEN now() ELSE ${trainingCheckinFailures.windowStartedAt} END`,
              hits: sql`CASE WHEN ${expired} THEN 1 ELSE ${trainingCheckinFailures.hits} + 1 END`,
            },
          });
        await audited('wrongCode');
        throw new AppError('validation_failed', 'This check-in code is not right (コードが違います).', [
          { path: 'body.code', message: 'no session has this code' },
        ]);
      }
      const session = await store.session(row.sessionId);
      const course = session ? (await store.coursesById([session.courseId]))[0] : undefined;
      if (!session || !course) throw new AppError('not_found', 'No such session.');
      const now = deps.now();
      if (session.status === 'cancelled') {
        await audited('cancelled', session.id);
        throw new AppError('conflict', 'This session has been cancelled.', [
          { path: 'body.code', message: CHECKIN_REFUSED.cancelled },
        ]);
      }
      const window = checkinWindow(session);
      if (now < window.from || now > window.until) {
        await audited('outsideWindow', session.id);
        throw new AppError(
          'conflict',
          'This code is accepted only around the session’s time (研修の時間の前後だけ使えます).',
          [{ path: 'body.code', message: CHECKIN_REFUSED.outsideWindow }],
        );
      }
      const onRoster = (await store.enrolmentsOfSessions([session.id])).some(
        (enrolment) => enrolment.personId === actor.id && ON_ROSTER.includes(enrolment.status),
      );
      const person = await people.get(actor.id);
      const markOf = async () =>
        (
          await db
            .select()
            .from(trainingAttendanceMarks)
            .where(
              and(
                eq(trainingAttendanceMarks.sessionId, session.id),
                eq(trainingAttendanceMarks.personId, actor.id),
              ),
            )
        )[0];
      const alreadyCheckedIn = Boolean((await markOf())?.checkedInAt);
      await db
        .insert(trainingAttendanceMarks)
        .values({
          sessionId: session.id,
          personId: actor.id,
          displayName: person?.displayName ?? '',
          onRoster,
          proposedPresent: onRoster,
          checkedInAt: now,
        })
        .onConflictDoUpdate({
          target: [trainingAttendanceMarks.sessionId, trainingAttendanceMarks.personId],
          set: {
            proposedPresent: sql`${trainingAttendanceMarks.onRoster}`,
            checkedInAt: sql`coalesce(${trainingAttendanceMarks.checkedInAt}, ${now})`,
            updatedAt: now,
          },
        });
      const mark = await markOf();
      await audited(alreadyCheckedIn ? 'alreadyCheckedIn' : 'accepted', session.id);
      return {
        sessionId: session.id,
        courseTitle: { ja: course.titleJa, en: course.titleEn },
        checkedInAt: (mark?.checkedInAt ?? now).toISOString(),
        onRoster: mark?.onRoster ?? onRoster,
        alreadyCheckedIn,
      };
    },

    async retry(actor: Actor, sessionId: string, input: RetryAttendanceInput): Promise<AttendanceProposal> {
      await requireSessionManager(actor, sessionId, 'ask for the attendance report again');
      const row = await loadProposal(sessionId);
      if (row.version !== input.version) throw stale(row);
      if (!['refused', 'noMeeting', 'failed'].includes(row.state))
        throw new AppError('conflict', `Nothing to retry (state: ${row.state}).`);
      const now = deps.now();
      const [updated] = await db
        .update(trainingAttendanceProposals)
        .set({
          state: 'waiting',
          attempts: 0,
          error: null,
          nextAttemptAt: now,
          version: row.version + 1,
          updatedAt: now,
        })
        .where(
          and(
            eq(trainingAttendanceProposals.id, row.id),
            eq(trainingAttendanceProposals.version, row.version),
          ),
        )
        .returning();
      if (!updated) throw stale((await proposalRow(sessionId)) ?? row);
      await auditAttendance('write', actor, null, { sessionId, change: 'retry', was: row.state });
      return view(updated);
    },
  };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;
