// The directory sync's own tables: the round in progress with its lease (directory_sync_progress, one
// row) and the entries staged page by page (directory_sync_entries). Every function takes the handle.
import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { inSlices, takeExcluded } from '../db/upsert.ts';
import type { ChangedStaff, StaffPage } from './directory.port.ts';
import { directorySyncEntries, directorySyncProgress, people } from './people.schema.ts';

export type SyncProgress = typeof directorySyncProgress.$inferSelect;
export type SyncMode = 'full' | 'delta';

const NAME = 'users';
const STAGE_CHUNK = 500;

const mine = (owner: string) =>
  and(eq(directorySyncProgress.name, NAME), eq(directorySyncProgress.owner, owner));

export const directorySyncStore = {
  /**
   * Takes the sync's lease when nobody holds it or it ran out (an instance that died), or renews it when
   * `owner` holds it. Undefined when another instance is running the sync.
   */
  async takeLease(db: Db, owner: string, now: Date, leaseMs: number): Promise<SyncProgress | undefined> {
    const until = new Date(now.getTime() + leaseMs);
    const [row] = await db
      .insert(directorySyncProgress)
      .values({ name: NAME, owner, leaseUntil: until, updatedAt: now })
      .onConflictDoUpdate({
        target: directorySyncProgress.name,
        set: { owner, leaseUntil: until },
        setWhere: or(
          isNull(directorySyncProgress.owner),
          eq(directorySyncProgress.owner, owner),
          lt(directorySyncProgress.leaseUntil, now),
        ),
      })
      .returning();
    return row;
  },

  /** Lets another run start at once (after a failure); the round's progress stays for it to resume. */
  async releaseLease(db: Db, owner: string): Promise<void> {
    await db.update(directorySyncProgress).set({ owner: null, leaseUntil: null }).where(mine(owner));
  },

  /** Starts a round from `link` (null: a full read), dropping whatever an abandoned round had staged. */
  async startRound(
    db: Db,
    input: { owner: string; mode: SyncMode; link: string | null; now: Date },
  ): Promise<SyncProgress> {
    return db.transaction(async (tx) => {
      await tx.delete(directorySyncEntries);
      const [row] = await tx
        .update(directorySyncProgress)
        .set({
          mode: input.mode,
          nextLink: input.link,
          deltaLink: null,
          pages: 0,
          entries: 0,
          roundStartedAt: input.now,
          updatedAt: input.now,
        })
        .where(mine(input.owner))
        .returning();
      if (!row) throw new LeaseLost();
      return row;
    });
  },

  /**
   * Stores one page's entries and where the round continues, in one transaction, and renews the lease:
   * a run that stops after this resumes from the next page. Throws LeaseLost when another run took over.
   */
  async stagePage(
    db: Db,
    input: { owner: string; page: StaffPage; pageNumber: number; now: Date; leaseMs: number },
  ): Promise<SyncProgress> {
    const { page } = input;
    const entries = [
      ...page.staff.map((user) => ({
        personId: user.id,
        gone: false,
        user: user,
        page: input.pageNumber,
      })),
      ...page.goneIds.map((id) => ({ personId: id, gone: true, user: null, page: input.pageNumber })),
    ];
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(directorySyncProgress)
        .set({
          nextLink: page.nextLink,
          deltaLink: page.deltaLink,
          pages: input.pageNumber,
          entries: sql`${directorySyncProgress.entries} + ${entries.length}`,
          leaseUntil: new Date(input.now.getTime() + input.leaseMs),
          updatedAt: input.now,
        })
        .where(mine(input.owner))
        .returning();
      if (!row) throw new LeaseLost();
      await inSlices(entries, STAGE_CHUNK, (slice) =>
        tx
          .insert(directorySyncEntries)
          .values(slice)
          .onConflictDoUpdate({
            target: directorySyncEntries.personId,
            set: takeExcluded(directorySyncEntries, ['gone', 'user', 'page']),
          }),
      );
      return row;
    });
  },

  /** The staged staff in slices of `limit`, by id after `afterId`: the apply never holds the whole round. */
  async stagedStaff(db: Db, afterId: string, limit: number): Promise<ChangedStaff[]> {
    const rows = await db
      .select({ user: directorySyncEntries.user })
      .from(directorySyncEntries)
      .where(and(eq(directorySyncEntries.gone, false), gt(directorySyncEntries.personId, afterId)))
      .orderBy(asc(directorySyncEntries.personId))
      .limit(limit);
    return rows.map((row) => row.user as ChangedStaff);
  },

  /** Removes from `people` whoever the round says is gone; after a full round, whoever it did not list. */
  async removeLeavers(db: Db, full: boolean): Promise<void> {
    await db.execute(sql`delete from ${people} where ${people.id} in
      (select ${directorySyncEntries.personId} from ${directorySyncEntries} where ${directorySyncEntries.gone})`);
    if (full)
      await db.execute(sql`delete from ${people} where not exists
        (select 1 from ${directorySyncEntries} where ${directorySyncEntries.personId} = ${people.id}
          and not ${directorySyncEntries.gone})`);
  },

  /**
   * Ends the round inside the transaction that applied it: entries dropped, progress cleared, lease
   * released. Throws LeaseLost (rolling the apply back) when another run took over meanwhile.
   */
  async finishRound(db: Db, owner: string, now: Date): Promise<void> {
    const [row] = await db
      .update(directorySyncProgress)
      .set({
        mode: null,
        nextLink: null,
        deltaLink: null,
        pages: 0,
        entries: 0,
        roundStartedAt: null,
        owner: null,
        leaseUntil: null,
        updatedAt: now,
      })
      .where(mine(owner))
      .returning({ name: directorySyncProgress.name });
    if (!row) throw new LeaseLost();
    await db.delete(directorySyncEntries);
  },
};

/** Another run took the sync's lease (this one stalled past it): this run stops and changes nothing more. */
export class LeaseLost extends Error {
  constructor() {
    super('the directory sync lease was taken over by another run');
    this.name = 'LeaseLost';
  }
}
