import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { goalProgressInputSchema } from '../../../src/growth/goal.contract.ts';
import { ApiError } from '../../../tab/src/api/client.ts';
import { checkForm } from '../../../tab/src/data/form-check.ts';
import { fieldErrorsOf } from '../../../tab/src/goals/format.ts';
import { fiscalYearBounds } from '../../../tab/src/goals/goal-form.tsx';
import { currentPeriod, periodChoices } from '../../../tab/src/self-check/periods.ts';

describe('the self-check and goals pages', () => {
  it('takes the current half in Japan time, switching on 1 April and 1 October', () => {
    // 31 March 15:00 UTC is already 1 April in Tokyo: the new fiscal year's 上期.
    expect(currentPeriod(new Date('2026-03-31T14:59:59Z'))).toBe('2025-H2');
    expect(currentPeriod(new Date('2026-03-31T15:00:00Z'))).toBe('2026-H1');
    expect(currentPeriod(new Date('2026-09-30T15:00:00Z'))).toBe('2026-H2');
  });

  it('offers the current half and every saved one, newest first, without repeats or malformed ids', () => {
    expect(periodChoices('2026-H2', ['2025-H1', '2026-H2', '2025-H2', 'junk'])).toEqual([
      '2026-H2',
      '2025-H2',
      '2025-H1',
    ]);
  });

  it("keys the API's validation details by the field they name, joining several on one field", () => {
    const error = new ApiError(400, 'validation_failed', 'bad', undefined, [
      { path: 'body.dueDate', message: 'must fall in fiscal year 2026' },
      { path: 'body.competencyIds', message: 'unknown competency a' },
      { path: 'body.competencyIds', message: 'unknown competency b' },
    ]);
    expect(fieldErrorsOf(error)).toEqual({
      dueDate: 'must fall in fiscal year 2026',
      competencyIds: 'unknown competency a; unknown competency b',
    });
    expect(fieldErrorsOf(new Error('network'))).toEqual({});
  });

  it('bounds due dates by the fiscal year, April to March', () => {
    expect(fiscalYearBounds(2026)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });

  it('refuses the progress percentages the contract refuses: empty, fractions, below 0, above 100', () => {
    const t = ((key: string) => key) as unknown as TFunction;
    // The goal card sends an empty box as NaN, so it is refused rather than taken for 0.
    const percentError = (percent: number) =>
      checkForm(goalProgressInputSchema, { version: 1, percent, note: '' }, t).percent;
    for (const refused of [Number.NaN, Number('abc'), 1.5, -1, 101])
      expect(percentError(refused)).toBeDefined();
    for (const accepted of [0, 42, 100]) expect(percentError(accepted)).toBeUndefined();
  });
});
