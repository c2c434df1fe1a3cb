// The tab's one date input. A native <input type="date"> writes dates in the browser's locale
// (12/06/2026 inside a Japanese UI); this one shows and reads them in the UI language that the Teams
// locale chose (2026/12/06 (日), Sun, Dec 6, 2026), while the value it hands back stays YYYY-MM-DD.
// It takes the props of Fluent's Input that the forms use, so swapping it in is a change of tag.
import { Button, Input, makeStyles, tokens, type InputProps } from '@fluentui/react-components';
import { CalendarRegular } from '@fluentui/react-icons';
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type KeyboardEvent,
  type SyntheticEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, isIsoDay, parseDay, shiftDay, shiftMonth } from './date-time.ts';

export const useDateTimeInputStyles = makeStyles({
  wrap: { display: 'inline-flex', flexDirection: 'column', gap: '2px', maxWidth: '100%' },
  input: { width: '15em', maxWidth: '100%' },
  narrow: { width: '8.5em', maxWidth: '100%' },
  message: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  anchor: { position: 'relative', display: 'inline-flex' },
  // The native picker only lends its calendar popup: it sits under the button, invisible.
  native: {
    position: 'absolute',
    inset: 0,
    width: '100%',
    height: '100%',
    opacity: 0,
    pointerEvents: 'none',
    border: 0,
    padding: 0,
    ':global([data-theme="dark"])': { colorScheme: 'dark' },
    ':global([data-theme="contrast"])': { colorScheme: 'dark' },
  },
});

/** What the forms pass: Fluent Input's change signature, with the value always YYYY-MM-DD or empty. */
export interface DateInputProps {
  value: string;
  onChange: (event: SyntheticEvent | null, data: { value: string }) => void;
  /** Earliest and latest days accepted, YYYY-MM-DD. */
  min?: string;
  max?: string;
  disabled?: boolean;
  required?: boolean;
  id?: string;
  className?: string;
  'data-testid'?: string;
  'aria-describedby'?: string;
}

/** Today in Japan, where the app's days are counted. */
function japanToday(): string {
  return new Date(Date.now() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

type Problem = { key: 'invalid' } | { key: 'tooEarly' | 'tooLate'; day: string };

export function DateInput({
  value,
  onChange,
  min,
  max,
  disabled,
  required,
  id,
  className,
  'data-testid': testId,
  'aria-describedby': describedBy,
}: DateInputProps) {
  const { t, i18n } = useTranslation();
  const styles = useDateTimeInputStyles();
  const language = i18n.language;
  const [text, setText] = useState(() => formatDay(value, language));
  const [showProblem, setShowProblem] = useState(false);
  const native = useRef<HTMLInputElement>(null);
  const messageId = useId();
  const keysId = useId();

  // A value set from outside (a reset, a default, a picked day) or another language replaces what is
  // shown; the echo of what is being typed does not, so nothing typed is lost.
  const echoed = useRef<{ value: string; language: string }>({ value, language });
  useEffect(() => {
    const last = echoed.current;
    echoed.current = { value, language };
    if (last.value === value && last.language === language) return;
    setText(formatDay(value, language));
  }, [value, language]);

  const problemOf = (day: string | undefined, typed: string): Problem | undefined => {
    if (typed.trim() === '') return undefined;
    if (day === undefined) return { key: 'invalid' };
    if (min && day < min) return { key: 'tooEarly', day: formatDay(min, language) };
    if (max && day > max) return { key: 'tooLate', day: formatDay(max, language) };
    return undefined;
  };
  const problem = problemOf(parseDay(text), text);

  const emit = (event: SyntheticEvent | null, next: string) => {
    echoed.current = { value: next, language };
    if (next !== value) onChange(event, { value: next });
  };
  const accept = (event: SyntheticEvent | null, day: string) => {
    setText(formatDay(day, language));
    setShowProblem(false);
    emit(event, day);
  };

  const typed = (event: ChangeEvent<HTMLInputElement>, next: string) => {
    setText(next);
    const day = parseDay(next);
    // The form holds only a day it can use: anything else is empty there, and named here on leaving.
    emit(event, problemOf(day, next) === undefined && day !== undefined ? day : '');
    if (showProblem && problemOf(day, next) === undefined) setShowProblem(false);
  };

  const settle = () => {
    const day = parseDay(text);
    if (day !== undefined && problemOf(day, text) === undefined) setText(formatDay(day, language));
    setShowProblem(true);
  };

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

  const shown = showProblem ? problem : undefined;
  const message = shown
    ? shown.key === 'invalid'
      ? t('dateInput.invalid')
      : t(`dateInput.${shown.key}`, { day: shown.day })
    : undefined;
  const inputProps: InputProps = {
    id,
    type: 'text',
    className: className ?? styles.input,
    value: text,
    disabled,
    required,
    placeholder: t('dateInput.placeholder'),
    autoComplete: 'off',
    inputMode: 'text',
    'aria-invalid': shown ? true : undefined,
    'aria-describedby': [describedBy, message ? messageId : undefined, keysId].filter(Boolean).join(' '),
    onChange: (event, data) => typed(event, data.value),
    onBlur: settle,
    onKeyDown: keyDown,
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
    <span className={styles.wrap} data-date-input="">
      <Input {...inputProps} data-testid={testId} />
      <span id={keysId} className={styles.hidden}>
        {t('dateInput.keys')}
      </span>
      {message ? (
        <span
          id={messageId}
          role="alert"
          className={styles.message}
          data-testid={testId ? `${testId}-problem` : undefined}
        >
          {message}
        </span>
      ) : null}
    </span>
  );
}
