// The bot messages of a 資格取得 application's steps, as the server sees them: rendered by the bot's pure card
// builder (bot/cards/qualification-notice-card.ts), handed in by the composition root — src/ does not
// import bot/.
import type { BotAttachment } from '../reports/bot-message-parts.ts';

export type QualificationNoticeLocale = 'ja' | 'en';

/** What both notices show of the application. */
interface ApplicationFacts {
  locale: QualificationNoticeLocale;
  qualificationName: string;
  /** YYYY-MM-DD. */
  examDate: string;
  costYen: number;
  /** The tab's career page, where the applications and the approvals are. */
  openUrl: string;
}

/** To the supervisor: an application (new, or changed after being returned) waits for their decision. */
export interface QualificationSubmittedNotice extends ApplicationFacts {
  applicantName: string;
  resubmitted: boolean;
}

/** To the applicant: their supervisor or HR decided, with the comment they wrote (possibly empty). */
export interface QualificationDecidedNotice extends ApplicationFacts {
  /** approved: on to HR; returned: change and send again; granted / refused: HR's decision. */
  outcome: 'approved' | 'returned' | 'granted' | 'refused';
  deciderName: string;
  comment: string;
}

export interface RenderedQualificationNotice {
  /** For notifications and clients that show no cards. */
  text: string;
  attachments: BotAttachment[];
}

export interface QualificationNoticeCards {
  submitted(input: QualificationSubmittedNotice): RenderedQualificationNotice;
  decided(input: QualificationDecidedNotice): RenderedQualificationNotice;
}
