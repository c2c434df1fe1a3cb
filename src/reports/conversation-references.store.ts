import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { conversationReferences, teamInstallations } from './conversation-references.schema.ts';

export type ConversationReferenceRow = typeof conversationReferences.$inferSelect;
export type TeamInstallationRow = typeof teamInstallations.$inferSelect;
export type NewConversationReference = Omit<typeof conversationReferences.$inferInsert, 'updatedAt'>;

/**
 * Each person's language as their Teams client last named it in a personal chat with the bot (`ja` or
 * `en`); people never seen there are left out, and their messages are written in Japanese. What proactive
 * 1:1 messages that know their recipient are written in (DRILL follow-ups, 受講案内, status notices).
 */
export async function personalLocalesOf(db: Db, personIds: string[]): Promise<Map<string, 'ja' | 'en'>> {
  const locales = new Map<string, 'ja' | 'en'>();
  if (personIds.length === 0) return locales;
  const rows = await db
    .select({ personId: conversationReferences.userAadId, locale: conversationReferences.locale })
    .from(conversationReferences)
    .where(
      and(eq(conversationReferences.kind, 'personal'), inArray(conversationReferences.userAadId, personIds)),
    )
    .orderBy(desc(conversationReferences.updatedAt));
  for (const row of rows)
    if (row.personId && row.locale && !locales.has(row.personId)) locales.set(row.personId, row.locale);
  return locales;
}

/** `now` is the service clock (tests freeze or move it): it stamps what the store changes. */
export function createConversationReferenceStore(db: Db, now: () => Date) {
  return {
    async remember(reference: NewConversationReference): Promise<void> {
      const { conversationId: _key, ...changes } = reference;
      await db
        .insert(conversationReferences)
        .values(reference)
        .onConflictDoUpdate({
          target: conversationReferences.conversationId,
          set: { ...changes, updatedAt: now() },
        });
    },

    async personalChatOf(userAadId: string): Promise<ConversationReferenceRow | undefined> {
      const rows = await db
        .select()
        .from(conversationReferences)
        .where(
          and(eq(conversationReferences.userAadId, userAadId), eq(conversationReferences.kind, 'personal')),
        )
        .limit(1);
      return rows[0];
    },

    async recordInstallation(installation: {
      teamId: string;
      teamName: string | null;
      aadGroupId: string | null;
      tenantId: string | null;
      serviceUrl: string;
      channels: Array<{ id: string; name: string }>;
    }): Promise<void> {
      const { teamId: _key, ...changes } = installation;
      await db
        .insert(teamInstallations)
        .values(installation)
        .onConflictDoUpdate({ target: teamInstallations.teamId, set: { ...changes, uninstalledAt: null } });
    },

    async recordUninstallation(teamId: string): Promise<void> {
      await db
        .update(teamInstallations)
        .set({ uninstalledAt: now() })
        .where(eq(teamInstallations.teamId, teamId));
    },

    async listInstallations(): Promise<TeamInstallationRow[]> {
      return db.select().from(teamInstallations).where(isNull(teamInstallations.uninstalledAt));
    },
  };
}

export type ConversationReferenceStore = ReturnType<typeof createConversationReferenceStore>;
