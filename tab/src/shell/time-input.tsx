// The tab's one time input: 24-hour 08:30 in Japanese and 8:30 AM in English, whatever the browser's
// locale (a native <input type="time"> shows 08:30 AM inside a Japanese UI). The value it hands back
// stays HH:MM. It takes the props of Fluent's Input that the forms use, so swapping it in is a change
// of tag.
import { Input } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeInputStyles } from './date-input.tsx';
import { formatTime, isIsoTime, parseTime, shiftTime } from './date-time.ts';

export interface TimeInputProps {
  value: string;
  onChange: (event: SyntheticEvent | null, data: { value: string }) => void;
  /** Minutes the arrow keys move the time (Shift: an hour). */
  stepMinutes?: number;
  disabled?: boolean;
  required?: boolean;
  id?: string;
  className?: string;
  'data-testid'?: string;
  'aria-describedby'?: string;
}

export function TimeInput({
  value,
  onChange,
  stepMinutes = 15,
  disabled,
  required,
  id,
  className,
  'data-testid': testId,
  'aria-describedby': describedBy,
}: TimeInputProps) {
  const { t, i18n } = useTranslation();
  const styles = useDateTimeInputStyles();
  const language = i18n.language;
  const [text, setText] = useState(() => formatTime(value, language));
  const [showProblem, setShowProblem] = useState(false);
  const messageId = useId();
  const keysId = useId();

  // As in DateInput: a value from outside replaces the text, the echo of typing does not.
  const echoed = useRef<{ value: string; language: string }>({ value, language });
  useEffect(() => {
    const last = echoed.current;
    echoed.current = { value, language };
    if (last.value === value && last.language === language) return;
    setText(formatTime(value, language));
  }, [value, language]);

  const emit = (event: SyntheticEvent | null, next: string) => {
    echoed.current = { value: next, language };
    if (next !== value) onChange(event, { value: next });
  };
  const isWrong = (typed: string) => typed.trim() !== '' && parseTime(typed) === undefined;

  const settle = () => {
    const time = parseTime(text);
    if (time !== undefined) setText(formatTime(time, language));
    setShowProblem(true);
  };

  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') settle();
    const direction = event.key === 'ArrowUp' ? 1 : event.key === 'ArrowDown' ? -1 : 0;
    if (direction === 0 || disabled) return;
    event.preventDefault();
    const from = parseTime(text) ?? (isIsoTime(value) ? value : '08:30');
    const next = shiftTime(from, direction * (event.shiftKey ? 60 : stepMinutes));
    setText(formatTime(next, language));
    setShowProblem(false);
    emit(event, next);
  };

  const shown = showProblem && isWrong(text);
  return (
    <span className={styles.wrap}>
      <Input
        id={id}
        type="text"
        className={className ?? styles.narrow}
        value={text}
        disabled={disabled}
        required={required}
        placeholder={t('timeInput.placeholder')}
        autoComplete="off"
        aria-invalid={shown ? true : undefined}
        aria-describedby={[describedBy, shown ? messageId : undefined, keysId].filter(Boolean).join(' ')}
        onChange={(event, data) => {
          setText(data.value);
          emit(event, parseTime(data.value) ?? '');
          if (!isWrong(data.value)) setShowProblem(false);
        }}
        onBlur={settle}
        onKeyDown={keyDown}
        data-testid={testId}
      />
      <span id={keysId} className={styles.hidden}>
        {t('timeInput.keys', { step: stepMinutes })}
      </span>
      {shown ? (
        <span
          id={messageId}
          role="alert"
          className={styles.message}
          data-testid={testId ? `${testId}-problem` : undefined}
        >
          {t('timeInput.invalid')}
        </span>
      ) : null}
    </span>
  );
}
