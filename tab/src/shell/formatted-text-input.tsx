// What the tab's date and time inputs share: a text box that shows a value in the UI language
// (2026/12/06 (日), 8:30 AM) while the form holds it in ISO form (YYYY-MM-DD, HH:MM). The hook keeps
// what is typed, hands the form only a value it can use, tidies the text on leaving and names a
// problem only then; the notes component renders the hidden key help and that problem.
import { Input, makeStyles, tokens, type InputProps } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type ChangeEvent, type SyntheticEvent } from 'react';
import { visuallyHidden } from './visually-hidden.ts';

export const useDateTimeInputStyles = makeStyles({
  wrap: { display: 'inline-flex', flexDirection: 'column', gap: '2px', maxWidth: '100%' },
  input: { width: '15em', maxWidth: '100%' },
  narrow: { width: '8.5em', maxWidth: '100%' },
  message: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  hidden: visuallyHidden,
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

/** Fluent Input's change signature, with the value always in ISO form or empty. */
export type FormattedValueChange = (event: SyntheticEvent | null, data: { value: string }) => void;

/** The props both inputs take from the forms: Fluent Input's, with the value always in ISO form. */
export interface FormattedInputProps {
  value: string;
  onChange: FormattedValueChange;
  disabled?: boolean;
  required?: boolean;
  id?: string;
  className?: string;
  'data-testid'?: string;
  'aria-describedby'?: string;
}

export interface FormattedTextInputOptions<Problem> {
  value: string;
  onChange: FormattedValueChange;
  language: string;
  /** ISO value → the text shown in `language`. */
  format: (value: string, language: string) => string;
  /** Typed text → the ISO value, or undefined when it is not one. */
  parse: (text: string) => string | undefined;
  /** What is wrong with a parsed value (a day out of range); undefined when it can be used. */
  rangeProblem?: (value: string) => Problem | undefined;
}

export type FormattedTextProblem<Problem> = { key: 'invalid' } | Problem;

export function useFormattedTextInput<Problem = never>({
  value,
  onChange,
  language,
  format,
  parse,
  rangeProblem,
}: FormattedTextInputOptions<Problem>) {
  const [text, setText] = useState(() => format(value, language));
  const [showProblem, setShowProblem] = useState(false);
  const messageId = useId();
  const keysId = useId();

  // A value set from outside (a reset, a default, a picked day) or another language replaces what is
  // shown; the echo of what is being typed does not, so nothing typed is lost.
  const echoed = useRef<{ value: string; language: string }>({ value, language });
  useEffect(() => {
    const last = echoed.current;
    echoed.current = { value, language };
    if (last.value === value && last.language === language) return;
    setText(format(value, language));
  }, [value, language, format]);

  const problemOf = (
    parsed: string | undefined,
    typed: string,
  ): FormattedTextProblem<Problem> | undefined => {
    if (typed.trim() === '') return undefined;
    if (parsed === undefined) return { key: 'invalid' };
    return rangeProblem?.(parsed);
  };

  const emit = (event: SyntheticEvent | null, next: string) => {
    echoed.current = { value: next, language };
    if (next !== value) onChange(event, { value: next });
  };

  /** A value chosen whole (a key press, the calendar): shown formatted, handed on, no problem. */
  const accept = (event: SyntheticEvent | null, next: string) => {
    setText(format(next, language));
    setShowProblem(false);
    emit(event, next);
  };

  const typed = (event: ChangeEvent<HTMLInputElement>, next: string) => {
    setText(next);
    const parsed = parse(next);
    const ok = problemOf(parsed, next) === undefined;
    // The form holds only a value it can use: anything else is empty there, and named here on leaving.
    emit(event, ok && parsed !== undefined ? parsed : '');
    if (showProblem && ok) setShowProblem(false);
  };

  /** Leaving the box (or Enter): a usable value is shown in its tidy form, a problem is named. */
  const settle = () => {
    const parsed = parse(text);
    if (parsed !== undefined && problemOf(parsed, text) === undefined) setText(format(parsed, language));
    setShowProblem(true);
  };

  const shown = showProblem ? problemOf(parse(text), text) : undefined;
  return { text, shown, messageId, keysId, accept, typed, settle };
}

/** The input's aria-describedby: the form's own description, the named problem, the key help. */
export function describedByOf(
  describedBy: string | undefined,
  messageId: string | undefined,
  keysId: string,
): string {
  return [describedBy, messageId, keysId].filter(Boolean).join(' ');
}

/**
 * The text box of a date or time input and the notes below it (the hidden key help and, once named,
 * the problem), tied to the state of useFormattedTextInput; an input passes what is its own
 * (placeholder, key help, the problem named, its keys and any further Input props).
 */
export function FormattedInput({
  props: { id, className, disabled, required, 'data-testid': testId, 'aria-describedby': describedBy },
  state: { text, shown, messageId, keysId, typed, settle },
  defaultClassName,
  placeholder,
  keys,
  message,
  onKeyDown,
  inputProps,
  wrapProps,
}: {
  props: FormattedInputProps;
  state: Pick<
    ReturnType<typeof useFormattedTextInput>,
    'text' | 'shown' | 'messageId' | 'keysId' | 'typed' | 'settle'
  >;
  defaultClassName: string;
  placeholder: string;
  keys: string;
  message: string | undefined;
  onKeyDown: InputProps['onKeyDown'];
  inputProps?: Partial<InputProps>;
  wrapProps?: Record<`data-${string}`, string>;
}) {
  const styles = useDateTimeInputStyles();
  return (
    <span className={styles.wrap} {...wrapProps}>
      <Input
        id={id}
        type="text"
        className={className ?? defaultClassName}
        value={text}
        disabled={disabled}
        required={required}
        placeholder={placeholder}
        autoComplete="off"
        aria-invalid={shown ? true : undefined}
        aria-describedby={describedByOf(describedBy, message ? messageId : undefined, keysId)}
        onChange={(event, data) => typed(event, data.value)}
        onBlur={settle}
        onKeyDown={onKeyDown}
        {...inputProps}
        data-testid={testId}
      />
      <span id={keysId} className={styles.hidden}>
        {keys}
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
