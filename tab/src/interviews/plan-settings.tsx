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
import { usePickerStyles } from './picker-styles.ts';
import type { PlanSettings } from './schedule.ts';

const NOTICE_OPTIONS = [0, 60, 240, 1440, 2880, 4320, 10080] as const;

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
  const pickers = usePickerStyles();
  return (
    <>
      <Field label={t('book.type')} className={styles.typeField}>
        <Select
          className={styles.select}
          value={settings.type}
          onChange={(_, data) => update('type', data.value as InterviewType)}
          data-testid="booking-type"
        >
          {INTERVIEW_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`types.${type}`)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.fields}>
        <Field label={t('book.duration')}>
          <Input
            type="number"
            min={DURATION_MIN_MINUTES}
            max={DURATION_MAX_MINUTES}
            step={5}
            value={String(settings.durationMinutes)}
            onChange={(_, data) => update('durationMinutes', Number(data.value))}
            data-testid="booking-duration"
          />
        </Field>
        <Field label={t('book.buffer')}>
          <Input
            type="number"
            min={0}
            max={BUFFER_MAX_MINUTES}
            step={5}
            value={String(settings.bufferMinutes)}
            onChange={(_, data) => update('bufferMinutes', Number(data.value))}
            data-testid="booking-buffer"
          />
        </Field>
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
            {NOTICE_OPTIONS.map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {t(`book.noticeOptions.${minutes}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('book.window')}</legend>
        <div className={styles.fields}>
          <Field label={t('book.firstDay')}>
            <Input
              type="date"
              input={{ className: pickers.native }}
              value={settings.firstDay}
              onChange={(_, data) => update('firstDay', data.value)}
              data-testid="booking-first-day"
            />
          </Field>
          <Field label={t('book.lastDay')}>
            <Input
              type="date"
              input={{ className: pickers.native }}
              value={settings.lastDay}
              onChange={(_, data) => update('lastDay', data.value)}
              data-testid="booking-last-day"
            />
          </Field>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('book.hours')}</legend>
        <div className={layout.stack}>
          <div className={styles.fields}>
            <Field label={t('book.dayStart')}>
              <Input
                type="time"
                input={{ className: pickers.native }}
                value={settings.dayStart}
                onChange={(_, data) => update('dayStart', data.value)}
                data-testid="booking-day-start"
              />
            </Field>
            <Field label={t('book.dayEnd')}>
              <Input
                type="time"
                input={{ className: pickers.native }}
                value={settings.dayEnd}
                onChange={(_, data) => update('dayEnd', data.value)}
                data-testid="booking-day-end"
              />
            </Field>
          </div>
          <div role="group" aria-label={t('book.breaks')}>
            <div className={layout.muted}>{t('book.breaks')}</div>
            {settings.breaks.map((pause, index) => (
              <div key={index} className={styles.breakRow}>
                <Field label={t('book.breakStart', { n: index + 1 })}>
                  <Input
                    type="time"
                    input={{ className: pickers.native }}
                    value={pause.start}
                    onChange={(_, data) =>
                      update(
                        'breaks',
                        settings.breaks.map((old, at) =>
                          at === index ? { ...old, start: data.value } : old,
                        ),
                      )
                    }
                  />
                </Field>
                <Field label={t('book.breakEnd', { n: index + 1 })}>
                  <Input
                    type="time"
                    input={{ className: pickers.native }}
                    value={pause.end}
                    onChange={(_, data) =>
                      update(
                        'breaks',
                        settings.breaks.map((old, at) => (at === index ? { ...old, end: data.value } : old)),
                      )
                    }
                  />
                </Field>
                <Button
                  onClick={() =>
                    update(
                      'breaks',
                      settings.breaks.filter((_, at) => at !== index),
                    )
                  }
                >
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
