// The bot's pulse card as the server sees it: rendered by the bot's pure card builder
// (bot/cards/pulse-card.ts), handed in by the composition root — src/ does not import bot/.
import type { BotAttachment } from '../reports/bot-message-parts.ts';
import type { PulseQuestion } from './pulse.contract.ts';

export type PulseCardLocale = 'ja' | 'en';

/** To everyone in force when a pulse opens: its questions, answerable on the card or in the tab. */
export interface PulseInvitation {
  locale: PulseCardLocale;
  pulseId: string;
  quarter: string;
  questions: PulseQuestion[];
  freeTextQuestion: PulseQuestion | null;
  closesOn: string;
  /** The tab's home, where the pulse can be answered too. */
  openUrl: string;
}

export interface RenderedPulseCard {
  /** For notifications and clients that show no cards. */
  text: string;
  attachments: BotAttachment[];
}

export interface PulseCards {
  invitation(input: PulseInvitation): RenderedPulseCard;
}
