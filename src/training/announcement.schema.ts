import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';
import type { Audience } from './announcement.contract.ts';

/**
 * A 受講案内: HR told an audience about a session. One per session and audience (`audienceKey`, the
 * audience written one canonical way). The fan-out writes its recipients page by page, in person id order,
 * and remembers where it got to (`cursor`); `fannedOutAt` is set once every page is written. An unfinished
 * fan-out (a crash, a restart) is taken up again from the cursor by the next sweep, on any instance.
 */
export const trainingAnnouncements = pgTable(
  'training_announcements',
  {
    id: uuidPrimaryKey(),
    sessionId: uuid('session_id').notNull(),
    audience: jsonb('audience').$type<Audience>().notNull(),
    audienceKey: text('audience_key').notNull(),
    announcedById: text('announced_by_id').notNull(),
    /** The Japan day the audience was resolved on (years of service count to it). */
    resolvedOn: text('resolved_on').notNull(),
    /** The last person id whose page was written; null before the first. */
    cursor: text('cursor'),
    fannedOutAt: timestamptz('fanned_out_at'),
    ...versionedRow(),
  },
  (table) => [uniqueIndex('training_announcements_audience').on(table.sessionId, table.audienceKey)],
);

/**
 * Who was told of a session, by which announcement: one row per session and person, ever, so nobody is
 * told twice (a wider announcement skips them). Written in the same transaction as the person's message
 * in the bot outbox (key `training-announcement:<sessionId>:<personId>`).
 */
export const trainingAnnouncementRecipients = pgTable(
  'training_announcement_recipients',
  {
    sessionId: uuid('session_id').notNull(),
    personId: personRef(),
    announcementId: uuid('announcement_id').notNull(),
    /** The language the card was written in. */
    locale: text('locale', { enum: ['ja', 'en'] }).notNull(),
    /** When the person first followed the card's link into the tab. */
    openedAt: timestamptz('opened_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.personId] }),
    index('training_announcement_recipients_announcement_idx').on(table.announcementId, table.personId),
  ],
);
