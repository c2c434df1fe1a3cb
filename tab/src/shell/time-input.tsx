// The tab's one time input: 24-hour 08:30 in Japanese and 8:30 AM in English, whatever the browser's
// locale (a native <input type="time"> shows 08:30 AM inside a Japanese UI). The value it hands back
// stays HH:MM. It takes the props of Fluent's Input that the forms use, so swapping it in is a change
// of tag.
import { Input } from '@fluentui/react-components';
import { type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime, isIsoTime, parseTime, shiftTime } from './date-time.ts';
import {
  describedByOf,
  FormattedInputNotes,
  useDateTimeInputStyles,
  useFormattedTextInput,
  type FormattedValueChange,
} from './formatted-text-input.tsx';

export interface TimeInputProps {
  value: string;
  onChange: FormattedValueChange;
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
  const { text, shown, messageId, keysId, accept, typed, settle } = useFormattedTextInput({
    value,
    onChange,
    language,
    format: formatTime,
    parse: parseTime,
  });

  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') settle();
    const direction = event.key === 'ArrowUp' ? 1 : event.key === 'ArrowDown' ? -1 : 0;
    if (direction === 0 || disabled) return;
    event.preventDefault();
    const from = parseTime(text) ?? (isIsoTime(value) ? value : '08:30');
    accept(event, shiftTime(from, direction * (event.shiftKey ? 60 : stepMinutes)));
  };

  const message = shown ? t('timeInput.invalid') : undefined;
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
        aria-describedby={describedByOf(describedBy, shown ? messageId : undefined, keysId)}
        onChange={(event, data) => typed(event, data.value)}
        onBlur={settle}
        onKeyDown={keyDown}
        data-testid={testId}
      />
      <FormattedInputNotes
        keysId={keysId}
        keys={t('timeInput.keys', { step: stepMinutes })}
        messageId={messageId}
        message={message}
        testId={testId}
      />
    </span>
  );
}
