// The shared pieces of a select: RecordOptions (one option a record, after an optional "none" option with
// the value '') and the goals pages' year field (GoalYearField over useGoalYears), which hands back a number.
import { Select } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { GoalYearField } from '../../tab/src/goals/goal-year-field.tsx';
import { useGoalYears } from '../../tab/src/goals/goal-years.ts';
import { RecordOptions } from '../../tab/src/shell/options.tsx';
import { renderTab } from './support/render.tsx';

const GOALS = [
  { id: 'g1', title: '窓口の待ち時間を減らす' },
  { id: 'g2', title: '申請の電子化' },
];

function GoalSelect({ none }: { none?: string }) {
  const [value, setValue] = useState('');
  return (
    <>
      <Select aria-label="goal" value={value} onChange={(_, data) => setValue(data.value)} data-testid="goal">
        <RecordOptions none={none} records={GOALS} labelOf={(goal) => goal.title} />
      </Select>
      <Select aria-label="team" data-testid="team">
        <RecordOptions
          records={[{ teamId: 't9', name: '人事課' }]}
          idOf={(team) => team.teamId}
          labelOf={(team) => team.name}
        />
      </Select>
      <output data-testid="held">{value}</output>
    </>
  );
}

function Years() {
  const { t } = useTranslation('goals');
  const choice = useGoalYears(t);
  const { year } = choice;
  return (
    <>
      <GoalYearField label="年度" choice={choice} testId="year" />
      <output data-testid="held">{`${typeof year}:${year}`}</output>
    </>
  );
}

const optionsOf = (select: HTMLSelectElement) =>
  Array.from(select.options).map((option) => `${option.value}=${option.textContent}`);

describe('the options of a select', () => {
  it('lists one option a record, by its id or what idOf gives, after the "none" option when there is one', async () => {
    const { screen } = await renderTab(<GoalSelect none="（なし）" />);
    const goal = screen.getByTestId('goal').element() as HTMLSelectElement;
    expect(optionsOf(goal)).toEqual(['=（なし）', 'g1=窓口の待ち時間を減らす', 'g2=申請の電子化']);
    expect(optionsOf(screen.getByTestId('team').element() as HTMLSelectElement)).toEqual(['t9=人事課']);
    await screen.getByTestId('goal').selectOptions('g2');
    await expect.element(screen.getByTestId('held')).toHaveTextContent('g2');
  });

  it('has no empty option when none is not given', async () => {
    const { screen } = await renderTab(<GoalSelect />);
    expect(optionsOf(screen.getByTestId('goal').element() as HTMLSelectElement)).toEqual([
      'g1=窓口の待ち時間を減らす',
      'g2=申請の電子化',
    ]);
  });

  it('offers the goals years, newest first, and hands back the chosen year as a number', async () => {
    const { screen } = await renderTab(<Years />);
    const select = screen.getByTestId('year').element() as HTMLSelectElement;
    const values = Array.from(select.options).map((option) => Number(option.value));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await expect.element(screen.getByRole('combobox', { name: '年度' })).toBeVisible();
    const oldest = String(values.at(-1));
    await screen.getByTestId('year').selectOptions(oldest);
    await expect.element(screen.getByTestId('held')).toHaveTextContent(`number:${oldest}`);
  });
});
