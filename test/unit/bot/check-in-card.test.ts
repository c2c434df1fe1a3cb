import { describe, expect, it } from 'vitest';
import { checkInCard, type CheckInOutcome } from '../../../bot/cards/check-in-card.ts';
import { checkInOutcome, type CheckIn } from '../../../bot/check-in.ts';
import { AppError } from '../../../src/http/app-error.ts';
import { CHECKIN_REFUSED, type CheckInAnswer } from '../../../src/training/attendance.contract.ts';

const text = (value: unknown) => JSON.stringify(value);
const answer = (overrides: Partial<CheckInAnswer> = {}): CheckInAnswer => ({
  sessionId: 's-1',
  courseTitle: { ja: '接遇研修', en: 'Customer service' },
  checkedInAt: '2026-12-07T01:00:00.000Z',
  onRoster: true,
  alreadyCheckedIn: false,
  ...overrides,
});

describe('the bot’s check-in', () => {
  it('checks in through the service with the code, as the person, and says so with the session’s title', async () => {
    const calls: unknown[] = [];
    const checkIn: CheckIn = async (actor, input) => {
      calls.push([actor, input]);
      return answer();
    };
    const outcome = await checkInOutcome(checkIn, 'p-1', 'K7PQ2M');
    expect(calls).toEqual([[{ id: 'p-1', isHr: false }, { code: 'K7PQ2M' }]]);
    expect(outcome).toEqual({ kind: 'accepted', courseTitle: answer().courseTitle, onRoster: true });
    const card = checkInCard({ locale: 'ja', outcome, openUrl: 'https://teams/tab' });
    expect(card.lang).toBe('ja-JP');
    expect(text(card)).toContain('「接遇研修」にチェックインしました。');
    const english = checkInCard({ locale: 'en', outcome, openUrl: 'https://teams/tab' });
    expect(text(english)).toContain('Checked in to “Customer service”.');
  });

  it('says when the person had already checked in, and when they are not on the roster', async () => {
    const outcome = await checkInOutcome(
      async () => answer({ alreadyCheckedIn: true, onRoster: false }),
      'p-1',
      'K7PQ2M',
    );
    expect(outcome.kind).toBe('alreadyCheckedIn');
    const card = text(checkInCard({ locale: 'ja', outcome, openUrl: 'u' }));
    expect(card).toContain('もうチェックインしています');
    expect(card).toContain('受講者名簿にお名前がない');
  });

  it.each<[string, Error, CheckInOutcome['kind'], string]>([
    [
      'a wrong code',
      new AppError('validation_failed', 'This check-in code is not right.'),
      'wrongCode',
      'コードが違います',
    ],
    [
      'outside the window',
      new AppError('conflict', 'Only around the session.', [
        { path: 'body.code', message: CHECKIN_REFUSED.outsideWindow },
      ]),
      'outsideWindow',
      '開始 30 分前から終了 30 分後まで',
    ],
    [
      'a cancelled session',
      new AppError('conflict', 'Cancelled.', [{ path: 'body.code', message: CHECKIN_REFUSED.cancelled }]),
      'cancelled',
      '中止',
    ],
    ['too many wrong tries', new AppError('rate_limited', 'Too many.'), 'rateLimited', '15 分ほど待って'],
  ])('answers %s in words', async (_, error, kind, words) => {
    const outcome = await checkInOutcome(
      async () => {
        throw error;
      },
      'p-1',
      'K7PQ2M',
    );
    expect(outcome.kind).toBe(kind);
    expect(text(checkInCard({ locale: 'ja', outcome, openUrl: 'u' }))).toContain(words);
    expect(text(checkInCard({ locale: 'en', outcome, openUrl: 'u' }))).not.toMatch(/[ぁ-んァ-ン]/);
  });

  it('asks for the code when none was sent, without calling the service', async () => {
    const outcome = await checkInOutcome(
      () => Promise.reject(new Error('must not be called')),
      'p-1',
      undefined,
    );
    expect(outcome).toEqual({ kind: 'noCode' });
    expect(text(checkInCard({ locale: 'ja', outcome, openUrl: 'u' }))).toContain('「チェックイン ABC123」');
  });

  it('lets errors that are not refusals through', async () => {
    await expect(
      checkInOutcome(() => Promise.reject(new Error('database down')), 'p-1', 'K7PQ2M'),
    ).rejects.toThrow('database down');
  });
});
