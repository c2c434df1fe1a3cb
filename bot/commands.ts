// What a person typed to the bot, read as one of its commands. Pure: text in, command out.
//
// The accepted wordings are listed in docs/bot.md ("Commands"); the Teams app's command menu
// (appPackage/manifest.json `commandLists`, en.json) inserts one of them, and test/unit/app-package.test.ts
// checks that every menu entry parses.

export type BotCommand =
  /** The help card: what the bot can do. */
  | 'help'
  /** A greeting: answered with the help card too, greeting the person first. */
  | 'greeting'
  /** The training reports still to submit. */
  | 'reports'
  /** The next interviews and upcoming training sessions. */
  | 'schedule'
  /** A check-in to a room session with its code (`checkInOf` reads the code). */
  | 'checkin';

/**
 * The text as it is compared: Unicode-normalised (full-width letters and spaces become ASCII), lower case,
 * without an @mention (`<at>育み</at>` in a channel), polite endings and closing punctuation, spaces
 * collapsed.
 */
export function normaliseCommandText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .replace(/[。．.!！?？、,]+$/u, '')
    .replace(/(を)?(見せて|みせて|教えて|おしえて|表示して|ひょうじして)(ください|下さい)?$/u, '')
    .replace(/(を)?(表示|確認|一覧)$/u, '')
    .replace(/(は|って)?(何|なに|なん)(です|でしょう)?か?$/u, '')
    .replace(/[。．.!！?？、,\s]+$/u, '')
    .trim();
}

const HELP = new Set([
  'help',
  'menu',
  'commands',
  'what can you do',
  'ヘルプ',
  'へるぷ',
  '使い方',
  'つかいかた',
  'メニュー',
  '何ができる',
  'なにができる',
  'できること',
]);

const GREETING = new Set([
  'hello',
  'hi',
  'hey',
  'good morning',
  'good afternoon',
  'good evening',
  'こんにちは',
  'こんにちわ',
  'こんばんは',
  'おはよう',
  'おはようございます',
  'はじめまして',
  'よろしく',
  'よろしくお願いします',
  'よろしくおねがいします',
]);

// 報告 / 研修報告 / 提出する報告 / 未提出の報告 / まだ出していない研修報告 / 報告書 …
const REPORTS_JA =
  /^(私の|わたしの)?(未提出の?|提出する|提出が必要な|提出していない|まだ提出していない|まだ出していない|出していない)?(研修)?報告(書)?(一覧)?$/u;
// report / reports / my reports / reports due / my reports due / training reports to submit …
const REPORTS_EN =
  /^(show )?(me )?(my )?(training )?reports?( due| to submit| i owe| still due| outstanding)?$|^(outstanding|due) (training )?reports?$/u;

// 次の予定 / 予定 / 今後の予定 / 次の面談 / 面談の予定 / 研修の予定 / 次の面談と研修 …
const SCHEDULE_JA =
  /^(私の|わたしの)?(次の|つぎの|今後の|これからの)?(予定|面談|研修|面談と研修|研修と面談)(の予定)?$|^(面談|研修|面談と研修|研修と面談)の予定$/u;
// next / schedule / my schedule / upcoming / my next interview and training / next interview …
const SCHEDULE_EN =
  /^(show )?(me )?(my )?(next|upcoming|schedule|agenda)$|^(my )?(next|upcoming) (interviews?|trainings?|sessions?)( and (interviews?|trainings?|sessions?))?$|^(my )?schedule$/u;

// チェックイン ABC123 / チェックインコード ABC-123 / check in ABC123 / check-in: abc 123 / checkin ABC123;
// the command alone (the command menu's entry) asks for the code. What follows the words is the code:
// letters and digits, spaces and hyphens tolerated as the tab does (the service takes them out).
const CHECK_IN =
  /^(?:チェックイン(?:コード)?|check[ -]?in(?: code)?)(?:\s*[:：]\s*|\s+|$)([a-z0-9][a-z0-9 -]*)?$/u;

/** How long a code may be as typed (spaces and hyphens included), as the HTTP route takes it. */
export const CHECK_IN_TYPED_MAX = 20;

/**
 * A check-in command: `{ code }` with the code as typed (upper case, without spaces and hyphens), or
 * `{ code: undefined }` for the command alone; undefined when the text is not a check-in.
 */
export function checkInOf(text: string | undefined): { code: string | undefined } | undefined {
  const match = CHECK_IN.exec(normaliseCommandText(text ?? ''));
  if (!match) return undefined;
  const typed = match[1]?.trim() ?? '';
  if (typed.length > CHECK_IN_TYPED_MAX) return undefined;
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return { code: code === '' ? undefined : code };
}

/** The command the text asks for; undefined when it is none of them. */
export function parseCommand(text: string | undefined): BotCommand | undefined {
  // A lone question mark asks for help (the punctuation the normalising strips).
  if (/^\s*\?+\s*$/u.test((text ?? '').normalize('NFKC'))) return 'help';
  const said = normaliseCommandText(text ?? '');
  if (said === '') return undefined;
  if (HELP.has(said)) return 'help';
  if (GREETING.has(said)) return 'greeting';
  if (REPORTS_JA.test(said) || REPORTS_EN.test(said)) return 'reports';
  if (SCHEDULE_JA.test(said) || SCHEDULE_EN.test(said)) return 'schedule';
  if (checkInOf(text)) return 'checkin';
  return undefined;
}
