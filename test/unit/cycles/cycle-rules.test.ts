import { describe, expect, it } from 'vitest';
import {
  checkClosable,
  checkOpenable,
  checkPlannableYear,
  checkPlannedDays,
  daysBetween,
  effectiveState,
  fiscalYearOfDay,
  japanToday,
  reminderStage,
} from '../../../src/cycles/cycle-rules.ts';
import { reminderKey } from '../../../src/cycles/cycle-reminders.ts';
import { AppError } from '../../../src/http/app-error.ts';

/** The AppError a rule throws, or undefined when it lets the call through. */
function refusal(rule: () => void): AppError | undefined {
  try {
    rule();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('fiscal-year cycle rules (frozen clock)', () => {
  it('reads today in Japan: 23:30 UTC on 31 March is already 1 April, a new fiscal year', () => {
    const day = japanToday(new Date('2027-03-31T15:30:00Z'));
    expect(day).toBe('2027-04-01');
    expect(fiscalYearOfDay(day)).toBe(2027);
    expect(fiscalYearOfDay(japanToday(new Date('2027-03-31T14:59:59Z')))).toBe(2026);
  });

  it('keeps an open window open through its last day (Japan time) and reads it as ended the day after', () => {
    const window = { state: 'open' as const, closesOn: '2026-12-25' };
    expect(effectiveState(window, '2026-12-25')).toEqual({ state: 'open', ended: false });
    expect(effectiveState(window, '2026-12-26')).toEqual({ state: 'closed', ended: true });
    expect(effectiveState({ state: 'scheduled', closesOn: '2026-12-25' }, '2027-01-10')).toEqual({
      state: 'scheduled',
      ended: false,
    });
  });

  it('accepts planned days inside the fiscal year and refuses days outside it or a last day before the first', () => {
    expect(refusal(() => checkPlannedDays(2026, '2026-04-01', '2027-03-31'))).toBeUndefined();
    expect(refusal(() => checkPlannedDays(2026, '2026-10-01', '2026-10-01'))).toBeUndefined();
    const early = refusal(() => checkPlannedDays(2026, '2026-03-31', '2026-05-31'));
    expect(early?.code).toBe('unprocessable');
    expect(early?.details.map((detail) => detail.path)).toEqual(['body.opensOn']);
    const late = refusal(() => checkPlannedDays(2026, '2026-04-01', '2027-04-01'));
    expect(late?.details.map((detail) => detail.path)).toEqual(['body.closesOn']);
    const backwards = refusal(() => checkPlannedDays(2026, '2026-06-30', '2026-06-01'));
    expect(backwards?.code).toBe('unprocessable');
    expect(backwards?.details).toEqual([
      { path: 'body.closesOn', message: 'must not be before the first day' },
    ]);
  });

  it('lets HR plan from the first fiscal year of the policy up to next year, nothing beyond', () => {
    expect(refusal(() => checkPlannableYear(2027, '2026-11-25'))).toBeUndefined();
    expect(refusal(() => checkPlannableYear(2022, '2026-11-25'))).toBeUndefined();
    expect(refusal(() => checkPlannableYear(2028, '2026-11-25'))?.code).toBe('unprocessable');
    expect(refusal(() => checkPlannableYear(2021, '2026-11-25'))?.code).toBe('unprocessable');
  });

  it('opens a scheduled or closed window with a last day still ahead, never an open one or one whose year is over', () => {
    const base = { fiscalYear: 2026, closesOn: '2026-12-25' };
    expect(refusal(() => checkOpenable({ ...base, state: 'scheduled' }, '2026-11-25'))).toBeUndefined();
    expect(refusal(() => checkOpenable({ ...base, state: 'closed' }, '2026-12-25'))).toBeUndefined();
    expect(refusal(() => checkOpenable({ ...base, state: 'open' }, '2026-11-25'))?.code).toBe('conflict');
    // An open window past its last day has ended: it can be opened again with a new last day only.
    expect(refusal(() => checkOpenable({ ...base, state: 'open' }, '2026-12-26'))?.code).toBe(
      'unprocessable',
    );
    expect(
      refusal(() => checkOpenable({ ...base, state: 'open', closesOn: '2027-01-15' }, '2026-12-26')),
    ).toBeDefined();
    expect(refusal(() => checkOpenable({ ...base, state: 'closed' }, '2026-12-26'))?.code).toBe(
      'unprocessable',
    );
    expect(
      refusal(() =>
        checkOpenable({ fiscalYear: 2025, state: 'closed', closesOn: '2026-04-30' }, '2026-04-02'),
      )?.code,
    ).toBe('conflict');
  });

  it('closes only an opened window: a window cannot close before it opens', () => {
    expect(refusal(() => checkClosable({ state: 'scheduled' }))?.code).toBe('conflict');
    expect(refusal(() => checkClosable({ state: 'closed' }))?.code).toBe('conflict');
    expect(refusal(() => checkClosable({ state: 'open' }))).toBeUndefined();
  });

  it('reminds at three stages: once open, in the last week, in the last two days', () => {
    expect(daysBetween('2026-11-25', '2026-12-25')).toBe(30);
    expect(reminderStage('2026-11-25', '2026-12-25')).toBe(1);
    expect(reminderStage('2026-12-17', '2026-12-25')).toBe(1);
    expect(reminderStage('2026-12-18', '2026-12-25')).toBe(2);
    expect(reminderStage('2026-12-23', '2026-12-25')).toBe(2);
    expect(reminderStage('2026-12-24', '2026-12-25')).toBe(3);
    expect(reminderStage('2026-12-25', '2026-12-25')).toBe(3);
    expect(reminderKey('w1', 'p1', 2)).toBe('cycle-reminder:w1:p1:2');
  });
});
