// The emulator's recurring events: expanded as Graph's patternedRecurrence says, and refused where
// Graph's recurrencePattern / recurrenceRange rules refuse them.
import { describe, expect, it } from 'vitest';
import { expandRecurrence, type RecurrenceInput } from '../../../src/dev/m365-emulator/recurrence.ts';
import { GraphFailure } from '../../../src/dev/m365-emulator/graph-http.ts';

const WEEK = 7 * 24 * 60 * 60 * 1000;
// Tuesday 2026-12-08 10:00 in Tokyo.
const START = Date.parse('2026-12-08T01:00:00Z');

const weekly = (range: Partial<RecurrenceInput['range']>, interval = 2): RecurrenceInput => ({
  pattern: { type: 'weekly', interval, daysOfWeek: ['tuesday'], firstDayOfWeek: 'sunday' },
  range: { type: 'numbered', startDate: '2026-12-08', numberOfOccurrences: 4, ...range },
});

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof GraphFailure ? error.status : 'other';
  }
  return 'accepted';
};

describe('emulated recurrence', () => {
  it('expands a numbered weekly series every 2 weeks at the same Tokyo time', () => {
    expect(expandRecurrence(weekly({}), START, 'Tokyo Standard Time')).toEqual([
      START,
      START + 2 * WEEK,
      START + 4 * WEEK,
      START + 6 * WEEK,
    ]);
  });

  it('ends a series with an end date on or before it', () => {
    const starts = expandRecurrence(
      weekly({ type: 'endDate', endDate: '2026-12-29', numberOfOccurrences: undefined }, 1),
      START,
      'Tokyo Standard Time',
    );
    expect(starts).toEqual([START, START + WEEK, START + 2 * WEEK, START + 3 * WEEK]);
  });

  it('refuses what Graph refuses: no days for a weekly pattern, a range not starting on the event, no count', () => {
    const zone = 'Tokyo Standard Time';
    const noDays: RecurrenceInput = { ...weekly({}), pattern: { type: 'weekly', interval: 1 } };
    expect(refusal(() => expandRecurrence(noDays, START, zone))).toBe(400);
    expect(refusal(() => expandRecurrence(weekly({ startDate: '2026-12-09' }), START, zone))).toBe(400);
    expect(refusal(() => expandRecurrence(weekly({ numberOfOccurrences: 0 }), START, zone))).toBe(400);
    expect(refusal(() => expandRecurrence(weekly({ numberOfOccurrences: undefined }), START, zone))).toBe(
      400,
    );
    expect(refusal(() => expandRecurrence(weekly({}, 0), START, zone))).toBe(400);
    expect(
      refusal(() =>
        expandRecurrence(
          weekly({ type: 'endDate', endDate: '2026-12-01', numberOfOccurrences: undefined }),
          START,
          zone,
        ),
      ),
    ).toBe(400);
  });
});
