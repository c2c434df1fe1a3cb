// 1:1 notices around a submitted report: to the author's supervisor (with a link and a comment box), and
// to the author when a supervisor commented. Pure builders; user text escaped (see report-card.ts).
import type { IExecuteAction, IOpenUrlAction, ISubmitAction, ITextInput } from '@microsoft/teams.cards';
import type { Framework } from '../../src/framework/framework.schema.ts';
import { REPORT_COMMENT_MAX, type ReportContent } from '../../src/reports/report.contract.ts';
import {
  card,
  dayOf,
  heading,
  label,
  plain,
  sessionLine,
  type CardLocale,
  type CardSession,
  type ReportCard,
} from './report-card.ts';
import { frameworkNames, type SummaryAuthor } from './report-summary-card.ts';

/** The verb of the supervisor's "send comment" (Action.Execute; the Action.Submit fallback carries it). */
export const REPORT_COMMENT_VERB = 'report.comment';
/** The id of the comment input: the bot reads the typed comment under this key. */
export const COMMENT_INPUT_ID = 'comment';

/** What the comment button sends as `data` (Teams adds the input value beside it). */
export interface ReportCommentData {
  reportId: string;
  /** Made once per card: a double click or retried invoke stores the comment once. */
  requestId: string;
}

const TEXT = {
  ja: {
    noticeTitle: '研修報告が提出されました',
    noticeIntro: (name: string) => `${name}さんが研修報告を提出しました。コメントを送ると、本人に届きます。`,
    learned: '学んだこと',
    application: '職場でどう活かすか',
    strengthened: '伸ばせた能力・DRILLの指針',
    open: 'タブで見る',
    comment: 'コメント',
    commentPlaceholder: '本人へのひとこと（励まし・職場での活かし方の提案など）',
    commentRequired: 'コメントを書いてください。',
    send: 'コメントを送る',
    sent: 'コメントを送りました。',
    previous: '送ったコメント',
    commentTitle: '研修報告にコメントが届きました',
    commentFrom: (name: string) => `${name}さんからのコメント`,
  },
  en: {
    noticeTitle: 'A training report was submitted',
    noticeIntro: (name: string) => `${name} submitted a training report. A comment you send reaches them.`,
    learned: 'What they learned',
    application: 'How they will use it in the workplace',
    strengthened: 'Competencies and DRILL guidelines strengthened',
    open: 'Open in the tab',
    comment: 'Comment',
    commentPlaceholder: 'A word for them (encouragement, ideas for using it at work…)',
    commentRequired: 'Write a comment.',
    send: 'Send comment',
    sent: 'Comment sent.',
    previous: 'Comments sent',
    commentTitle: 'A comment on your training report',
    commentFrom: (name: string) => `From ${name}`,
  },
} as const;

export const commentRequiredText = (locale: CardLocale) => TEXT[locale].commentRequired;
export const commentSentText = (locale: CardLocale) => TEXT[locale].sent;

/**
 * The supervisor's notice: who reported on what, the gist, a link to the tab, and a box to comment. Shown
 * again after a comment (with `notice`, the comments so far and a fresh requestId) or with a problem (the
 * typed text kept).
 */
export function supervisorNoticeCard(input: {
  locale: CardLocale;
  reportId: string;
  requestId: string;
  author: SummaryAuthor;
  session: CardSession;
  report: Pick<ReportContent, 'learned' | 'application' | 'competencyIds' | 'guidelineIds'>;
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
  link: string;
  comments?: Array<{ text: string; createdAt: string }>;
  typed?: string;
  notice?: { text: string; tone: 'good' | 'attention' };
}): ReportCard {
  const { locale, report } = input;
  const t = TEXT[locale];
  const names = frameworkNames(input.framework, locale, report);
  const strengthened = [...names.competencies, ...names.guidelines].join(locale === 'ja' ? '、' : ', ');
  const data: ReportCommentData = { reportId: input.reportId, requestId: input.requestId };
  const fallback: ISubmitAction = {
    type: 'Action.Submit',
    title: t.send,
    data: { verb: REPORT_COMMENT_VERB, ...data },
  };
  const send: IExecuteAction = {
    type: 'Action.Execute',
    title: t.send,
    style: 'positive',
    verb: REPORT_COMMENT_VERB,
    data: { ...data },
    fallback,
  };
  const open: IOpenUrlAction = { type: 'Action.OpenUrl', title: t.open, url: input.link };
  const box: ITextInput = {
    type: 'Input.Text',
    id: COMMENT_INPUT_ID,
    label: t.comment,
    placeholder: t.commentPlaceholder,
    isMultiline: true,
    maxLength: REPORT_COMMENT_MAX,
    isRequired: true,
    errorMessage: t.commentRequired,
    ...(input.typed ? { value: input.typed } : {}),
  };
  const comments = input.comments ?? [];
  return card(
    locale,
    [
      ...(input.notice
        ? [plain(input.notice.text, { color: input.notice.tone === 'good' ? 'Good' : 'Attention' })]
        : []),
      heading(t.noticeTitle),
      sessionLine(locale, input.session),
      plain(t.noticeIntro(input.author.name), { isSubtle: true }),
      label(t.learned),
      plain(report.learned),
      label(t.application),
      plain(report.application),
      ...(strengthened ? [label(t.strengthened), plain(strengthened)] : []),
      ...(comments.length > 0
        ? [
            label(t.previous),
            ...comments.map((comment) =>
              plain(`${dayOf(locale, comment.createdAt)}: ${comment.text}`, { spacing: 'Small' }),
            ),
          ]
        : []),
      box,
    ],
    [send, open],
  );
}

/** To the author: a supervisor commented on their report. */
export function commentNoticeCard(input: {
  locale: CardLocale;
  supervisorName: string;
  session: CardSession;
  comment: string;
  link: string;
}): ReportCard {
  const t = TEXT[input.locale];
  const open: IOpenUrlAction = { type: 'Action.OpenUrl', title: t.open, url: input.link };
  return card(
    input.locale,
    [
      heading(`💬 ${t.commentTitle}`),
      sessionLine(input.locale, input.session),
      label(t.commentFrom(input.supervisorName)),
      plain(input.comment),
    ],
    [open],
  );
}
