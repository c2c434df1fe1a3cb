// A labelled multi-line text box: Fluent's Field around a Textarea that is tied to one string. The
// forms pass the field's own props (label, hint, required, validation) and what the box holds.
import { Field, Textarea, type FieldProps, type TextareaProps } from '@fluentui/react-components';

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
