import { describe, expect, it } from 'vitest';
import { developmentCsv } from '../../../src/growth/development-csv.ts';
import { personCsvCells, personCsvHeader } from '../../../src/growth/person-csv.ts';

describe('the person columns of HR’s growth exports', () => {
  it('head 部, 課, 氏名, 職 in Japanese and say them in English', () => {
    expect(personCsvHeader('ja')).toEqual(['部', '課', '氏名', '職']);
    expect(personCsvHeader('en')).toEqual(['Division (部)', 'Section (課)', 'Name', 'Job title']);
  });

  it('give each heading its cell, an unknown one empty', () => {
    expect(
      personCsvCells({ division: '市民部', department: '市民課', displayName: '小平 花子', jobTitle: null }),
    ).toEqual(['市民部', '市民課', '小平 花子', null]);
  });

  it('hand out a header a caller may extend without changing the next one', () => {
    personCsvHeader('ja').push('extra');
    expect(personCsvHeader('ja')).toHaveLength(4);
  });

  it('start the 育成 roll-up’s rows, before its counts', () => {
    const csv = developmentCsv(
      {
        fiscalYear: 2026,
        supervisors: [
          {
            division: '市民部',
            department: '市民課',
            displayName: '小平 太郎',
            jobTitle: '課長',
            directReports: 3,
            goalComments: 1,
            selfCheckComments: 2,
            interviews: 4,
            oneOnOnes: 5,
            recommendations: 0,
            reportComments: 6,
            ojtGuidance: 7,
          },
        ],
      } as unknown as Parameters<typeof developmentCsv>[0],
      'ja',
    );
    expect(csv.header.slice(0, 5)).toEqual(['部', '課', '氏名', '職', '直属の部下数']);
    expect(csv.rows[0]?.slice(0, 5)).toEqual(['市民部', '市民課', '小平 太郎', '課長', 3]);
  });
});
