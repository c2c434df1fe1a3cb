// The DRILL follow-up's cards as the server sees them: opaque Adaptive Card content built by the bot's pure
// builders (bot/cards/follow-up-card.ts), handed in by the composition root — src/ does not import bot/.
import type { CardSessionInfo } from './report-cards.port.ts';

/** The recipient's language: from their personal chat with the bot, Japanese when never seen. */
export type FollowUpLocale = 'ja' | 'en';

export interface FollowUpCardBuilders {
  /** To the attendee: 「業務に反映できましたか」 with the short answer and an example. */
  attendee(input: {
    locale: FollowUpLocale;
    followUpId: string;
    version: number;
    session: CardSessionInfo;
  }): unknown;
  /** To the attendee's supervisor: a one-line observation of that person. */
  supervisor(input: {
    locale: FollowUpLocale;
    followUpId: string;
    version: number;
    session: CardSessionInfo;
    personName: string;
  }): unknown;
}
