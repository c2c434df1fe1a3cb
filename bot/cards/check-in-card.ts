// The answer to 「チェックイン ABC123」 / "check in ABC123": the same outcomes the tab shows
// (tab/src/training/check-in.tsx), in the person's language, with a button into their training page.
import type { IOpenUrlAction } from '@microsoft/teams.cards';
import { card, plain, titleIn, type CardLocale, type ReportCard } from './report-card.ts';

export type CheckInOutcome =
  | {
      kind: 'accepted' | 'alreadyCheckedIn';
      courseTitle: { ja: string; en: string | null };
      onRoster: boolean;
    }
  /** The command without a code. */
  | { kind: 'noCode' }
  | { kind: 'wrongCode' }
  | { kind: 'outsideWindow' }
  | { kind: 'cancelled' }
  | { kind: 'rateLimited'; minutes: number }
  /** Someone the app does not know (no person behind the Teams user). */
  | { kind: 'unknownPerson' };

const TEXT = {
  ja: {
    accepted: (title: string) => `「${title}」にチェックインしました。`,
    alreadyCheckedIn: (title: string) => `「${title}」にはもうチェックインしています。`,
    notOnRoster: '受講者名簿にお名前がないため、職員課が確認します。',
    noCode: '会場に表示された出席確認コードを続けて送ってください。例：「チェックイン ABC123」',
    wrongCode: 'コードが違います。会場に表示された出席確認コードを確かめてください。',
    outsideWindow: 'このコードは研修の開始 30 分前から終了 30 分後まで使えます。',
    cancelled: 'この研修は中止になりました。',
    rateLimited: (minutes: number) =>
      `入力の誤りが続いたため、${minutes} 分ほど待ってからやり直してください。`,
    unknownPerson: '育み（Hagukumi）に登録された職員だけがチェックインできます。',
    open: 'わたしの研修を開く',
  },
  en: {
    accepted: (title: string) => `Checked in to “${title}”.`,
    alreadyCheckedIn: (title: string) => `You had already checked in to “${title}”.`,
    notOnRoster: 'You are not on its roster, so the training team will check.',
    noCode: 'Send the check-in code shown in the room after the command, e.g. "check in ABC123".',
    wrongCode: 'This code is not right. Check the code shown in the room.',
    outsideWindow: 'This code is accepted from 30 minutes before the session until 30 minutes after it ends.',
    cancelled: 'This session has been cancelled.',
    rateLimited: (minutes: number) => `Too many wrong codes: try again in about ${minutes} minutes.`,
    unknownPerson: 'Only staff known to Hagukumi can check in.',
    open: 'Open my training',
  },
} as const;

/** The check-in's outcome as a card; `openUrl` is the person's training page in the tab. */
export function checkInCard(input: {
  locale: CardLocale;
  outcome: CheckInOutcome;
  openUrl: string;
}): ReportCard {
  const { locale, outcome } = input;
  const t = TEXT[locale];
  const open: IOpenUrlAction = { type: 'Action.OpenUrl', title: t.open, url: input.openUrl };
  switch (outcome.kind) {
    case 'accepted':
    case 'alreadyCheckedIn': {
      const title = titleIn(locale, outcome.courseTitle);
      return card(
        locale,
        [
          plain(t[outcome.kind](title), { weight: 'Bolder', color: 'Good' }),
          ...(outcome.onRoster ? [] : [plain(t.notOnRoster)]),
        ],
        [open],
      );
    }
    case 'rateLimited':
      return card(locale, [plain(t.rateLimited(outcome.minutes), { color: 'Attention' })]);
    case 'noCode':
      return card(locale, [plain(t.noCode)]);
    case 'unknownPerson':
      return card(locale, [plain(t.unknownPerson)]);
    default:
      return card(locale, [plain(t[outcome.kind], { color: 'Attention' })], [open]);
  }
}
