// The tab's one time input: 24-hour 08:30 in Japanese and 8:30 AM in English, whatever the browser's
// locale (a native <input type="time"> shows 08:30 AM inside a Japanese UI). The value it hands back
// stays HH:MM. It takes the props of Fluent's Input that the forms use, so swapping it in is a change
// of tag.
import { type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime, isIsoTime, parseTime, shiftTime } from './date-time.ts';
import {
  FormattedInput,
  useDateTimeInputStyles,
  useFormattedTextInput,
  type FormattedInputProps,
} from './formatted-text-input.tsx';

export interface TimeInputProps extends FormattedInputProps {
  /** Minutes the arrow keys move the time (Shift: an hour). */
  stepMinutes?: number;
}

export function TimeInput(props: TimeInputProps) {
  const { value, onChange, stepMinutes = 15, disabled } = props;
  const { t, i18n } = useTranslation();
  const styles = useDateTimeInputStyles();
  const language = i18n.language;
  const state = useFormattedTextInput({
    value,
    onChange,
    language,
    format: formatTime,
    parse: parseTime,
  });
  const { text, shown, accept, settle } = state;

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
    <FormattedInput
      props={props}
      state={state}
      defaultClassName={styles.narrow}
      placeholder={t('timeInput.placeholder')}
      keys={t('timeInput.keys', { step: stepMinutes })}
      message={message}
      onKeyDown={keyDown}
    />
  );
}
