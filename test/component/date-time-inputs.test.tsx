// The shell's date and time inputs show and read dates in the UI language (the Teams locale), never the
// browser's: 2026/12/06 (日) and 08:30 in Japanese, Sun, Dec 6, 2026 and 8:30 AM in English.
import { Field } from '@fluentui/react-components';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { DateInput } from '../../tab/src/shell/date-input.tsx';
import { TimeInput } from '../../tab/src/shell/time-input.tsx';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { renderTab } from './support/render.tsx';

/** A form holding one date and one time, showing what it holds. */
function Form({ day: firstDay, time: firstTime, min }: { day: string; time: string; min?: string }) {
  const [day, setDay] = useState(firstDay);
  const [time, setTime] = useState(firstTime);
  return (
    <>
      <Field label="日付">
        <DateInput value={day} min={min} onChange={(_, data) => setDay(data.value)} data-testid="day" />
      </Field>
      <Field label="時刻">
        <TimeInput value={time} onChange={(_, data) => setTime(data.value)} data-testid="time" />
      </Field>
      <output data-testid="held">{`${day}|${time}`}</output>
      <button type="button">next</button>
    </>
  );
}

async function renderForm(language: Language, props: Parameters<typeof Form>[0]) {
  const { screen } = await renderTab(<Form {...props} />, { language });
  const held = () => screen.getByTestId('held').element().textContent;
  const input = (id: string) => screen.getByTestId(id).element() as HTMLInputElement;
  return { screen, held, input };
}

describe('the date and time inputs', () => {
  it('show a day and a time the Japanese way and read what a Japanese user types', async () => {
    const { screen, held, input } = await renderForm('ja', { day: '2026-12-06', time: '08:30' });
    await expect.element(screen.getByTestId('day')).toHaveValue('2026/12/06 (日)');
    await expect.element(screen.getByTestId('time')).toHaveValue('08:30');
    // The label still names the input (Field), and the keys are described for screen readers.
    await expect.element(screen.getByRole('textbox', { name: '日付' })).toBeVisible();
    expect(input('day').getAttribute('aria-describedby')).toBeTruthy();

    await screen.getByTestId('day').fill('２０２７年１月５日');
    await screen.getByTestId('time').fill('14時');
    expect(held()).toBe('2027-01-05|14:00');
    await screen.getByRole('button', { name: 'next' }).click();
    await expect.element(screen.getByTestId('day')).toHaveValue('2027/01/05 (火)');
    await expect.element(screen.getByTestId('time')).toHaveValue('14:00');
  });

  it('show and read English dates and 12-hour times in English', async () => {
    const { screen, held } = await renderForm('en', { day: '2026-12-06', time: '08:30' });
    await expect.element(screen.getByTestId('day')).toHaveValue('Sun, Dec 6, 2026');
    await expect.element(screen.getByTestId('time')).toHaveValue('8:30 AM');
    await screen.getByTestId('day').fill('Jan 5, 2027');
    await screen.getByTestId('time').fill('2:45 pm');
    expect(held()).toBe('2027-01-05|14:45');
    await screen.getByRole('button', { name: 'next' }).click();
    await expect.element(screen.getByTestId('day')).toHaveValue('Tue, Jan 5, 2027');
    await expect.element(screen.getByTestId('time')).toHaveValue('2:45 PM');
  });

  it('refuse what is not a date or a time with a message, keeping what was typed', async () => {
    const { screen, held, input } = await renderForm('ja', { day: '2026-12-06', time: '08:30' });
    // Month-first or day-first is not guessed: the form holds nothing until the day is clear.
    await screen.getByTestId('day').fill('12/06/2026');
    await screen.getByTestId('time').fill('25:00');
    expect(held()).toBe('|');
    await screen.getByRole('button', { name: 'next' }).click();
    await expect
      .element(screen.getByTestId('day-problem'))
      .toHaveTextContent('日付は 2026/12/06 のように 年/月/日 の順で入力してください。');
    await expect
      .element(screen.getByTestId('time-problem'))
      .toHaveTextContent('時刻は 08:30 のように 24 時間制で入力してください。');
    await expect.element(screen.getByTestId('day')).toHaveValue('12/06/2026');
    expect(input('day').getAttribute('aria-invalid')).toBe('true');
    expect(input('day').getAttribute('aria-describedby')).toContain(
      screen.getByTestId('day-problem').element().id,
    );

    // A real day that is not there (2/30) is refused too; a good one clears the message.
    await screen.getByTestId('day').fill('2027/2/30');
    expect(held()).toBe('|');
    await screen.getByTestId('day').fill('2027/2/28');
    await expect.element(screen.getByTestId('day-problem')).not.toBeInTheDocument();
    expect(held()).toBe('2027-02-28|');
  });

  it('refuse a day before the earliest allowed, naming it', async () => {
    const { screen, held } = await renderForm('en', { day: '', time: '', min: '2026-12-01' });
    await screen.getByTestId('day').fill('2026-11-30');
    await screen.getByRole('button', { name: 'next' }).click();
    await expect
      .element(screen.getByTestId('day-problem'))
      .toHaveTextContent('Enter a date on or after Tue, Dec 1, 2026.');
    expect(held()).toBe('|');
  });

  it('move the day and the time with the keyboard', async () => {
    const { screen, held } = await renderForm('ja', { day: '2026-12-31', time: '08:30' });
    await screen.getByTestId('day').click();
    await userEvent.keyboard('{ArrowUp}');
    await expect.element(screen.getByTestId('day')).toHaveValue('2027/01/01 (金)');
    await userEvent.keyboard('{PageUp}');
    await expect.element(screen.getByTestId('day')).toHaveValue('2027/02/01 (月)');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await expect.element(screen.getByTestId('day')).toHaveValue('2027/01/30 (土)');

    // Tab reaches the calendar button, then the time.
    await userEvent.tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('カレンダーから選ぶ');
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByTestId('time').element());
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(screen.getByTestId('time')).toHaveValue('08:15');
    await userEvent.keyboard('{Shift>}{ArrowUp}{/Shift}');
    await expect.element(screen.getByTestId('time')).toHaveValue('09:15');
    expect(held()).toBe('2027-01-30|09:15');
  });
});
