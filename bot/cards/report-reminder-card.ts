// The reminder sent 1:1 to an attendee who has not submitted their report yet; its button opens the form
// (with their draft, if any). Pure builder.
import type { IExecuteAction } from '@microsoft/teams.cards';
import {
  REPORT_OPEN_VERB,
  card,
  heading,
  plain,
  sessionLine,
  type CardLocale,
  type CardSession,
  type ReportCard,
} from './report-card.ts';

const TEXT = {
  ja: {
    title: '研修報告のお願い',
    body: 'まだ研修報告が提出されていません。学んだことを職場に還元するため、提出をお願いします。',
    count: (reminder: number, max: number) => `お知らせ ${reminder}/${max} 回目`,
    open: '報告を書く',
  },
  en: {
    title: 'Your training report, please',
    body: 'Your training report has not been submitted yet. Please submit it so your workplace can benefit from what you learned.',
    count: (reminder: number, max: number) => `Reminder ${reminder} of ${max}`,
    open: 'Write the report',
  },
} as const;

export function reportReminderCard(input: {
  locale: CardLocale;
  session: CardSession;
  reminder: number;
  max: number;
}): ReportCard {
  const t = TEXT[input.locale];
  const data = { sessionId: input.session.sessionId };
  const open: IExecuteAction = {
    type: 'Action.Execute',
    title: t.open,
    style: 'positive',
    verb: REPORT_OPEN_VERB,
    data,
    fallback: { type: 'Action.Submit', title: t.open, data: { verb: REPORT_OPEN_VERB, ...data } },
  };
  return card(
    input.locale,
    [
      heading(`🔔 ${t.title}`),
      sessionLine(input.locale, input.session),
      plain(t.body),
      plain(t.count(input.reminder, input.max), { isSubtle: true }),
    ],
    [open],
  );
}
