// The tab's one date input. A native <input type="date"> writes dates in the browser's locale
// (12/06/2026 inside a Japanese UI); this one shows and reads them in the UI language that the Teams
// locale chose (2026/12/06 (日), Sun, Dec 6, 2026), while the value it hands back stays YYYY-MM-DD.
// It takes the props of Fluent's Input that the forms use, so swapping it in is a change of tag.
import { Button, type InputProps } from '@fluentui/react-components';
import { CalendarRegular } from '@fluentui/react-icons';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, isIsoDay, parseDay, shiftDay, shiftMonth } from './date-time.ts';
import {
  FormattedInput,
  useDateTimeInputStyles,
  useFormattedTextInput,
  type FormattedInputProps,
} from './formatted-text-input.tsx';

/** What the forms pass: Fluent Input's change signature, with the value always YYYY-MM-DD or empty. */
export interface DateInputProps extends FormattedInputProps {
  /** Earliest and latest days accepted, YYYY-MM-DD. */
  min?: string;
  max?: string;
}

/** Today in Japan, where the app's days are counted. */
function japanToday(): string {
  return new Date(Date.now() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export function DateInput(props: DateInputProps) {
  const { value, onChange, min, max, disabled, 'data-testid': testId } = props;
  const { t, i18n } = useTranslation();
  const styles = useDateTimeInputStyles();
  const language = i18n.language;
  const native = useRef<HTMLInputElement>(null);
  const state = useFormattedTextInput({
    value,
    onChange,
    language,
    format: formatDay,
    parse: parseDay,
    rangeProblem: (day) =>
      min && day < min
        ? { key: 'tooEarly' as const, day: formatDay(min, language) }
        : max && day > max
          ? { key: 'tooLate' as const, day: formatDay(max, language) }
          : undefined,
  });
  const { text, shown, accept, settle } = state;

  const clamp = (day: string) => (min && day < min ? min : max && day > max ? max : day);
  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const moves: Record<string, (day: string) => string> = {
      ArrowUp: (day) => shiftDay(day, 1),
      ArrowDown: (day) => shiftDay(day, -1),
      PageUp: (day) => shiftMonth(day, 1),
      PageDown: (day) => shiftMonth(day, -1),
    };
    if (event.key === 'Enter') settle();
    const move = moves[event.key];
    if (!move || disabled) return;
    event.preventDefault();
    const from = parseDay(text) ?? (isIsoDay(value) ? value : undefined);
    accept(event, clamp(from ? move(from) : japanToday()));
  };

  const openCalendar = () => {
    const picker = native.current;
    if (!picker) return;
    try {
      picker.showPicker();
    } catch {
      // A browser without showPicker (or refusing it): typing still works, so go back to the text.
      picker.closest('[data-date-input]')?.querySelector<HTMLInputElement>('input[type="text"]')?.focus();
    }
  };

  const message = shown
    ? shown.key === 'invalid'
      ? t('dateInput.invalid')
      : t(`dateInput.${shown.key}`, { day: shown.day })
    : undefined;
  const inputProps: Partial<InputProps> = {
    inputMode: 'text',
    contentAfter: (
      <span className={styles.anchor}>
        <Button
          appearance="transparent"
          size="small"
          icon={<CalendarRegular />}
          aria-label={t('dateInput.calendar')}
          title={t('dateInput.calendar')}
          disabled={disabled}
          onClick={openCalendar}
          data-testid={testId ? `${testId}-calendar` : undefined}
        />
        <input
          ref={native}
          type="date"
          className={styles.native}
          tabIndex={-1}
          aria-hidden="true"
          value={isIsoDay(value) ? value : ''}
          min={min}
          max={max}
          disabled={disabled}
          onChange={(event) => {
            if (isIsoDay(event.target.value)) accept(event, event.target.value);
          }}
        />
      </span>
    ),
  };
  return (
    <FormattedInput
      props={props}
      state={state}
      defaultClassName={styles.input}
      placeholder={t('dateInput.placeholder')}
      keys={t('dateInput.keys')}
      message={message}
      onKeyDown={keyDown}
      inputProps={inputProps}
      wrapProps={{ 'data-date-input': '' }}
    />
  );
}
