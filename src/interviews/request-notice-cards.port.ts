// The bot messages about 1:1 requests, as the server sees them: rendered by the bot's pure card builders
// (bot/cards/request-notice-card.ts), handed in by the composition root — src/ does not import bot/.
import type { BotAttachment } from '../reports/bot-message-parts.ts';

export type RequestNoticeLocale = 'ja' | 'en';

/** To the supervisor: someone asks them for a 1:1. */
export interface RequestArrivedNotice {
  locale: RequestNoticeLocale;
  personName: string;
  topic: string;
  /** YYYY-MM-DD, the Monday of the week they would like; null: any time. */
  preferredWeek: string | null;
  /** The tab's interviews page, where they book or decline it. */
  openUrl: string;
}

/** To the requester: their supervisor declined, with the reason. */
export interface RequestDeclinedNotice {
  locale: RequestNoticeLocale;
  supervisorName: string;
  topic: string;
  reason: string;
  openUrl: string;
}

/** To the requester: their supervisor booked the 1:1 (the Teams link follows in the Outlook invitation). */
export interface RequestBookedNotice {
  locale: RequestNoticeLocale;
  supervisorName: string;
  topic: string;
  /** ISO instants of the (first) 1:1. */
  start: string;
  end: string;
  /** Every two weeks etc., when booked as a series. */
  intervalWeeks: number | null;
  /** The interview's page in the tab (its time, agenda, and the Teams link once Outlook has it). */
  openUrl: string;
}

export interface RenderedRequestNotice {
  /** For notifications and clients that show no cards. */
  text: string;
  attachments: BotAttachment[];
}

export interface RequestNoticeCards {
  arrived(input: RequestArrivedNotice): RenderedRequestNotice;
  declined(input: RequestDeclinedNotice): RenderedRequestNotice;
  booked(input: RequestBookedNotice): RenderedRequestNotice;
}
