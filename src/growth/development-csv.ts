// The 育成 roll-up's supervisors as a CSV table (GET /api/hr/development.csv), labelled in Japanese or
// English like HR's other exports (src/analytics/analytics.csv-tables.ts); csvResult adds the BOM.
import type { CsvCell } from '../shared/csv.ts';
import { personCsvCells, personCsvHeader } from './person-csv.ts';
import type { DevelopmentRollUp } from './development.contract.ts';

const LABELS = {
  ja: {
    directReports: '直属の部下数',
    goalComments: '目標へのコメント',
    selfCheckComments: '自己チェックへのコメント',
    interviews: '面談（実施）',
    oneOnOnes: '1on1（実施）',
    recommendations: '研修の推薦',
    reportComments: '研修報告へのコメント',
    ojtGuidance: 'OJTの指導',
  },
  en: {
    directReports: 'Direct reports',
    goalComments: 'Goal comments',
    selfCheckComments: 'Self-check comments',
    interviews: 'Interviews held',
    oneOnOnes: '1:1s held',
    recommendations: 'Training recommendations',
    reportComments: 'Report comments',
    ojtGuidance: 'OJT guidance',
  },
} as const;

export function developmentCsv(
  rollUp: DevelopmentRollUp,
  lang: 'ja' | 'en',
): { name: string; header: string[]; rows: CsvCell[][] } {
  const l = LABELS[lang];
  return {
    name: `development-${rollUp.fiscalYear}`,
    header: [
      ...personCsvHeader(lang),
      l.directReports,
      l.goalComments,
      l.selfCheckComments,
      l.interviews,
      l.oneOnOnes,
      l.recommendations,
      l.reportComments,
      l.ojtGuidance,
    ],
    rows: rollUp.supervisors.map((row) => [
      ...personCsvCells(row),
      row.directReports,
      row.goalComments,
      row.selfCheckComments,
      row.interviews,
      row.oneOnOnes,
      row.recommendations,
      row.reportComments,
      row.ojtGuidance,
    ]),
  };
}
