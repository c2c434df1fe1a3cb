import { describe, expect, it } from 'vitest';
import { arrivalsOf, HIRE_WINDOW_DAYS } from '../../../src/people/arrivals.ts';
import { DEFAULT_ONBOARDING_CHECKLIST } from '../../../src/ojt/default-checklist.ts';

const person = (id: string, department: string | null, hireDate: string | null = '2010-04-01') => ({
  id,
  department,
  hireDate,
  managerId: 'boss',
});

describe('arrivalsOf: who arrived in a 課 when the people in force changed', () => {
  const today = '2026-12-06';

  it('finds a person whose 課 changed, with their supervisor in force now', () => {
    expect(arrivalsOf([person('a', '市民課')], [person('a', '保険年金課')], today)).toEqual([
      { personId: 'a', supervisorId: 'boss', kind: 'transfer', department: '保険年金課', day: today },
    ]);
  });

  it('ignores people whose 課 stayed, or who lost their 課', () => {
    expect(arrivalsOf([person('a', '市民課')], [person('a', '市民課')], today)).toEqual([]);
    expect(arrivalsOf([person('a', '市民課')], [person('a', null)], today)).toEqual([]);
  });

  it('counts a new person as hired only with a recent (or coming) hire date', () => {
    const recent = person('n', '市民課', '2026-10-01');
    const coming = person('c', '市民課', '2027-04-01');
    const longServing = person('o', '市民課', '2001-04-01');
    const unknown = person('u', '市民課', null);
    const edge = new Date(Date.parse(`${today}T00:00:00Z`) - HIRE_WINDOW_DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const found = arrivalsOf([], [recent, coming, longServing, unknown, person('e', '市民課', edge)], today);
    expect(found.map((arrival) => [arrival.personId, arrival.kind])).toEqual([
      ['n', 'hire'],
      ['c', 'hire'],
      ['e', 'hire'],
    ]);
  });
});

describe('the default onboarding checklist', () => {
  it('has the items the policy names for 転入者, in Japanese and English', () => {
    const labels = DEFAULT_ONBOARDING_CHECKLIST.transfer.map((item) => item.ja);
    for (const wanted of ['課の業務概要', '関係部署の紹介']) expect(labels).toContain(wanted);
    for (const kind of ['transfer', 'hire'] as const)
      for (const item of DEFAULT_ONBOARDING_CHECKLIST[kind]) {
        expect(item.ja.trim()).not.toBe('');
        expect(item.en.trim()).not.toBe('');
      }
  });
});
