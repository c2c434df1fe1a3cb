// The years of service a course or an announcement is for: from and up to, each a whole number of years
// (0 to YEARS_MAX) or '' for no bound. The course form and the announcement form share it.
import { Field, Input } from '@fluentui/react-components';
import { YEARS_MAX } from '../../../src/training/training.contract.ts';
import { useLayoutStyles } from '../shell/layout.tsx';

/** A text field's value and change handler, as `useFormFields().text(key)` gives them. */
interface TextBinding {
  value: string;
  onChange: (event: unknown, data: { value: string }) => void;
}

export function YearsRange({
  labels: [minLabel, maxLabel],
  min,
  max,
  testIdPrefix,
}: {
  labels: [string, string];
  min: TextBinding;
  max: TextBinding;
  /** `course`: the inputs are `course-min-years` and `course-max-years`. */
  testIdPrefix?: string;
}) {
  const layout = useLayoutStyles();
  const bounds = [
    { key: 'min', label: minLabel, input: min },
    { key: 'max', label: maxLabel, input: max },
  ];
  return (
    <div className={layout.row}>
      {bounds.map(({ key, label, input }) => (
        <Field key={key} label={label}>
          <Input
            type="number"
            min={0}
            max={YEARS_MAX}
            {...input}
            data-testid={testIdPrefix ? `${testIdPrefix}-${key}-years` : undefined}
          />
        </Field>
      ))}
    </div>
  );
}
