// Half-year periods as the API names them: `2026-H1` (上期, April–September), `2026-H2` (下期,
// October–March). The current one follows the server's rule (Japan time, fiscal year from 1 April).
import { halfPeriodAt } from '../../../src/growth/goal.contract.ts';

export interface PeriodParts {
  year: number;
  half: 1 | 2;
}

export function currentPeriod(now: Date = new Date()): string {
  return halfPeriodAt(now).id;
}

export function partsOf(period: string): PeriodParts | undefined {
  const match = /^(\d{4})-H([12])$/.exec(period);
  return match ? { year: Number(match[1]), half: Number(match[2]) as 1 | 2 } : undefined;
}

/** The current period and every period with a saved self-check, newest first. */
export function periodChoices(current: string, saved: readonly string[]): string[] {
  return [...new Set([current, ...saved.filter((period) => partsOf(period))])].sort().reverse();
}
