// The career milestones' arithmetic (issue 20 point 4): anniversaries of the hire date, a leap day, a
// hire date on 1 April, no hire date, the look-back of a daily run and the configured years.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MILESTONES,
  milestonesOf,
  milestonesReached,
  parseInterviewYears,
} from '../../../src/growth/career-milestones.ts';

describe('career milestones', () => {
  it('falls due on the anniversaries of a hire on 1 April: interviews at 3, 5 and 9, the choice at 10', () => {
    expect(milestonesOf('2020-04-01', DEFAULT_MILESTONES)).toEqual([
      { kind: 'career-interview', years: 3, dueOn: '2023-04-01', key: 'career-interview-3' },
      { kind: 'career-interview', years: 5, dueOn: '2025-04-01', key: 'career-interview-5' },
      { kind: 'career-interview', years: 9, dueOn: '2029-04-01', key: 'career-interview-9' },
      { kind: 'path-choice', years: 10, dueOn: '2030-04-01', key: 'path-choice-10' },
    ]);
  });

  it('moves a leap-day hire to 28 February in a common year, and keeps 29 February in a leap year', () => {
    const due = milestonesOf('2016-02-29', DEFAULT_MILESTONES).map((milestone) => milestone.dueOn);
    expect(due).toEqual(['2019-02-28', '2021-02-28', '2025-02-28', '2026-02-28']);
    expect(milestonesOf('2016-02-29', { interviewYears: [4], evaluationPeriodYears: 8 })[0]?.dueOn).toBe(
      '2020-02-29',
    );
  });

  it('has no milestone for a person with no hire date', () => {
    expect(milestonesOf(null, DEFAULT_MILESTONES)).toEqual([]);
    expect(milestonesReached(null, '2026-04-01', DEFAULT_MILESTONES, 7)).toEqual([]);
  });

  it('finds what fell due in the look-back up to today, not before and not tomorrow', () => {
    const reached = (today: string) =>
      milestonesReached('2023-04-01', today, DEFAULT_MILESTONES, 7).map((milestone) => milestone.key);
    expect(reached('2026-03-31')).toEqual([]);
    expect(reached('2026-04-01')).toEqual(['career-interview-3']);
    expect(reached('2026-04-07')).toEqual(['career-interview-3']);
    expect(reached('2026-04-08')).toEqual([]);
    // Across the turn of a month and a year.
    expect(milestonesReached('2022-12-30', '2026-01-02', DEFAULT_MILESTONES, 7)[0]?.key).toBe(
      'career-interview-3',
    );
    expect(milestonesReached('2022-12-30', '2025-12-30', DEFAULT_MILESTONES, 3)[0]?.key).toBe(
      'career-interview-3',
    );
    expect(milestonesReached('2022-12-30', '2026-01-01', DEFAULT_MILESTONES, 3)[0]?.key).toBe(
      'career-interview-3',
    );
    expect(milestonesReached('2022-12-30', '2026-01-02', DEFAULT_MILESTONES, 3)).toEqual([]);
  });

  it('reads the configured interview years and refuses what does not fit', () => {
    expect(parseInterviewYears('3,5,9', 10)).toEqual([3, 5, 9]);
    expect(parseInterviewYears(' 2, 6 ', 12)).toEqual([2, 6]);
    expect(() => parseInterviewYears('3,x', 10)).toThrow(/whole numbers/);
    expect(() => parseInterviewYears('0,5', 10)).toThrow(/whole numbers/);
    expect(() => parseInterviewYears('', 10)).toThrow(/whole numbers/);
    expect(() => parseInterviewYears('5,3', 10)).toThrow(/ascending/);
    expect(() => parseInterviewYears('3,3', 10)).toThrow(/ascending/);
    expect(() => parseInterviewYears('3,10', 10)).toThrow(/evaluation period/);
  });
});
