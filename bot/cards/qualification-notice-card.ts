// Pure card builders for the bot's notices of a 資格取得 application's steps (docs/training.md, "資格取得
// support and budget"): to the supervisor when an application waits for them, and to the applicant when
// their supervisor or HR decided. Data in, Adaptive Card 1.5 JSON out; Japanese first, English complete.
// The button opens the tab's career page, where the applications and the approvals are.
import type { IOpenUrlAction } from '@microsoft/teams.cards';
import type {
  QualificationDecidedNotice,
  QualificationNoticeCards,
  QualificationSubmittedNotice,
} from '../../src/qualifications/qualification-notice-cards.port.ts';
import { adaptiveCard } from '../../src/reports/report-cards.port.ts';
import { card, dayOf, heading, plain, type ReportCard } from './report-card.ts';

const TEXT = {
  ja: {
    submittedTitle: '資格取得支援の申請が届きました',
    resubmittedTitle: '資格取得支援の申請が修正されました',
    submittedBody: (name: string) =>
      `${name}さんの資格取得支援の申請が、あなたの確認を待っています。タブで承認するか、コメントを付けて差し戻してください。`,
    decidedTitle: {
      approved: '資格取得支援の申請：上司が承認しました',
      returned: '資格取得支援の申請が差し戻されました',
      granted: '資格取得支援の申請が承認されました',
      refused: '資格取得支援の申請は承認されませんでした',
    },
    decidedBody: {
      approved: (name: string) => `${name}さんが承認し、職員課の審査に回りました。`,
      returned: (name: string) =>
        `${name}さんから差し戻されました。コメントを確認し、タブで修正して再申請してください。`,
      granted: (name: string) =>
        `職員課（${name}さん）が承認しました。受験後、タブで結果を記録してください。`,
      refused: (name: string) => `職員課（${name}さん）は承認しませんでした。理由を確認してください。`,
    },
    applicant: '申請者',
    qualification: '資格',
    examDate: '受験日',
    cost: '費用',
    yen: (amount: number) => `${amount.toLocaleString('ja-JP')} 円`,
    comment: 'コメント',
    open: 'タブで開く',
  },
  en: {
    submittedTitle: 'A qualification support application for you',
    resubmittedTitle: 'A qualification support application was changed',
    submittedBody: (name: string) =>
      `${name}'s application for qualification support waits for your decision. Approve it in the tab, or return it with a comment.`,
    decidedTitle: {
      approved: 'Qualification support: your supervisor approved',
      returned: 'Qualification support: your application was returned',
      granted: 'Qualification support: approved',
      refused: 'Qualification support: not approved',
    },
    decidedBody: {
      approved: (name: string) => `${name} approved it; it now goes to HR (職員課).`,
      returned: (name: string) =>
        `${name} returned it. Read the comment, change it in the tab and send it again.`,
      granted: (name: string) => `HR (${name}) approved it. After the exam, record the result in the tab.`,
      refused: (name: string) => `HR (${name}) did not approve it. See the reason.`,
    },
    applicant: 'Applicant',
    qualification: 'Qualification',
    examDate: 'Exam day',
    cost: 'Cost',
    yen: (amount: number) => `¥${amount.toLocaleString('en-US')}`,
    comment: 'Comment',
    open: 'Open in the tab',
  },
} as const;

const openAction = (title: string, url: string): IOpenUrlAction => ({ type: 'Action.OpenUrl', title, url });

type Facts = Pick<QualificationSubmittedNotice, 'locale' | 'qualificationName' | 'examDate' | 'costYen'>;

// FactSet values are plain text in Teams (no markdown), so names need no escaping there.
const applicationFacts = (input: Facts, lead: Array<{ title: string; value: string }> = []) => {
  const t = TEXT[input.locale];
  return {
    type: 'FactSet' as const,
    facts: [
      ...lead,
      { title: t.qualification, value: input.qualificationName },
      { title: t.examDate, value: dayOf(input.locale, `${input.examDate}T00:00:00+09:00`) },
      { title: t.cost, value: t.yen(input.costYen) },
    ],
  };
};

export function qualificationSubmittedCard(input: QualificationSubmittedNotice): ReportCard {
  const t = TEXT[input.locale];
  return card(
    input.locale,
    [
      heading(input.resubmitted ? t.resubmittedTitle : t.submittedTitle),
      plain(t.submittedBody(input.applicantName)),
      applicationFacts(input, [{ title: t.applicant, value: input.applicantName }]),
    ],
    [openAction(t.open, input.openUrl)],
  );
}

export function qualificationDecidedCard(input: QualificationDecidedNotice): ReportCard {
  const t = TEXT[input.locale];
  return card(
    input.locale,
    [
      heading(t.decidedTitle[input.outcome]),
      plain(t.decidedBody[input.outcome](input.deciderName)),
      applicationFacts(input),
      ...(input.comment === '' ? [] : [plain(`${t.comment}: ${input.comment}`)]),
    ],
    [openAction(t.open, input.openUrl)],
  );
}

/** The builders as the 資格取得 slice takes them (src/qualifications/qualification-notice-cards.port.ts). */
export const qualificationNoticeCards: QualificationNoticeCards = {
  submitted: (input) => ({
    text: `${TEXT[input.locale][input.resubmitted ? 'resubmittedTitle' : 'submittedTitle']}: ${input.applicantName}`,
    attachments: [adaptiveCard(qualificationSubmittedCard(input))],
  }),
  decided: (input) => ({
    text: `${TEXT[input.locale].decidedTitle[input.outcome]}: ${input.qualificationName}`,
    attachments: [adaptiveCard(qualificationDecidedCard(input))],
  }),
};
