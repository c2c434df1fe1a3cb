import { describe, expect, it } from 'vitest';
import { eligibilityFor, yearsOfService } from '../../../src/training/eligibility.ts';

const course = (overrides: Partial<Parameters<typeof eligibilityFor>[0]> = {}) => ({
  targetLevelIds: ['shuji', 'shunin'],
  minYearsOfService: null,
  maxYearsOfService: null,
  ...overrides,
});

describe('yearsOfService', () => {
  it('counts a year only once its anniversary has come', () => {
    expect(yearsOfService('2020-04-01', '2026-03-31')).toBe(5);
    expect(yearsOfService('2020-04-01', '2026-04-01')).toBe(6);
    expect(yearsOfService('2026-04-01', '2026-04-01')).toBe(0);
  });
  it('counts a 29 February hire from 1 March in common years', () => {
    expect(yearsOfService('2020-02-29', '2021-02-28')).toBe(0);
    expect(yearsOfService('2020-02-29', '2021-03-01')).toBe(1);
  });
  it('gives null for a date it cannot read', () => {
    expect(yearsOfService('April 2020', '2026-04-01')).toBeNull();
  });
});

describe('eligibilityFor', () => {
  it('lets anyone take a course with no levels and no years', () => {
    expect(
      eligibilityFor(course({ targetLevelIds: [] }), { levelId: null, hireDate: null }, '2026-11-25'),
    ).toEqual({ eligible: true, reasons: [] });
  });

  it('names the level when the person is outside the target levels', () => {
    const result = eligibilityFor(course(), { levelId: 'kacho', hireDate: '2000-04-01' }, '2026-11-25');
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((reason) => reason.code)).toEqual(['level_not_targeted']);
    expect(result.reasons[0]!.ja).toBe('この研修の対象職層ではありません。');
  });

  it('says the level is unknown rather than wrong when the directory has none', () => {
    const result = eligibilityFor(course(), { levelId: null, hireDate: '2020-04-01' }, '2026-11-25');
    expect(result.reasons.map((reason) => reason.code)).toEqual(['level_unknown']);
  });

  it('checks years of service inclusively at both ends, with the person’s years in the reason', () => {
    const bounded = course({ minYearsOfService: 3, maxYearsOfService: 5 });
    const on = (hireDate: string) => eligibilityFor(bounded, { levelId: 'shuji', hireDate }, '2026-11-25');
    expect(on('2023-11-25').eligible).toBe(true);
    expect(on('2021-11-25').eligible).toBe(true);
    const junior = on('2023-11-26');
    expect(junior.reasons.map((reason) => reason.code)).toEqual(['too_few_years']);
    expect(junior.reasons[0]!.ja).toBe('在職3年以上が対象です（現在2年）。');
    const senior = on('2020-11-25');
    expect(senior.reasons.map((reason) => reason.code)).toEqual(['too_many_years']);
    expect(senior.reasons[0]!.en).toBe('For staff with at most 5 years of service (you have 6).');
  });

  it('refuses a years condition it cannot check and gives every reason at once', () => {
    const result = eligibilityFor(
      course({ minYearsOfService: 1 }),
      { levelId: 'kacho', hireDate: null },
      '2026-11-25',
    );
    expect(result.reasons.map((reason) => reason.code)).toEqual(['level_not_targeted', 'hire_date_unknown']);
  });
});
