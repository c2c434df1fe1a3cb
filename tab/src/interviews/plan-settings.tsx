// The booking panel's settings: the interview type, duration, buffer, notice, the window and the hours.
import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import {
  BREAKS_MAX,
  BUFFER_MAX_MINUTES,
  DURATION_MAX_MINUTES,
  DURATION_MIN_MINUTES,
  INTERVIEW_TYPES,
  type InterviewType,
} from '../../../src/interviews/interview.contract.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { useBookingStyles } from './booking-styles.ts';
import { PickerInput } from './picker-input.tsx';
import type { PlanSettings } from './schedule.ts';
import { patchedAt, withoutAt } from '../shell/list-edit.ts';
import { Options } from '../shell/options.tsx';

const NOTICE_OPTIONS = [0, 60, 240, 1440, 2880, 4320, 10080] as const;

/** The window's days and the hours, each a native picker bound to its setting. */
const PICKER_TEST_IDS = {
  firstDay: 'booking-first-day',
  lastDay: 'booking-last-day',
  dayStart: 'booking-day-start',
  dayEnd: 'booking-day-end',
} as const;
type PickerKey = keyof typeof PICKER_TEST_IDS;

/** The minute counts, typed as numbers in steps of 5 within the contract's range. */
const MINUTE_FIELDS = {
  durationMinutes: {
    label: 'duration',
    min: DURATION_MIN_MINUTES,
    max: DURATION_MAX_MINUTES,
    testId: 'booking-duration',
  },
  bufferMinutes: { label: 'buffer', min: 0, max: BUFFER_MAX_MINUTES, testId: 'booking-buffer' },
} as const;
type MinutesKey = keyof typeof MINUTE_FIELDS;

export function PlanSettingsFields({
  settings,
  onChange: update,
}: {
  settings: PlanSettings;
  onChange: <K extends keyof PlanSettings>(key: K, value: PlanSettings[K]) => void;
}) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useBookingStyles();
  const changeBreak = (index: number, change: Partial<PlanSettings['breaks'][number]>) =>
    update('breaks', patchedAt(settings.breaks, index, change));
  const picker = (key: PickerKey, type: 'date' | 'time') => (
    <Field label={t(`book.${key}`)}>
      <PickerInput
        type={type}
        value={settings[key]}
        onValue={(value) => update(key, value)}
        testId={PICKER_TEST_IDS[key]}
      />
    </Field>
  );
  const minutes = (key: MinutesKey) => {
    const field = MINUTE_FIELDS[key];
    return (
      <Field label={t(`book.${field.label}`)}>
        <Input
          type="number"
          min={field.min}
          max={field.max}
          step={5}
          value={String(settings[key])}
          onChange={(_, data) => update(key, Number(data.value))}
          data-testid={field.testId}
        />
      </Field>
    );
  };
  return (
    <>
      <Field label={t('book.type')} className={styles.typeField}>
        <Select
          className={styles.select}
          value={settings.type}
          onChange={(_, data) => update('type', data.value as InterviewType)}
          data-testid="booking-type"
        >
          <Options values={INTERVIEW_TYPES} labelOf={(type) => t(`types.${type}`)} />
        </Select>
      </Field>
      <div className={styles.fields}>
        {minutes('durationMinutes')}
        {minutes('bufferMinutes')}
        <Field label={t('book.notice')}>
          <Select
            className={styles.select}
            value={String(settings.minimumNoticeMinutes)}
            onChange={(_, data) => update('minimumNoticeMinutes', Number(data.value))}
            data-testid="booking-notice"
          >
            {/* A remembered value that is not in the list still shows as itself. */}
            {(NOTICE_OPTIONS as readonly number[]).includes(settings.minimumNoticeMinutes) ? null : (
              <option value={String(settings.minimumNoticeMinutes)}>{settings.minimumNoticeMinutes}</option>
            )}
            <Options values={NOTICE_OPTIONS} labelOf={(minutes) => t(`book.noticeOptions.${minutes}`)} />
          </Select>
        </Field>
      </div>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('book.window')}</legend>
        <div className={styles.fields}>
          {picker('firstDay', 'date')}
          {picker('lastDay', 'date')}
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('book.hours')}</legend>
        <div className={layout.stack}>
          <div className={styles.fields}>
            {picker('dayStart', 'time')}
            {picker('dayEnd', 'time')}
          </div>
          <div role="group" aria-label={t('book.breaks')}>
            <div className={layout.muted}>{t('book.breaks')}</div>
            {settings.breaks.map((pause, index) => (
              <div key={index} className={styles.breakRow}>
                <Field label={t('book.breakStart', { n: index + 1 })}>
                  <PickerInput
                    type="time"
                    value={pause.start}
                    onValue={(start) => changeBreak(index, { start })}
                  />
                </Field>
                <Field label={t('book.breakEnd', { n: index + 1 })}>
                  <PickerInput type="time" value={pause.end} onValue={(end) => changeBreak(index, { end })} />
                </Field>
                <Button onClick={() => update('breaks', withoutAt(settings.breaks, index))}>
                  {t('book.removeBreak', { n: index + 1 })}
                </Button>
              </div>
            ))}
            <Button
              disabled={settings.breaks.length >= BREAKS_MAX}
              onClick={() => update('breaks', [...settings.breaks, { start: '12:00', end: '13:00' }])}
              style={{ marginTop: 8 }}
            >
              {t('book.addBreak')}
            </Button>
          </div>
        </div>
      </fieldset>
    </>
  );
}
