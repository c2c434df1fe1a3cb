import { describe, expect, it, vi } from 'vitest';
import { activityCounts } from '../../../src/growth/activity-counts.ts';

describe('the 育成 page’s activity counts', () => {
  it('ask nothing when there is nobody to count for', async () => {
    const count = vi.fn();
    expect(await activityCounts([], 2026, count)).toEqual([]);
    expect(count).not.toHaveBeenCalled();
  });

  it('count within the fiscal year, April to April in Japan time', async () => {
    const count = vi.fn().mockResolvedValue([]);
    await activityCounts(['boss'], 2026, count);
    expect(count).toHaveBeenCalledWith({
      from: new Date('2026-03-31T15:00:00.000Z'),
      to: new Date('2027-03-31T15:00:00.000Z'),
    });
  });

  it('give each count as a number and leave out a row with no author', async () => {
    const rows = [
      { authorId: 'boss', personId: 'a', n: '2' },
      { authorId: null, personId: 'b', n: 5 },
      { authorId: 'boss', personId: 'c', n: 1 },
    ];
    expect(await activityCounts(['boss'], 2026, () => Promise.resolve(rows))).toEqual([
      { authorId: 'boss', personId: 'a', n: 2 },
      { authorId: 'boss', personId: 'c', n: 1 },
    ]);
  });
});
