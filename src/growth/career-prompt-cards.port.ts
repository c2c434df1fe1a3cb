// The bot notices of a career milestone, as the server sees them: rendered by the bot's pure card builder
// (bot/cards/career-prompt-card.ts), handed in by the composition root — src/ does not import bot/.
import type { BotAttachment } from '../reports/bot-message-parts.ts';
import type { MilestoneKind } from './career-milestones.ts';

export type CareerPromptLocale = 'ja' | 'en';

interface CareerPromptFacts {
  locale: CareerPromptLocale;
  kind: MilestoneKind;
  /** Years of service at the milestone. */
  years: number;
  /** YYYY-MM-DD: the hire date's anniversary it fell due on. */
  dueOn: string;
}

/** To the person: their キャリア面談 is due, or the 評価期間 ends and they choose 専門 or 幅広. */
export interface CareerPromptToPerson extends CareerPromptFacts {
  /** Their career design page in the tab. */
  openUrl: string;
}

/** To the supervisor: book the キャリア面談 with the person. */
export interface CareerPromptToSupervisor extends CareerPromptFacts {
  personName: string;
  /** The tab's interviews page with the booking opened for this person and a career interview. */
  openUrl: string;
}

export interface RenderedCareerPrompt {
  /** For notifications and clients that show no cards. */
  text: string;
  attachments: BotAttachment[];
}

export interface CareerPromptCards {
  toPerson(input: CareerPromptToPerson): RenderedCareerPrompt;
  toSupervisor(input: CareerPromptToSupervisor): RenderedCareerPrompt;
}
