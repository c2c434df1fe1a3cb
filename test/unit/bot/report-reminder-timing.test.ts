// Reminder timing on a frozen clock: after the configured days, only in office hours (9:00–17:00 Japan
// time on office days), never at night, on weekends, national holidays or 12/29–1/3, and at most N times.
import { describe, expect, it } from 'vitest';
import { nextReminder, type ReminderState } from '../../../src/reports/report-reminders.ts';

const jst = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`);
const policy = { afterDays: 3, max: 2 };
const requested = (at: Date, extra: Partial<ReminderState> = {}): ReminderState => ({
  requestedAt: at,
  remindersSent: 0,
  lastRemindedAt: null,
  ...extra,
});

describe('nextReminder', () => {
  it('is not due before the configured days have passed, and due at once during office hours after', () => {
    const state = requested(jst('2026-12-01', '10:00')); // Tuesday
    expect(nextReminder(state, jst('2026-12-04', '09:59'), policy)).toBeUndefined();
    expect(nextReminder(state, jst('2026-12-04', '10:00'), policy)).toEqual({
      reminder: 1,
      notBefore: jst('2026-12-04', '10:00'),
    });
  });

  it('waits for the morning when the days run out at night', () => {
    const state = requested(jst('2026-12-01', '20:00'));
    // Due Friday 20:00 → the office opens Monday; a run at 23:00 Friday queues nothing yet…
    expect(nextReminder(state, jst('2026-12-04', '23:00'), policy)).toBeUndefined();
    // …and a run at Monday 09:00 sends it then.
    expect(nextReminder(state, jst('2026-12-07', '09:00'), policy)).toEqual({
      reminder: 1,
      notBefore: jst('2026-12-07', '09:00'),
    });
  });

  it('never goes out at night: a job that runs late after the due time holds it until 9:00', () => {
    const state = requested(jst('2026-12-01', '10:00'));
    expect(nextReminder(state, jst('2026-12-04', '17:30'), policy)).toEqual({
      reminder: 1,
      notBefore: jst('2026-12-07', '09:00'), // Friday evening → Monday morning
    });
    expect(nextReminder(state, jst('2026-12-08', '03:00'), policy)?.notBefore).toEqual(
      jst('2026-12-08', '09:00'),
    );
  });

  it('skips weekends and national holidays', () => {
    // Due Saturday 11/21 → Monday 11/23 is 勤労感謝の日 → Tuesday 11/24 at 9:00.
    const state = requested(jst('2026-11-18', '11:00'));
    expect(nextReminder(state, jst('2026-11-21', '11:00'), policy)).toBeUndefined();
    expect(nextReminder(state, jst('2026-11-23', '11:00'), policy)).toBeUndefined();
    expect(nextReminder(state, jst('2026-11-24', '09:00'), policy)).toEqual({
      reminder: 1,
      notBefore: jst('2026-11-24', '09:00'),
    });
  });

  it('skips the year-end closure 12/29–1/3', () => {
    const state = requested(jst('2026-12-25', '15:00')); // due 12/28 15:00 — still open
    expect(nextReminder(state, jst('2026-12-28', '15:00'), policy)?.notBefore).toEqual(
      jst('2026-12-28', '15:00'),
    );
    const later = requested(jst('2026-12-28', '15:00')); // due 12/31 → closed until 1/4
    expect(nextReminder(later, jst('2026-12-31', '15:00'), policy)).toBeUndefined();
    expect(nextReminder(later, jst('2027-01-02', '10:00'), policy)).toBeUndefined();
    expect(nextReminder(later, jst('2027-01-04', '09:00'), policy)?.notBefore).toEqual(
      jst('2027-01-04', '09:00'),
    );
  });

  it('spaces the next reminder by the same days from the last one, and stops at the maximum', () => {
    const second = requested(jst('2026-12-01', '10:00'), {
      remindersSent: 1,
      lastRemindedAt: jst('2026-12-04', '10:00'),
    });
    expect(nextReminder(second, jst('2026-12-07', '09:30'), policy)).toBeUndefined(); // 12/07 10:00 is due
    expect(nextReminder(second, jst('2026-12-07', '10:00'), policy)).toEqual({
      reminder: 2,
      notBefore: jst('2026-12-07', '10:00'),
    });
    const done = requested(jst('2026-12-01', '10:00'), {
      remindersSent: 2,
      lastRemindedAt: jst('2026-12-07', '10:00'),
    });
    expect(nextReminder(done, jst('2027-03-01', '10:00'), policy)).toBeUndefined();
    expect(
      nextReminder(requested(jst('2026-12-01', '10:00')), jst('2027-03-01', '10:00'), { ...policy, max: 0 }),
    ).toBeUndefined();
  });
});
