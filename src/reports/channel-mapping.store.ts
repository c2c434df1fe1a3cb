import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { departmentHeadcounts } from '../people/people.read.ts';
import { reportChannelMappings } from './channel-mapping.schema.ts';

export type ChannelMappingRow = typeof reportChannelMappings.$inferSelect;

/** Reads and writes HR's 課 → channel mapping; `db` may be a transaction (the submission reads it inside one). */
export function createChannelMappingStore(db: Db) {
  return {
    async all(): Promise<ChannelMappingRow[]> {
      return db.select().from(reportChannelMappings);
    },

    async of(department: string): Promise<ChannelMappingRow | undefined> {
      return (
        await db
          .select()
          .from(reportChannelMappings)
          .where(eq(reportChannelMappings.department, department))
          .limit(1)
      )[0];
    },

    /** The 課 of the directory with how many people each has (the people slice's published read). */
    async departments(): Promise<Array<{ department: string; people: number }>> {
      return (await departmentHeadcounts(db)).sort((a, b) => a.department.localeCompare(b.department, 'ja'));
    },

    /** Creates (expected 0) or replaces (expected = the stored version); undefined when the version is stale. */
    async put(
      department: string,
      expected: number,
      target: { teamId: string; channelId: string },
      actorId: string,
      now: Date,
    ): Promise<ChannelMappingRow | undefined> {
      if (expected === 0) {
        const [created] = await db
          .insert(reportChannelMappings)
          .values({ department, ...target, updatedById: actorId, updatedAt: now })
          .onConflictDoNothing()
          .returning();
        return created;
      }
      const [saved] = await db
        .update(reportChannelMappings)
        .set({ ...target, version: expected + 1, updatedById: actorId, updatedAt: now })
        .where(
          and(eq(reportChannelMappings.department, department), eq(reportChannelMappings.version, expected)),
        )
        .returning();
      return saved;
    },

    /** Removes the mapping if it is still at `expected`; false when it is not (stale or already gone). */
    async remove(department: string, expected: number): Promise<boolean> {
      const removed = await db
        .delete(reportChannelMappings)
        .where(
          and(eq(reportChannelMappings.department, department), eq(reportChannelMappings.version, expected)),
        )
        .returning({ department: reportChannelMappings.department });
      return removed.length > 0;
    },
  };
}

export type ChannelMappingStore = ReturnType<typeof createChannelMappingStore>;

/**
 * The channel a 課's reports go to: its mapping, if the team is still installed and the channel still
 * listed there. Shared by the HR overview and the submission, so both call the same thing "unavailable".
 */
export function resolveChannel(
  mapping: Pick<ChannelMappingRow, 'teamId' | 'channelId'> | undefined,
  installations: ReadonlyArray<{
    teamId: string;
    teamName: string | null;
    channels: Array<{ id: string; name: string }>;
  }>,
): { teamId: string; teamName: string | null; channelId: string; channelName: string } | undefined {
  if (!mapping) return undefined;
  const team = installations.find((candidate) => candidate.teamId === mapping.teamId);
  const channel = team?.channels.find((candidate) => candidate.id === mapping.channelId);
  if (!team || !channel) return undefined;
  return { teamId: team.teamId, teamName: team.teamName, channelId: channel.id, channelName: channel.name };
}
