import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { outlookDeltaLinks, outlookSubscriptions } from './calendar-watch.schema.ts';

export type SubscriptionRow = typeof outlookSubscriptions.$inferSelect;
export type DeltaLinkRow = typeof outlookDeltaLinks.$inferSelect;

export function createCalendarWatchStore(db: Db) {
  return {
    async subscriptions(): Promise<SubscriptionRow[]> {
      return db.select().from(outlookSubscriptions);
    },
    /** The subscriptions among `ids` (one query, however many a notification collection names). */
    async subscriptionsById(ids: string[]): Promise<SubscriptionRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(outlookSubscriptions).where(inArray(outlookSubscriptions.id, ids));
    },
    async subscription(id: string): Promise<SubscriptionRow | undefined> {
      const [row] = await db.select().from(outlookSubscriptions).where(eq(outlookSubscriptions.id, id));
      return row;
    },
    /**
     * Records a new subscription for its mailbox, replacing `replaces` when given. False when another
     * instance recorded one for the mailbox first (the caller then deletes its own at Graph).
     */
    async record(row: Omit<SubscriptionRow, 'createdAt' | 'renewedAt'>, replaces?: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        if (replaces) await tx.delete(outlookSubscriptions).where(eq(outlookSubscriptions.id, replaces));
        const inserted = await tx
          .insert(outlookSubscriptions)
          .values(row)
          .onConflictDoNothing()
          .returning({ id: outlookSubscriptions.id });
        return inserted.length === 1;
      });
    },
    async renewed(id: string, expiresAt: Date, at: Date): Promise<void> {
      await db
        .update(outlookSubscriptions)
        .set({ expiresAt, renewedAt: at })
        .where(eq(outlookSubscriptions.id, id));
    },
    async forget(id: string): Promise<void> {
      await db.delete(outlookSubscriptions).where(eq(outlookSubscriptions.id, id));
    },
    async deltaLink(mailbox: string): Promise<DeltaLinkRow | undefined> {
      const [row] = await db.select().from(outlookDeltaLinks).where(eq(outlookDeltaLinks.mailbox, mailbox));
      return row;
    },
    async saveDeltaLink(mailbox: string, deltaLink: string, window: { start: Date; end: Date }, at: Date) {
      const values = { deltaLink, windowStart: window.start, windowEnd: window.end, updatedAt: at };
      await db
        .insert(outlookDeltaLinks)
        .values({ mailbox, ...values })
        .onConflictDoUpdate({ target: outlookDeltaLinks.mailbox, set: values });
    },
    async forgetDeltaLink(mailbox: string): Promise<void> {
      await db.delete(outlookDeltaLinks).where(eq(outlookDeltaLinks.mailbox, mailbox));
    },
    async dropDeltaLink(mailbox: string, deltaLink: string): Promise<void> {
      await db
        .delete(outlookDeltaLinks)
        .where(and(eq(outlookDeltaLinks.mailbox, mailbox), eq(outlookDeltaLinks.deltaLink, deltaLink)));
    },
  };
}

export type CalendarWatchStore = ReturnType<typeof createCalendarWatchStore>;
