// Recurring events: Graph's patternedRecurrence on create, checked as the "patternedRecurrence",
// "recurrencePattern" and "recurrenceRange" resource types document it, and expanded into occurrences
// (daily and weekly patterns; the emulator refuses the monthly and yearly ones it does not expand).
import { z } from 'zod';
import { GraphFailure } from './graph-http.ts';
import { zoneOffsetMinutes } from './time-zones.ts';

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const recurrenceInput = z.object({
  pattern: z.object({
    type: z.enum([
      'daily',
      'weekly',
      'absoluteMonthly',
      'relativeMonthly',
      'absoluteYearly',
      'relativeYearly',
    ]),
    interval: z.number().int(),
    daysOfWeek: z.array(z.enum(DAYS)).optional(),
    firstDayOfWeek: z.enum(DAYS).optional(),
    dayOfMonth: z.number().int().optional(),
    month: z.number().int().optional(),
    index: z.enum(['first', 'second', 'third', 'fourth', 'last']).optional(),
  }),
  range: z.object({
    type: z.enum(['endDate', 'noEnd', 'numbered']),
    startDate: date,
    endDate: date.optional(),
    numberOfOccurrences: z.number().int().optional(),
    recurrenceTimeZone: z.string().optional(),
  }),
});
export type RecurrenceInput = z.infer<typeof recurrenceInput>;

/** A series without an end is expanded this far (the emulator stores each occurrence). */
const NO_END_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

const invalid = (message: string) => new GraphFailure(400, 'ErrorInvalidRequest', message);

/**
 * The occurrences' starts (UTC ms) of a series whose first event starts at `startUtc` (wall clock in
 * `zone`), or a 400 for what Graph refuses.
 */
export function expandRecurrence(recurrence: RecurrenceInput, startUtc: number, zone: string): number[] {
  const { pattern, range } = recurrence;
  // "recurrencePattern": interval is required, the number of units between occurrences.
  if (pattern.interval < 1 || pattern.interval > 99)
    throw invalid('The recurrence pattern interval must be between 1 and 99.');
  if (pattern.type !== 'daily' && pattern.type !== 'weekly')
    throw invalid(`The emulator does not expand ${pattern.type} recurrences.`);
  // "recurrencePattern": daysOfWeek is required for weekly patterns.
  if (pattern.type === 'weekly' && (pattern.daysOfWeek ?? []).length === 0)
    throw invalid('A weekly recurrence pattern needs daysOfWeek.');
  const offset = zoneOffsetMinutes(range.recurrenceTimeZone ?? zone) * 60_000;
  const local = startUtc + offset;
  const startDay = new Date(local).toISOString().slice(0, 10);
  // "recurrenceRange": startDate "must be the same value as the start property of the recurring event".
  if (range.startDate !== startDay)
    throw invalid('The recurrence range startDate must be the date of the event start.');
  const timeOfDay = local - Date.parse(`${startDay}T00:00:00Z`);
  let last: number;
  let count = Number.POSITIVE_INFINITY;
  if (range.type === 'numbered') {
    // "recurrenceRange": numberOfOccurrences is "required and must be positive if type is numbered".
    if (range.numberOfOccurrences === undefined || range.numberOfOccurrences < 1)
      throw invalid('A numbered recurrence range needs a positive numberOfOccurrences.');
    count = range.numberOfOccurrences;
    last = Number.POSITIVE_INFINITY;
  } else if (range.type === 'endDate') {
    // "recurrenceRange": endDate is required if type is endDate.
    if (!range.endDate) throw invalid('An endDate recurrence range needs an endDate.');
    last = Date.parse(`${range.endDate}T00:00:00Z`);
    if (last < Date.parse(`${startDay}T00:00:00Z`))
      throw invalid('The recurrence range endDate must not be before its startDate.');
  } else {
    last = Date.parse(`${startDay}T00:00:00Z`) + NO_END_DAYS * DAY_MS;
  }
  const first = Date.parse(`${startDay}T00:00:00Z`);
  const days = new Set(
    pattern.type === 'weekly' ? pattern.daysOfWeek!.map((day) => DAYS.indexOf(day)) : [0, 1, 2, 3, 4, 5, 6],
  );
  const weekStart = DAYS.indexOf(pattern.firstDayOfWeek ?? 'sunday');
  const startOfWeek = (day: number) => day - ((new Date(day).getUTCDay() - weekStart + 7) % 7) * DAY_MS;
  const starts: number[] = [];
  for (
    let day = first;
    day <= last && starts.length < count && day - first <= 5 * 366 * DAY_MS;
    day += DAY_MS
  ) {
    const weekday = new Date(day).getUTCDay();
    const matches =
      pattern.type === 'daily'
        ? Math.round((day - first) / DAY_MS) % pattern.interval === 0
        : days.has(weekday) &&
          Math.round((startOfWeek(day) - startOfWeek(first)) / (7 * DAY_MS)) % pattern.interval === 0;
    if (matches) starts.push(day + timeOfDay - offset);
  }
  if (starts.length === 0) throw invalid('The recurrence has no occurrence.');
  return starts;
}
