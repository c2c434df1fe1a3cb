import { pgTable, text } from 'drizzle-orm/pg-core';
import { personRef, rowVersion, updatedAt } from '../db/columns.ts';

/**
 * Where a 課's training reports are shared (policy 7(5)②): HR maps each department to a channel of a team
 * the app is installed in. One row per department; versioned so two HR staff editing at once are told.
 */
export const reportChannelMappings = pgTable('report_channel_mappings', {
  department: text('department').primaryKey(),
  teamId: text('team_id').notNull(),
  channelId: text('channel_id').notNull(),
  version: rowVersion(),
  updatedById: personRef('updated_by_id'),
  updatedAt: updatedAt(),
});
