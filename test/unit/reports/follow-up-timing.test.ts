// When a session's DRILL follow-up falls due: whole calendar months on the Japan calendar.
import { describe, expect, it } from 'vitest';
import { monthsBefore } from '../../../src/reports/follow-ups.ts';

const jst = (local: string) => new Date(`${local}+09:00`);

describe('monthsBefore', () => {
  it('goes back whole months on the Japan calendar, at the same time of day', () => {
    expect(monthsBefore(jst('2026-12-06T10:00:00'), 3)).toEqual(jst('2026-09-06T10:00:00'));
    // 08:30 on 1 April in Japan is still 31 March in UTC: the Japan day counts.
    expect(monthsBefore(jst('2027-04-01T08:30:00'), 3)).toEqual(jst('2027-01-01T08:30:00'));
    expect(monthsBefore(jst('2027-02-15T09:00:00'), 3)).toEqual(jst('2026-11-15T09:00:00'));
  });

  it('falls back to the last day of a shorter month', () => {
    expect(monthsBefore(jst('2027-05-31T12:00:00'), 3)).toEqual(jst('2027-02-28T12:00:00'));
    expect(monthsBefore(jst('2028-05-31T12:00:00'), 3)).toEqual(jst('2028-02-29T12:00:00'));
    expect(monthsBefore(jst('2026-12-31T12:00:00'), 1)).toEqual(jst('2026-11-30T12:00:00'));
  });

  it('crosses years, for any configured number of months', () => {
    expect(monthsBefore(jst('2027-01-10T09:00:00'), 24)).toEqual(jst('2025-01-10T09:00:00'));
    expect(monthsBefore(jst('2027-01-10T09:00:00'), 1)).toEqual(jst('2026-12-10T09:00:00'));
  });
});
