import { DateInput } from '../shell/date-input.tsx';
import { TimeInput } from '../shell/time-input.tsx';

/**
 * A date or time of the booking panel and the reschedule dialog, in the shell's localised inputs
 * (2026/12/06 (日), 08:30 in Japanese), handing back YYYY-MM-DD or HH:MM, or '' while what is typed is
 * not one.
 */
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
  return type === 'date' ? (
    <DateInput value={value} onChange={(_, data) => onValue(data.value)} data-testid={testId} />
  ) : (
    <TimeInput value={value} onChange={(_, data) => onValue(data.value)} data-testid={testId} />
  );
}
