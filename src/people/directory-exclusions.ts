// People HR erased stay out of Hagukumi's copy of the directory until HR lets them back (docs/people.md,
// "Erased people"). The privacy slice excludes someone in the erasure's own transaction; the directory
// sync and a first sign-in skip whoever is excluded; HR lifts it, and the next sync brings the person
// back as a new, empty record (their data is gone, and nothing links the new record to the erased one).
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { directoryExclusions } from './people.schema.ts';

/** Called by the erasure, inside its transaction: a second erasure of the same person excludes again. */
export async function excludeFromDirectory(db: Db, personId: string, erasureId: string, at: Date) {
  await db
    .insert(directoryExclusions)
    .values({ personId, erasureId, excludedAt: at })
    .onConflictDoUpdate({
      target: directoryExclusions.personId,
      set: { erasureId, excludedAt: at, liftedAt: sql`NULL`, liftedBy: sql`NULL` },
    });
}

export const directoryExclusionStore = {
  async excludedIds(db: Db): Promise<Set<string>> {
    const rows = await db
      .select({ personId: directoryExclusions.personId })
      .from(directoryExclusions)
      .where(isNull(directoryExclusions.liftedAt));
    return new Set(rows.map((row) => row.personId));
  },

  async isExcluded(db: Db, personId: string): Promise<boolean> {
    const rows = await db
      .select({ personId: directoryExclusions.personId })
      .from(directoryExclusions)
      .where(and(eq(directoryExclusions.personId, personId), isNull(directoryExclusions.liftedAt)))
      .limit(1);
    return rows.length > 0;
  },

  /**
   * Whether someone HR let back in is still missing from the copy: the directory's delta does not list
   * a person who did not change there, so the next sync must read the whole directory once.
   */
  async hasLiftedAbsent(db: Db): Promise<boolean> {
    const rows = await db
      .select({ personId: directoryExclusions.personId })
      .from(directoryExclusions)
      .where(
        and(
          isNotNull(directoryExclusions.liftedAt),
          sql`NOT EXISTS (SELECT 1 FROM people p WHERE p.id = ${directoryExclusions.personId})`,
        ),
      )
      .limit(1);
    return rows.length > 0;
  },

  /** True when an exclusion in force was lifted now. */
  async lift(db: Db, personId: string, liftedBy: string, at: Date): Promise<boolean> {
    const rows = await db
      .update(directoryExclusions)
      .set({ liftedAt: at, liftedBy })
      .where(and(eq(directoryExclusions.personId, personId), isNull(directoryExclusions.liftedAt)))
      .returning({ personId: directoryExclusions.personId });
    return rows.length > 0;
  },
};
