import { jstDay } from '../../support/fiscal-days.ts';
import type { TestServer } from '../../support/test-server.ts';

export type Person = TestServer['emulator']['people'][number];

export { jstDay };

export { until } from '../../support/waiting.ts';

export const courseBody = (overrides: Record<string, unknown> = {}) => ({
  category: 'specialist',
  title: { ja: 'ファシリテーション研修', en: 'Facilitation' },
  description: { ja: '会議を進める力を身につけます。' },
  targetLevelIds: [],
  minYearsOfService: null,
  maxYearsOfService: null,
  competencyIds: ['explanation', 'cooperation'],
  guidelineIds: ['link'],
  format: 'inPerson',
  provider: '職員課（研修担当）',
  ...overrides,
});

export const sessionBody = (overrides: Record<string, unknown> = {}) => ({
  date: jstDay(14),
  startTime: '10:00',
  endTime: '12:00',
  place: '小平市役所 大会議室',
  online: false,
  capacity: 2,
  applicationDeadline: jstDay(7),
  ...overrides,
});

/** Completed years of service on today's Japan date. */
export function yearsOf(person: Person): number {
  const hire = person.employeeHireDate!.slice(0, 10);
  const today = jstDay(0);
  const years = Number(today.slice(0, 4)) - Number(hire.slice(0, 4));
  return today.slice(5) < hire.slice(5) ? years - 1 : years;
}
