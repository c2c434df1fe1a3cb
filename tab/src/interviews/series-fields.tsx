// A 1:1 with one person may be booked as a recurring series: how often, and how many times.
import { Field, Input, Select } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import {
  SERIES_INTERVAL_WEEKS,
  SERIES_OCCURRENCES_MAX,
  SERIES_OCCURRENCES_MIN,
} from '../../../src/interviews/interview.contract.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { Options } from '../shell/options.tsx';

/** What the panel keeps: no series (`intervalWeeks` 0), or every 1, 2 or 4 weeks, so many times. */
export interface SeriesChoice {
  intervalWeeks: 0 | (typeof SERIES_INTERVAL_WEEKS)[number];
  occurrences: number;
}

export const NO_SERIES: SeriesChoice = { intervalWeeks: 0, occurrences: 6 };

/** The booking's `series`, or nothing for a single 1:1; occurrences kept within the contract's range. */
export function seriesOf(choice: SeriesChoice) {
  if (choice.intervalWeeks === 0) return undefined;
  const occurrences = Math.min(
    SERIES_OCCURRENCES_MAX,
    Math.max(SERIES_OCCURRENCES_MIN, Math.round(choice.occurrences) || SERIES_OCCURRENCES_MIN),
  );
  return { intervalWeeks: choice.intervalWeeks, occurrences };
}

export function SeriesFields({
  value,
  onChange,
}: {
  value: SeriesChoice;
  onChange: (value: SeriesChoice) => void;
}) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  return (
    <div className={layout.row} data-testid="booking-series">
      <Field label={t('series.repeat')}>
        <Select
          value={String(value.intervalWeeks)}
          onChange={(_, data) =>
            onChange({ ...value, intervalWeeks: Number(data.value) as SeriesChoice['intervalWeeks'] })
          }
          data-testid="booking-series-interval"
        >
          <option value="0">{t('series.once')}</option>
          <Options
            values={SERIES_INTERVAL_WEEKS}
            labelOf={(weeks) => (weeks === 1 ? t('series.everyWeek') : t('series.everyWeeks', { weeks }))}
          />
        </Select>
      </Field>
      {value.intervalWeeks !== 0 ? (
        <Field
          label={t('series.occurrences')}
          hint={t('series.range', { min: SERIES_OCCURRENCES_MIN, max: SERIES_OCCURRENCES_MAX })}
        >
          <Input
            type="number"
            min={SERIES_OCCURRENCES_MIN}
            max={SERIES_OCCURRENCES_MAX}
            value={String(value.occurrences)}
            onChange={(_, data) => onChange({ ...value, occurrences: Number(data.value) })}
            data-testid="booking-series-occurrences"
          />
        </Field>
      ) : null}
    </div>
  );
}
