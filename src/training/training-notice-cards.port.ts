// The bot messages the training slice sends (受講案内 and personal status notices), as the server sees them:
// rendered by the bot's pure card builders (bot/cards/training-notice-card.ts), handed in by the
// composition root — src/ does not import bot/.
import type { BotAttachment } from '../reports/bot-message-parts.ts';

export type NoticeLocale = 'ja' | 'en';

/** A session as a notice shows it. */
export interface NoticeSession {
  sessionId: string;
  courseTitle: { ja: string; en: string | null };
  /** ISO instants. */
  start: string;
  end: string;
  place: string;
  online: boolean;
  /** YYYY-MM-DD, last day to apply. */
  applicationDeadline: string;
}

export interface AnnouncementNotice {
  locale: NoticeLocale;
  session: NoticeSession;
  /** The tab's training page, through which the person applies (and which records that they opened it). */
  openUrl: string;
}

/** The personal changes a person is told about. `promoted`: moved off the waiting list to a seat. */
export const STATUS_NOTICE_KINDS = [
  'recommended',
  'nominated',
  'confirmed',
  'waitlisted',
  'promoted',
] as const;
export type StatusNoticeKind = (typeof STATUS_NOTICE_KINDS)[number];

export interface StatusNotice {
  locale: NoticeLocale;
  kind: StatusNoticeKind;
  session: NoticeSession;
  /** Who recommended or nominated them (shown on those notices). */
  byName?: string | null;
  /** The supervisor's reason for a 推薦 (shown to the person, as the tab does). */
  reason?: string;
  openUrl: string;
}

export interface RenderedNotice {
  /** For notifications and clients that show no cards. */
  text: string;
  attachments: BotAttachment[];
}

export interface TrainingNoticeCards {
  announcement(input: AnnouncementNotice): RenderedNotice;
  status(input: StatusNotice): RenderedNotice;
}
