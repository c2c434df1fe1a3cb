import { describe, expect, it } from 'vitest';
import { countsBeforeRecords } from '../../../src/growth/career.contract.ts';
import { firstRecordMonth, postingsFromRecords } from '../../../src/growth/rotation.ts';

const record = (effectiveFrom: string, department: string | null, division: string | null = '市民部') => ({
  effectiveFrom,
  department,
  division,
});

describe('postings from HR 発令 records', () => {
  it('ends a posting the month before a transfer on the 1st, in its own month for one mid-month', () => {
    expect(
      postingsFromRecords([
        record('2020-01-01', '市民課'),
        record('2021-01-01', '保険年金課'),
        record('2023-06-15', '納税課', '総務部'),
      ]),
    ).toEqual([
      { from: '2020-01', to: '2020-12', department: '市民課', division: '市民部' },
      { from: '2021-01', to: '2023-06', department: '保険年金課', division: '市民部' },
      { from: '2023-06', to: null, department: '納税課', division: '総務部' },
    ]);
  });

  it('keeps consecutive records in one 課 (spaced differently too) as one posting under the latest 部', () => {
    expect(
      postingsFromRecords([record('2019-04-01', '市民課'), record('2022-04-01', '市民課　', '市民生活部')]),
    ).toEqual([{ from: '2019-04', to: null, department: '市民課', division: '市民生活部' }]);
  });

  it('counts a typed posting only when it ended before the first record; everything without records', () => {
    const first = firstRecordMonth([record('2019-04-01', '市民課')]);
    expect(first).toBe('2019-04');
    expect(countsBeforeRecords({ to: '2019-03' }, first)).toBe(true);
    expect(countsBeforeRecords({ to: '2019-04' }, first)).toBe(false);
    expect(countsBeforeRecords({ to: null }, first)).toBe(false);
    expect(countsBeforeRecords({ to: null }, firstRecordMonth([]))).toBe(true);
  });
});
