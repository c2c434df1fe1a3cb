import { describe, expect, it } from 'vitest';
import { chainChanges } from '../../../src/people/supervisor-changes.ts';

// 部長 b1 → 課長 k1 → 係長 s1 → 主事 p1, and 部長 b2 → 課長 k2 → 係長 s2.
const lines = (overrides: Record<string, string | null> = {}) =>
  new Map<string, string | null>(
    Object.entries({ b1: null, k1: 'b1', s1: 'k1', p1: 's1', b2: null, k2: 'b2', s2: 'k2', ...overrides }),
  );

describe('chainChanges', () => {
  it('finds nobody when the reporting lines are the same', () => {
    expect(chainChanges(lines(), lines())).toEqual([]);
  });

  it('names the supervisors a transferred person left behind and their new direct supervisor', () => {
    expect(chainChanges(lines(), lines({ p1: 's2' }))).toEqual([
      { personId: 'p1', removed: ['s1', 'k1', 'b1'], supervisorId: 's2' },
    ]);
  });

  it('also reaches the reports of a moved supervisor, whose chain above changed', () => {
    const changes = chainChanges(lines(), lines({ s1: 'k2' }));
    expect(changes).toEqual([
      { personId: 's1', removed: ['k1', 'b1'], supervisorId: 'k2' },
      { personId: 'p1', removed: ['k1', 'b1'], supervisorId: 's1' },
    ]);
  });

  it('finds nothing lost for someone who only gains a supervisor in between', () => {
    // p1 now reports to a new 係長 s3 who reports to s1: everyone above is still above.
    expect(chainChanges(lines(), lines({ p1: 's3', s3: 's1' }))).toEqual([]);
  });

  it('stops at a loop in broken directory data instead of walking forever', () => {
    expect(chainChanges(lines({ k1: 's1' }), lines({ k1: 's1', p1: 's2' }))).toEqual([
      { personId: 'p1', removed: ['s1', 'k1'], supervisorId: 's2' },
    ]);
  });
});
