import { and, asc, eq, gte, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { firstRow } from '../db/rows.ts';
import type { CycleKind } from './cycle.contract.ts';
import { cycleWindowEvents, cycleWindows } from './cycle.schema.ts';

export type WindowRow = typeof cycleWindows.$inferSelect;
export type EventRow = typeof cycleWindowEvents.$inferSelect;
type EventAction = EventRow['action'];

/** Windows and their history. Every change writes its event in the same transaction. */
/** `now` is the service clock (tests freeze or move it): it stamps what the store changes. */
export function createCycleStore(db: Db, now: () => Date) {
  const event = (row: WindowRow, actorId: string, action: EventAction) => ({
    windowId: row.id,
    actorId,
    action,
    state: row.state,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
  });

  return {
    async year(fiscalYear: number): Promise<WindowRow[]> {
      return db.select().from(cycleWindows).where(eq(cycleWindows.fiscalYear, fiscalYear));
    },

    async get(id: string): Promise<WindowRow | undefined> {
      return firstRow(db.select().from(cycleWindows).where(eq(cycleWindows.id, id)));
    },

    async find(fiscalYear: number, kind: CycleKind): Promise<WindowRow | undefined> {
      return firstRow(
        db
          .select()
          .from(cycleWindows)
          .where(and(eq(cycleWindows.fiscalYear, fiscalYear), eq(cycleWindows.kind, kind))),
      );
    },

    async ofKind(kind: CycleKind): Promise<WindowRow[]> {
      return db.select().from(cycleWindows).where(eq(cycleWindows.kind, kind));
    },

    /** Windows HR opened whose last day is today or later. */
    async open(today: string): Promise<WindowRow[]> {
      return db
        .select()
        .from(cycleWindows)
        .where(and(eq(cycleWindows.state, 'open'), gte(cycleWindows.closesOn, today)));
    },

    async history(windowIds: string[]): Promise<EventRow[]> {
      if (windowIds.length === 0) return [];
      return db
        .select()
        .from(cycleWindowEvents)
        .where(inArray(cycleWindowEvents.windowId, windowIds))
        .orderBy(asc(cycleWindowEvents.id));
    },

    /** A new window, or undefined when the year already has one of that kind. */
    async insert(
      values: typeof cycleWindows.$inferInsert,
      actorId: string,
      action: EventAction,
    ): Promise<WindowRow | undefined> {
      return db.transaction(async (tx) => {
        const inserted = await tx.insert(cycleWindows).values(values).onConflictDoNothing().returning();
        const row = inserted[0];
        if (row) await tx.insert(cycleWindowEvents).values(event(row, actorId, action));
        return row;
      });
    },

    /**
     * Changes a window only if it is still at `expectedVersion` (and `where` holds), so of two HR staff
     * acting on the same reading only one succeeds; undefined when it no longer holds.
     */
    async update(
      id: string,
      expectedVersion: number,
      where: SQL | undefined,
      changes: Partial<typeof cycleWindows.$inferInsert>,
      actorId: string,
      action: EventAction,
    ): Promise<WindowRow | undefined> {
      return db.transaction(async (tx) => {
        const updated = await tx
          .update(cycleWindows)
          .set({ ...changes, version: expectedVersion + 1, updatedAt: now() })
          .where(and(eq(cycleWindows.id, id), eq(cycleWindows.version, expectedVersion), where))
          .returning();
        const row = updated[0];
        if (row) await tx.insert(cycleWindowEvents).values(event(row, actorId, action));
        return row;
      });
    },
  };
}

export type CycleStore = ReturnType<typeof createCycleStore>;
