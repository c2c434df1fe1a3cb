// 1:1 requests: a person asks their direct supervisor for a 1:1 with a topic and, if they like, a week.
// The supervisor accepts by booking (the booking links the interview: interview.service.ts `book`) or
// declines with a reason. One open request per person. A change of supervisor moves open requests to the
// new one, or closes them when there is none (`moveOpenRequests`, called by the people sync's chain
// handler in interview-transfer.ts). See docs/interviews.md.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { firstRow, updateAtVersion } from '../db/rows.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import type { PeopleStore } from '../people/people.store.ts';
import type { ChainChange } from '../people/supervisor-changes.ts';
import { jstDayOf, mondayOf } from '../shared/japan-time.ts';
import type { DeclineInput, InterviewRequest, RequestInput } from './interview.contract.ts';
import { interviewRequests } from './interview.schema.ts';
import { isUniqueViolation } from './interview.store.ts';
import type { RequestNotices } from './request-notices.ts';

export type InterviewRequestRow = typeof interviewRequests.$inferSelect;

export function createInterviewRequestStore(db: Db) {
  return {
    get: async (id: string) =>
      firstRow(db.select().from(interviewRequests).where(eq(interviewRequests.id, id))),
    openOf: async (personId: string) =>
      firstRow(
        db
          .select()
          .from(interviewRequests)
          .where(and(eq(interviewRequests.personId, personId), eq(interviewRequests.status, 'open'))),
      ),
    listFor: async (field: 'personId' | 'supervisorId', personId: string) =>
      db
        .select()
        .from(interviewRequests)
        .where(eq(interviewRequests[field], personId))
        .orderBy(desc(interviewRequests.createdAt))
        .limit(100),
    insert: async (row: typeof interviewRequests.$inferInsert) =>
      (await db.insert(interviewRequests).values(row).returning())[0]!,
    update: (id: string, version: number, changes: Partial<InterviewRequestRow>, now: Date) =>
      updateAtVersion(db, interviewRequests, id, version, changes, now),
    /** `work` in one transaction (a change and the notice it sends commit together). */
    inTransaction: <T>(work: (tx: Db) => Promise<T>): Promise<T> => db.transaction(work),
  };
}

export type InterviewRequestStore = ReturnType<typeof createInterviewRequestStore>;

/**
 * Inside the booking's transaction: marks the open request booked with the interview, or refuses when it
 * is no longer open for that supervisor and person (the booking then rolls back).
 */
