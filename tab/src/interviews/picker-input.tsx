import { Input } from '@fluentui/react-components';
import { usePickerStyles } from './picker-styles.ts';

/** A native date or time picker in the tab's colour scheme that hands back the picked value. */
export function PickerInput({
  type,
  value,
  onValue,
  testId,
}: {
  type: 'date' | 'time';
  value: string;
  onValue: (value: string) => void;
  testId?: string;
}) {
  const pickers = usePickerStyles();
  return (
    <Input
      type={type}
      input={{ className: pickers.native }}
      value={value}
      onChange={(_, data) => onValue(data.value)}
      data-testid={testId}
    />
  );
}
