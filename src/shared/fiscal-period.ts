// Japanese public-sector fiscal periods: the fiscal year starts on 1 April (Asia/Tokyo); self-checks
// run per half, 上期 (April–September) and 下期 (October–March). Shared by the server and the tab.
import { JST_OFFSET_MS } from './japan-time.ts';

export interface HalfPeriod {
  id: string;
  fiscalYear: number;
  half: 1 | 2;
}

/** The policy took effect in April 2022 (令和4年); there are no earlier periods. */
export const FIRST_FISCAL_YEAR = 2022;

export function halfPeriodAt(instant: Date): HalfPeriod {
  const jst = new Date(instant.getTime() + JST_OFFSET_MS);
  const month = jst.getUTCMonth() + 1;
  const fiscalYear = month >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
  const half = month >= 4 && month <= 9 ? 1 : 2;
  return { id: `${fiscalYear}-H${half}`, fiscalYear, half };
}

/** Parses `2026-H1`; undefined for anything else. */
export function parseHalfPeriod(id: string): HalfPeriod | undefined {
  const match = /^(\d{4})-H([12])$/.exec(id);
  if (!match) return undefined;
  return { id, fiscalYear: Number(match[1]), half: Number(match[2]) as 1 | 2 };
}

function ordinal(period: HalfPeriod): number {
  return period.fiscalYear * 2 + period.half - 1;
}

/** A period exists from the policy's first half up to the current one; the future does not exist yet. */
export function isExistingPeriod(period: HalfPeriod, now: Date): boolean {
  return period.fiscalYear >= FIRST_FISCAL_YEAR && ordinal(period) <= ordinal(halfPeriodAt(now));
}

/** Only the current half is open for writing until HR manages the windows (issue 9). */
export function isOpenPeriod(period: HalfPeriod, now: Date): boolean {
  return period.id === halfPeriodAt(now).id;
}

export function existingPeriods(now: Date): string[] {
  const last = ordinal(halfPeriodAt(now));
  const periods: string[] = [];
  for (let value = FIRST_FISCAL_YEAR * 2; value <= last; value += 1) {
    periods.push(`${Math.floor(value / 2)}-H${(value % 2) + 1}`);
  }
  return periods;
}

/** The instants a fiscal year spans: from 1 April 0:00 in Japan up to (not including) the next 1 April. */
export function fiscalYearBounds(fiscalYear: number): { from: Date; to: Date } {
  const start = (year: number) => new Date(Date.UTC(year, 3, 1) - JST_OFFSET_MS);
  return { from: start(fiscalYear), to: start(fiscalYear + 1) };
}

/** A fiscal quarter (Japan time): Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March. */
export interface FiscalQuarter {
  /** `2026-Q1` */
  id: string;
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
}

export function fiscalQuarterAt(instant: Date): FiscalQuarter {
  const jst = new Date(instant.getTime() + JST_OFFSET_MS);
  const month = jst.getUTCMonth() + 1;
  const fiscalYear = month >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
  const quarter = (Math.floor(((month + 8) % 12) / 3) + 1) as FiscalQuarter['quarter'];
  return { id: `${fiscalYear}-Q${quarter}`, fiscalYear, quarter };
}

/** Parses `2026-Q1`; undefined for anything else. */
export function parseFiscalQuarter(id: string): FiscalQuarter | undefined {
  const match = /^(\d{4})-Q([1-4])$/.exec(id);
  if (!match) return undefined;
  return { id, fiscalYear: Number(match[1]), quarter: Number(match[2]) as FiscalQuarter['quarter'] };
}

/** The first and last day (YYYY-MM-DD, Japan) of a fiscal quarter. */
export function fiscalQuarterDays(quarter: Pick<FiscalQuarter, 'fiscalYear' | 'quarter'>): {
  first: string;
  last: string;
} {
  const startMonth = ((quarter.quarter - 1) * 3 + 3) % 12; // 0-based: April = 3
  const year = quarter.fiscalYear + (quarter.quarter === 4 ? 1 : 0);
  const first = new Date(Date.UTC(year, startMonth, 1));
  const last = new Date(Date.UTC(year, startMonth + 3, 0));
  return { first: first.toISOString().slice(0, 10), last: last.toISOString().slice(0, 10) };
}
