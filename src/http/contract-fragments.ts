import { z } from 'zod';
import { FIRST_FISCAL_YEAR } from '../shared/fiscal-period.ts';
import { dbInteger, dbIntegerFromText } from './user-input.ts';

// Fields several API contracts (src/**/*.contract.ts) share, so a rule every slice follows (how a version
// is sent back, which fiscal years exist, what a real day is) is written once. They live in src/http beside
// user-input.ts for the same reason: every slice may import from here, and the tab reaches them through the
// contracts.

/**
 * The version last read, sent back with a change: a change crossing another one is refused (409
 * version_conflict). Stored records start at version 1.
 */
export const expectedVersion = dbInteger.min(1);

/** The same for a record that may not exist yet: 0 for the first save, then the version last read. */
export const expectedVersionOrNew = dbInteger.min(0);

/** A stored record's version as a view shows it (sent back with a change), and when it last changed (ISO). */
export const versionStampFields = { version: z.number(), updatedAt: z.string() };

/** A request whose body is nothing but the version last read (submit, close, confirm …). */
export const versionInputSchema = z.object({ version: expectedVersion }).strict();

/** A change to a stored record: the version last read (`expectedVersion`) and the change's own fields, nothing else. */
export function versionedInput<Shape extends z.ZodRawShape>(shape: Shape) {
  return versionInputSchema.extend(shape).strict();
}

/** A save of a record that may not exist yet: `expectedVersionOrNew` and the record's own fields, nothing else. */
export function versionedOrNewInput<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object({ version: expectedVersionOrNew }).extend(shape).strict();
}

/** A fiscal year a record may be written for: from the policy's first year on. */
export const fiscalYearInput = dbInteger.min(FIRST_FISCAL_YEAR).max(2100);

/** `?fiscalYear=` of a list that spans the years: the current fiscal year when absent. */
export const fiscalYearListQuery = dbIntegerFromText.min(2000).max(2100).optional();

/** Today in Japan (YYYY-MM-DD) as the server's clock has it, so the tab need not work it out from its own. */
export const todayInJapan = z.string();

/** YYYY-MM-DD */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** YYYY-MM, months 01 to 12. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
/** HH:MM, 00:00 to 23:59. */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A day as YYYY-MM-DD, its form only (not whether the day exists). */
export const dayFormat = z.string().regex(DAY_PATTERN, 'must be YYYY-MM-DD');

/** True when YYYY-MM-DD names a day of the calendar: Date rolls 2026-02-30 over to March, a real day survives the round trip unchanged. */
export function isCalendarDay(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** A day as YYYY-MM-DD that exists (not 2026-02-30); `formatMessage` when it is not written so. */
export function calendarDay(formatMessage: string) {
  return z.string().regex(DAY_PATTERN, formatMessage).refine(isCalendarDay, 'must be a real date');
}

/**
 * The most one training cost may be, in yen (a course's cost per attendee, a 資格取得 application's cost):
 * ten million yen is beyond any course or exam the city pays for, so a figure above it is a typing slip
 * (a doubled zero), refused rather than counted.
 */
export const COST_YEN_MAX = 10_000_000;
/** The most a fiscal year's training budget may be, in yen (within PostgreSQL's integer). */
export const BUDGET_YEN_MAX = 2_000_000_000;
/** A sum of yen from 0 up to `max`, whole yen. */
export const yenAmount = (max: number) =>
  z.number().int('must be whole yen').min(0, 'must not be negative').max(max, `must be at most ${max} yen`);