export async function markRequestBooked(
  tx: Db,
  link: { requestId: string; supervisorId: string; personId: string; interviewId: string },
  now: Date,
): Promise<void> {
  const updated = await tx
    .update(interviewRequests)
    .set({
      status: 'booked',
      interviewId: link.interviewId,
      version: sql`${interviewRequests.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(interviewRequests.id, link.requestId),
        eq(interviewRequests.status, 'open'),
        eq(interviewRequests.supervisorId, link.supervisorId),
        eq(interviewRequests.personId, link.personId),
      ),
    )
    .returning({ id: interviewRequests.id });
  if (updated.length === 0)
    throw new AppError('conflict', 'The 1:1 request is no longer open (booked, declined or moved).');
}

/**
 * Open requests follow the reporting line: to the person's new direct supervisor, or closed when they
 * have none. Only requests addressed to a supervisor who is no longer above the person move.
 */
export async function moveOpenRequests(
  db: Db,
  changes: readonly ChainChange[],
  now: Date,
  /** Tells each new supervisor, in `db` (the sync's transaction), of the requests moved to them. */
  notices?: Pick<RequestNotices, 'arrived'>,
): Promise<number> {
  let moved = 0;
  for (const change of changes) {
    if (change.removed.length === 0) continue;
    const rows = await db
      .update(interviewRequests)
      .set(
        change.supervisorId && change.supervisorId !== change.personId
          ? {
              supervisorId: change.supervisorId,
              version: sql`${interviewRequests.version} + 1`,
              updatedAt: now,
            }
          : { status: 'closed', version: sql`${interviewRequests.version} + 1`, updatedAt: now },
      )
      .where(
        and(
          eq(interviewRequests.personId, change.personId),
          eq(interviewRequests.status, 'open'),
          inArray(interviewRequests.supervisorId, change.removed),
        ),
      )
      .returning();
    moved += rows.length;
    await notices?.arrived(
      db,
      rows.filter((row) => row.status === 'open'),
    );
  }
  return moved;
}

export function createInterviewRequests(deps: {
  store: InterviewRequestStore;
  people: PeopleStore;
  audit: AuditLog;
  /** The bot's notices: to the supervisor when a request reaches them, to the requester when declined. */
  notices?: Pick<RequestNotices, 'arrived' | 'declined'> | undefined;
  now: () => Date;
}) {
  const { store, people } = deps;
  const audited = auditOf(deps.audit, 'interview');

  const view = async (rows: InterviewRequestRow[]): Promise<InterviewRequest[]> => {
    const ids = [...new Set(rows.flatMap((row) => [row.personId, row.supervisorId]))];
    const names = new Map((await people.getMany(ids)).map((person) => [person.id, person.displayName]));
    return rows.map((row) => ({
      id: row.id,
      personId: row.personId,
      personName: names.get(row.personId) ?? '',
      supervisorId: row.supervisorId,
      supervisorName: names.get(row.supervisorId) ?? '',
      topic: row.topic,
      preferredWeek: row.preferredWeek,
      status: row.status,
      declineReason: row.declineReason,
      interviewId: row.interviewId,
      createdAt: row.createdAt.toISOString(),
      version: row.version,
    }));
  };

  /** A request only the supervisor it went to may answer (`verb`: accept, decline). */
  const addressedTo = async (actor: Actor, id: string, verb: string): Promise<InterviewRequestRow> => {
    const row = await store.get(id);
    if (!row) throw new AppError('not_found', 'No such 1:1 request.');
    if (row.supervisorId !== actor.id)
      throw new AppError('forbidden', `Only the supervisor the request went to may ${verb} it.`);
    return row;
  };
  const requireOpen = (row: InterviewRequestRow) => {
    if (row.status !== 'open') throw new AppError('conflict', `The request is ${row.status}, not open.`);
  };

  const openConflict = (open: InterviewRequestRow) =>
    new AppError(
      'conflict',
      `You already have an open 1:1 request (${open.id}); wait for its answer first.`,
      [{ path: 'body', message: `open request ${open.id}` }],
    );

  return {
    async create(actor: Actor, input: RequestInput): Promise<InterviewRequest> {
      const supervisorId = input.supervisorId.toLowerCase();
      const current = await people.managerOf(actor.id);
      if (!current || current !== supervisorId)
        throw new AppError('forbidden', 'A 1:1 can be requested of your current direct supervisor only.', [
          { path: 'body.supervisorId', message: 'not your supervisor' },
        ]);
      let preferredWeek: string | null = null;
      if (input.preferredWeek) {
        preferredWeek = mondayOf(input.preferredWeek);
        const thisWeek = mondayOf(jstDayOf(deps.now().getTime()));
        if (preferredWeek < thisWeek)
          throw new AppError('validation_failed', 'The preferred week is over.', [
            { path: 'body.preferredWeek', message: 'must be this week or later' },
          ]);
      }
      const open = await store.openOf(actor.id);
      if (open) throw openConflict(open);
      let row: InterviewRequestRow;
      try {
        const now = deps.now();
        row = await store.inTransaction(async (tx) => {
          const inserted = await createInterviewRequestStore(tx).insert({
            personId: actor.id,
            supervisorId,
            topic: input.topic,
            preferredWeek,
            createdAt: now,
            updatedAt: now,
          });
          await deps.notices?.arrived(tx, [inserted]);
          return inserted;
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const raced = await store.openOf(actor.id);
        throw raced ? openConflict(raced) : error;
      }
      await audited('write', actor, actor.id, { requestId: row.id, request: 'create', supervisorId });
      return (await view([row]))[0]!;
    },

    async list(actor: Actor, as: 'requester' | 'supervisor'): Promise<InterviewRequest[]> {
      return view(await store.listFor(as === 'requester' ? 'personId' : 'supervisorId', actor.id));
    },

    async decline(actor: Actor, id: string, input: DeclineInput): Promise<InterviewRequest> {
      const row = await addressedTo(actor, id, 'decline');
      if (row.version !== input.version)
        throw versionConflict(
          `Someone changed this request in the meantime (now version ${row.version}). Reload to see it.`,
          row.version,
        );
      requireOpen(row);
      const updated = await store.inTransaction(async (tx) => {
        const changed = await createInterviewRequestStore(tx).update(
          id,
          input.version,
          { status: 'declined', declineReason: input.reason },
          deps.now(),
        );
        if (changed) await deps.notices?.declined(tx, changed, input.reason);
        return changed;
      });
      if (!updated)
        throw versionConflict('Someone changed this request in the meantime. Reload to see it.', row.version);
      await audited('write', actor, row.personId, { requestId: id, request: 'decline' });
      return (await view([updated]))[0]!;
    },

    /** For the booking that accepts a request: it must be open and addressed to the organizer. */
    async requireOpenFor(actor: Actor, id: string): Promise<InterviewRequestRow> {
      const row = await addressedTo(actor, id.toLowerCase(), 'accept');
      requireOpen(row);
      return row;
    },
  };
}

export type InterviewRequests = ReturnType<typeof createInterviewRequests>;
