// When someone's supervisor changes (a directory sync, or an HR import moving them to another 課), the
// interviews that a supervisor who is no longer above them had arranged, and that have not happened yet,
// move to the new direct supervisor at the same time. Outlook cannot hand an event to another
// organizer, so the old event is cancelled and the new supervisor's is created by the same outbox worker.
// Re-planning keeps the time both had agreed and what the record already holds (agenda, shared notes,
// action items); the new supervisor can reschedule it like any other interview. Private notes stay with
// the old record: they were the old supervisor's. See docs/people.md.
import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { ChainChange, ChainChangeHandler } from '../people/supervisor-changes.ts';
import { interviewBookings, interviews } from './interview.schema.ts';
import { createInterviewStore } from './interview.store.ts';
import { moveOpenRequests } from './interview-requests.ts';
import type { RequestNotices } from './request-notices.ts';

export const TRANSFER_CANCEL_REASON =
  '上司の異動・変更により、新しい上司の面談として取り直しました。 / Your supervisor changed: the interview moves to your new supervisor.';

export function createInterviewTransfer(deps: {
  notifyOutlookWork: (bookingId: string) => Promise<void>;
  /** Tells a new supervisor, by the bot, of the open 1:1 requests that moved to them. */
  requestNotices?: Pick<RequestNotices, 'arrived'> | undefined;
}): ChainChangeHandler {
  return {
    async reroute(db: Db, changes: readonly ChainChange[], now: Date) {
      const store = createInterviewStore(db, () => now);
      const byPerson = new Map(changes.map((change) => [change.personId, change]));
      const affected: Array<typeof interviews.$inferSelect> = [];
      const ids = [...byPerson.keys()];
      for (let start = 0; start < ids.length; start += 1000) {
        affected.push(
          ...(await db
            .select()
            .from(interviews)
            .where(
              and(
                inArray(interviews.personId, ids.slice(start, start + 1000)),
                inArray(interviews.status, ['pending', 'booked', 'failed']),
                gt(interviews.startsAt, now),
              ),
            )),
        );
      }
      const bookings = new Set<string>();
      let reassigned = 0;
      for (const row of affected) {
        const change = byPerson.get(row.personId)!;
        if (!change.removed.includes(row.organizerId)) continue;
        const cancelled = await db
          .update(interviews)
          .set({
            status: 'cancelled',
            outlookAction: 'cancel',
            cancelReason: TRANSFER_CANCEL_REASON,
            version: sql`${interviews.version} + 1`,
            updatedAt: now,
          })
          .where(and(eq(interviews.id, row.id), eq(interviews.version, row.version)))
          .returning({ id: interviews.id });
        if (cancelled.length === 0) continue;
        bookings.add(row.bookingId);
        reassigned += 1;
        const supervisorId = change.supervisorId;
        if (!supervisorId || supervisorId === row.personId) continue;
        // One booking per moved interview, keyed by it: re-running the same change books nothing twice.
        const key = `transfer:${row.id}`;
        await db
          .insert(interviewBookings)
          .values({ organizerId: supervisorId, idempotencyKey: key })
          .onConflictDoNothing();
        const bookingId = (await store.findBooking(supervisorId, key))!;
        await db.insert(interviews).values({
          bookingId,
          organizerId: supervisorId,
          personId: row.personId,
          type: row.type,
          fiscalYear: row.fiscalYear,
          startsAt: row.startsAt,
          endsAt: row.endsAt,
          status: 'pending',
          outlookAction: 'create',
          transactionId: randomUUID(),
          agenda: row.agenda,
          sharedNotes: row.sharedNotes,
          actionItems: row.actionItems,
        });
        bookings.add(bookingId);
      }
      // Open 1:1 requests follow the line too: to the new supervisor, or closed when there is none.
      await moveOpenRequests(db, changes, now, deps.requestNotices);
      return {
        reassigned,
        afterCommit: async () => {
          for (const bookingId of bookings) await deps.notifyOutlookWork(bookingId);
        },
      };
    },
  };
}
