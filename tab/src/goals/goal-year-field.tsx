// The year picker of a goals-related page (goals, 課の方針, 人事評価): the years and their labels come
// from useGoalYears; the field grows with the row up to 420 px.
import { Field, makeStyles, Select } from '@fluentui/react-components';
import { Options } from '../shell/options.tsx';
import type { useGoalYears } from './goal-years.ts';

const useStyles = makeStyles({
  // A native select is as wide as its longest option; on a phone it must shrink to the screen.
  field: { minWidth: 0, flexGrow: 1, maxWidth: '420px' },
  picker: { width: '100%', minWidth: 0 },
  pickerSelect: { width: '100%', minWidth: 0 },
});

export function GoalYearField({
  label,
  choice: { years, labelOf, year, setYear },
  onChosen,
  testId,
}: {
  label: string;
  /** The page's useGoalYears: the years offered and the one shown. */
  choice: ReturnType<typeof useGoalYears>;
  /** Called when another year is chosen (after it is set). */
  onChosen?: () => void;
  /** The select's test id. */
  testId: string;
}) {
  const styles = useStyles();
  return (
    <Field label={label} className={styles.field}>
      <Select
        className={styles.picker}
        select={{ className: styles.pickerSelect }}
        value={String(year)}
        onChange={(_, data) => {
          setYear(Number(data.value));
          onChosen?.();
        }}
        data-testid={testId}
      >
        <Options values={years} labelOf={labelOf} />
      </Select>
    </Field>
  );
}
