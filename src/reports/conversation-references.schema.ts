import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz, updatedAt } from '../db/columns.ts';

/**
 * Where the bot can write later without being spoken to (proactive messages): one row per
 * conversation it has seen — a user's 1:1 chat, or a channel of a team it is installed in. Captured
 * from incoming activities; Teams gives no other way to learn a channel's serviceUrl.
 */
export const conversationReferences = pgTable(
  'conversation_references',
  {
    conversationId: text('conversation_id').primaryKey(),
    kind: text('kind', { enum: ['personal', 'channel', 'groupChat'] }).notNull(),
    serviceUrl: text('service_url').notNull(),
    tenantId: text('tenant_id'),
    botId: text('bot_id').notNull(),
    /** Entra object id of the user, for personal chats. */
    userAadId: text('user_aad_id'),
    teamId: text('team_id'),
    channelId: text('channel_id'),
    channelName: text('channel_name'),
    /**
     * The language the person's Teams client last named in a personal chat (`ja`/`en`, from the activity's
     * `locale`): what proactive 1:1 messages that know their recipient are written in. Null: never seen.
     */
    locale: text('locale', { enum: ['ja', 'en'] }),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('conversation_references_user_idx').on(table.userAadId),
    index('conversation_references_team_idx').on(table.teamId),
  ],
);

/** Teams the app is installed in, with the channels seen there (for HR's 課 → channel mapping). */
export const teamInstallations = pgTable('team_installations', {
  teamId: text('team_id').primaryKey(),
  teamName: text('team_name'),
  aadGroupId: text('aad_group_id'),
  tenantId: text('tenant_id'),
  serviceUrl: text('service_url').notNull(),
  channels: jsonb('channels').$type<Array<{ id: string; name: string }>>().notNull().default([]),
  installedAt: timestamptz('installed_at').notNull().defaultNow(),
  uninstalledAt: timestamptz('uninstalled_at'),
});
