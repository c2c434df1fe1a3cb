// The bot message of an onboarding suggestion, as the server sees it: rendered by the bot's pure card
// builder (bot/cards/ojt-notice-card.ts), handed in by the composition root — src/ does not import bot/.
import type { BotAttachment } from '../reports/bot-message-parts.ts';

export type OjtNoticeLocale = 'ja' | 'en';

/** To the supervisor: someone arrived under them; make their OJT plan. */
export interface OjtSuggestionNotice {
  locale: OjtNoticeLocale;
  personName: string;
  kind: 'hire' | 'transfer';
  /** The 課 they arrived in. */
  department: string | null;
  /** The person's page on the tab's team page, where the plan is started. */
  openUrl: string;
}

export interface RenderedOjtNotice {
  /** For notifications and clients that show no cards. */
  text: string;
  attachments: BotAttachment[];
}

export interface OjtNoticeCards {
  suggested(input: OjtSuggestionNotice): RenderedOjtNotice;
}
