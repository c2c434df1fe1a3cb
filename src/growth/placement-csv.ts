// The 配置 workspace's 自己申告 as a CSV table (GET /api/hr/placement/declarations.csv), labelled in
// Japanese or English like HR's other exports (src/growth/development-csv.ts); csvResult adds the BOM.
import type { CsvCell } from '../shared/csv.ts';
import { personCsvCells, personCsvHeader } from './person-csv.ts';
import type { PlacementItem } from './placement.contract.ts';
import type { declarations } from './declaration.schema.ts';

const LABELS = {
  ja: {
    level: '職層',
    hireDate: '採用日',
    status: '状態',
    placement: '異動についての希望',
    wishes: ['第1希望', '第1希望の理由', '第2希望', '第2希望の理由', '第3希望', '第3希望の理由'],
    reflection: '資質・貢献度の振り返り',
    circumstances: '考慮してほしい事情',
    comment: '自由記述',
    path: 'キャリアの方向',
    pathField: '分野',
    submittedAt: '提出日時',
    revisedAt: '修正日時',
  },
  en: {
    level: 'Level',
    hireDate: 'Hire date',
    status: 'Status',
    placement: 'Placement wish',
    wishes: ['Wish 1', 'Wish 1 reason', 'Wish 2', 'Wish 2 reason', 'Wish 3', 'Wish 3 reason'],
    reflection: 'Reflection on qualities and contribution',
    circumstances: 'Circumstances',
    comment: 'Comment',
    path: 'Career path',
    pathField: 'Field',
    submittedAt: 'Submitted at',
    revisedAt: 'Revised at',
  },
} as const;

type Row = typeof declarations.$inferSelect;

export function placementCsv(
  fiscalYear: number,
  rows: ReadonlyArray<{ row: Row; item: PlacementItem }>,
  lang: 'ja' | 'en',
): { name: string; header: string[]; rows: CsvCell[][] } {
  const l = LABELS[lang];
  return {
    name: `declarations-${fiscalYear}`,
    header: [
      ...personCsvHeader(lang),
      l.level,
      l.hireDate,
      l.status,
      l.placement,
      ...l.wishes,
      l.reflection,
      l.circumstances,
      l.comment,
      l.path,
      l.pathField,
      l.submittedAt,
      l.revisedAt,
    ],
    rows: rows.map(({ row, item }) => [
      ...personCsvCells(item),
      item.levelId,
      item.hireDate,
      item.status,
      item.placement,
      ...[0, 1, 2].flatMap((index) => [
        row.transferWishes[index]?.department,
        row.transferWishes[index]?.reason,
      ]),
      row.reflection,
      row.circumstances,
      row.comment,
      item.path,
      item.pathField,
      item.submittedAt,
      item.revisedAt,
    ]),
  };
}
