// A half-year period (2026-H1) as the page names it, in full and short (for the chart's axis).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { partsOf } from './periods.ts';

export function usePeriodLabels() {
  const { t } = useTranslation('selfCheck');
  return useMemo(
    () => ({
      full: (period: string) => {
        const parts = partsOf(period);
        return parts ? t('periodLabel', { year: parts.year, half: t(`half.${parts.half}`) }) : period;
      },
      short: (period: string) => {
        const parts = partsOf(period);
        return parts
          ? t('periodShort', {
              year: parts.year,
              short: String(parts.year).slice(2),
              half: t(`halfShort.${parts.half}`),
            })
          : period;
      },
    }),
    [t],
  );
}
