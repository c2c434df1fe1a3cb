import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS } from '../../../bot/cards/help-card.ts';
import { checkInOf, normaliseCommandText, parseCommand } from '../../../bot/commands.ts';

describe('the bot’s commands', () => {
  it.each([
    ['ヘルプ', 'help'],
    ['help', 'help'],
    ['HELP', 'help'],
    ['Help!', 'help'],
    ['使い方', 'help'],
    ['何ができる？', 'help'],
    ['？', 'help'],
    ['こんにちは', 'greeting'],
    ['こんにちは！', 'greeting'],
    ['hello', 'greeting'],
    ['Hi', 'greeting'],
    ['おはようございます。', 'greeting'],
  ])('reads %j as %s', (text, command) => {
    expect(parseCommand(text)).toBe(command);
  });

  it.each([
    '報告',
    '提出する報告',
    '提出する研修報告',
    '未提出の報告',
    '未提出の研修報告を見せて',
    'まだ提出していない報告',
    '研修報告',
    '報告一覧',
    '報告を表示',
    'report',
    'reports',
    'Reports due',
    'my reports due',
    'My training reports',
    'outstanding reports',
    'ＲＥＰＯＲＴ', // full-width, as a Japanese IME may type it
  ])('reads %j as the reports still due', (text) => {
    expect(parseCommand(text)).toBe('reports');
  });

  it.each([
    '次の予定',
    '次の予定を教えて',
    '今後の予定',
    '予定',
    '次の面談',
    '面談の予定',
    '研修の予定',
    '次の面談と研修',
    'next',
    'my schedule',
    'schedule',
    'upcoming',
    'my next interview',
    'next interview and training',
    'my next interview and training',
    'My next interviews and trainings.',
  ])('reads %j as the next interviews and training', (text) => {
    expect(parseCommand(text)).toBe('schedule');
  });

  it.each(['asdfgh', 'ｱｲｳ', '報告を削除して', '給与明細', 'delete my reports', '', '   ', undefined])(
    'does not guess at %j',
    (text) => {
      expect(parseCommand(text)).toBeUndefined();
    },
  );

  it.each([
    ['チェックイン ABC123', 'ABC123'],
    ['チェックイン　ＡＢＣ１２３', 'ABC123'], // full-width, as a Japanese IME types it
    ['チェックインコード：ABC-123。', 'ABC123'],
    ['check in abc123', 'ABC123'],
    ['Check-in: ABC 123', 'ABC123'],
    ['checkin K7PQ2M', 'K7PQ2M'],
    ['check in code k7pq-2m', 'K7PQ2M'],
    ['<at>育み</at> チェックイン K7PQ2M', 'K7PQ2M'],
  ])('reads %j as a check-in with the code %s', (text, code) => {
    expect(parseCommand(text)).toBe('checkin');
    expect(checkInOf(text)).toEqual({ code });
  });

  it.each(['チェックイン', 'check in', 'Check-in.', 'checkin'])(
    'reads %j as a check-in that still needs its code',
    (text) => {
      expect(parseCommand(text)).toBe('checkin');
      expect(checkInOf(text)).toEqual({ code: undefined });
    },
  );

  it.each([
    'checking',
    'check out ABC123',
    'チェックアウト',
    `check in ${'A'.repeat(21)}`,
    'check in ABC/123',
  ])('does not read %j as a check-in', (text) => {
    expect(checkInOf(text)).toBeUndefined();
    expect(parseCommand(text)).toBeUndefined();
  });

  it('ignores an @mention of the bot, full-width spaces and closing punctuation', () => {
    expect(normaliseCommandText('<at>育み</at>\u3000次の予定。')).toBe('次の予定');
    expect(parseCommand('<at>Hagukumi</at> help')).toBe('help');
  });

  it('understands every command word its help card and the command menu offer', () => {
    for (const words of Object.values(COMMAND_WORDS)) {
      expect(parseCommand(words.reports)).toBe('reports');
      expect(parseCommand(words.schedule)).toBe('schedule');
      expect(parseCommand(words.checkIn)).toBe('checkin');
      expect(parseCommand(words.help)).toBe('help');
    }
  });
});
