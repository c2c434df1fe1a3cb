// The fiscal years a goals-related page offers (the goals page, the 課の方針 page): from the first year
// Hagukumi holds up to next year (goals and policies for a year may be set in March), newest first,
// each labelled with the page's own `yearLabel`, `currentYear` and `nextYear` messages; and the year the
// page shows, this year at first.
import { useMemo, useState } from 'react';
import { FIRST_FISCAL_YEAR, halfPeriodAt } from '../../../src/growth/goal.contract.ts';

export function useGoalYears(t: (key: string, options?: Record<string, unknown>) => string) {
  const current = useMemo(() => halfPeriodAt(new Date()).fiscalYear, []);
  const years = useMemo(
    () => Array.from({ length: current + 2 - FIRST_FISCAL_YEAR }, (_, index) => current + 1 - index),
    [current],
  );
  const labelOf = (value: number) => {
    const suffix = value === current ? t('currentYear') : value === current + 1 ? t('nextYear') : '';
    return `${t('yearLabel', { year: value, next: value + 1 })}${suffix ? ` — ${suffix}` : ''}`;
  };
  const [year, setYear] = useState(current);
  return { current, years, labelOf, year, setYear };
}
