// The bot's help: what it can do, in the person's language, with buttons that send its commands and one
// that opens the personal tab. A greeting and text the bot does not understand get the same card, with a
// first line of their own.
import type { IExecuteAction, IOpenUrlAction, ISubmitAction } from '@microsoft/teams.cards';
import { card, heading, plain, type CardLocale, type ReportCard } from './report-card.ts';

/** The commands as the help card and the Teams command menu name them (docs/bot.md, "Commands"). */
export const COMMAND_WORDS = {
  ja: { reports: '提出する報告', schedule: '次の予定', checkIn: 'チェックイン', help: 'ヘルプ' },
  en: { reports: 'reports due', schedule: 'my schedule', checkIn: 'check in', help: 'help' },
} as const;

const TEXT = {
  ja: {
    hello: (name: string) => `${name} さん、こんにちは。`,
    someone: '職員',
    notUnderstood: (said: string) => `すみません、「${said}」はわかりませんでした。`,
    title: '育み（Hagukumi）のボットでできること',
    reports: 'まだ提出していない研修報告を一覧にします。報告はこのチャットで書いて提出できます。',
    schedule: '予約済みの面談と、これからの研修の予定を表示します。',
    checkIn:
      '会場の研修に出席を記録します。会場に表示されたコードを続けて送ってください（例：「チェックイン ABC123」）。',
    help: 'この案内を表示します。',
    afterTraining: '研修が終わると、このチャットに研修報告のお願いが届きます。',
    howTo: '下のボタンを押すか、コマンドをそのまま送ってください。',
    openTab: '育みを開く',
  },
  en: {
    hello: (name: string) => `Hello, ${name}.`,
    someone: 'there',
    notUnderstood: (said: string) => `Sorry, I did not understand "${said}".`,
    title: 'What the Hagukumi bot can do',
    reports:
      'Lists the training reports you still have to submit. You can write and submit them in this chat.',
    schedule: 'Shows your booked interviews and upcoming training sessions.',
    checkIn:
      'Checks you in to a training session in a room: send the code shown there after it (e.g. "check in ABC123").',
    help: 'Shows this list.',
    afterTraining: 'After a training, I ask you for your report in this chat.',
    howTo: 'Press a button below, or send the command as it is written.',
    openTab: 'Open Hagukumi',
  },
} as const;

/** Teams sends the button's text as if the person had typed it (an imBack). */
const sendCommand = (title: string): ISubmitAction => ({
  type: 'Action.Submit',
  title,
  data: { msteams: { type: 'imBack', value: title } },
});

/** How long a piece of what someone typed may be when the card repeats it. */
const ECHO_MAX = 40;

export function helpCard(input: {
  locale: CardLocale;
  /** Why the card is shown: asked for, a greeting, or text the bot did not understand. */
  reason: 'help' | 'greeting' | 'unknown';
  userName?: string | undefined;
  /** What the person typed (for `unknown`). */
  said?: string | undefined;
  /** Opens the personal tab inside Teams (src/shared/tab-links.ts). */
  tabUrl: string;
}): ReportCard {
  const { locale } = input;
  const t = TEXT[locale];
  const words = COMMAND_WORDS[locale];
  const said = (input.said ?? '').trim().replace(/\s+/g, ' ');
  const echo = said.length > ECHO_MAX ? `${said.slice(0, ECHO_MAX)}…` : said;
  const opening =
    input.reason === 'greeting'
      ? [heading(t.hello(input.userName?.trim() || t.someone))]
      : input.reason === 'unknown'
        ? [plain(t.notUnderstood(echo), { weight: 'Bolder', color: 'Attention' })]
        : [];
  const command = (word: string, what: string) =>
    plain(locale === 'ja' ? `「${word}」：${what}` : `"${word}": ${what}`, { spacing: 'Small' });
  const open: IOpenUrlAction = { type: 'Action.OpenUrl', title: t.openTab, url: input.tabUrl };
  const actions: Array<ISubmitAction | IOpenUrlAction | IExecuteAction> = [
    sendCommand(words.reports),
    sendCommand(words.schedule),
    open,
  ];
  return card(
    locale,
    [
      ...opening,
      {
        type: 'TextBlock',
        text: t.title,
        weight: 'Bolder',
        size: input.reason === 'help' ? 'Large' : 'Medium',
        wrap: true,
        ...(input.reason === 'help' ? { style: 'heading' as const } : {}),
      },
      command(words.reports, t.reports),
      command(words.schedule, t.schedule),
      command(words.checkIn, t.checkIn),
      command(words.help, t.help),
      plain(t.afterTraining, { spacing: 'Medium' }),
      plain(t.howTo, { isSubtle: true }),
    ],
    actions,
  );
}
