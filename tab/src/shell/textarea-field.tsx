// A labelled multi-line text box: Fluent's Field around a Textarea that is tied to one string. The
// forms pass the field's own props (label, hint, required, validation) and what the box holds.
import { Field, Textarea, type FieldProps, type TextareaProps } from '@fluentui/react-components';
import { useLayoutStyles } from './layout.tsx';

export type TextareaFieldProps = Omit<FieldProps, 'children' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  rows?: number;
  resize?: TextareaProps['resize'];
  /** The text box's own id and class (the field's are `id` and `className`). */
  inputId?: string;
  inputClassName?: string;
  /** The text box's test id. */
  testId?: string;
};

export function TextareaField({
  value,
  onChange,
  maxLength,
  rows,
  resize,
  inputId,
  inputClassName,
  testId,
  ...field
}: TextareaFieldProps) {
  return (
    <Field {...field}>
      <Textarea
        id={inputId}
        className={inputClassName}
        value={value}
        maxLength={maxLength}
        resize={resize}
        rows={rows}
        onChange={(_, data) => onChange(data.value)}
        data-testid={testId}
      />
    </Field>
  );
}

/** One of a `TextareaStack`'s boxes: the form's key, its label (and hint) and the box's test id. */
export interface StackedTextarea<Key extends string> {
  key: Key;
  label: string;
  hint?: string;
  testId: string;
}

/**
 * A form's long free texts one under another, each tied to the form's field of the same key: the boxes
 * share their length limit and height and grow downwards only.
 */
export function TextareaStack<Key extends string>({
  fields,
  values,
  onChange,
  maxLength,
  rows,
}: {
  fields: readonly StackedTextarea<Key>[];
  values: Record<Key, string>;
  onChange: (key: Key, value: string) => void;
  maxLength: number;
  rows: number;
}) {
  const layout = useLayoutStyles();
  return (
    <div className={layout.stack}>
      {fields.map(({ key, label, hint, testId }) => (
        <TextareaField
          key={key}
          label={label}
          hint={hint}
          value={values[key]}
          maxLength={maxLength}
          resize="vertical"
          rows={rows}
          onChange={(value) => onChange(key, value)}
          testId={testId}
        />
      ))}
    </div>
  );
}
