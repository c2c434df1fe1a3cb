// The columns HR's growth exports (the 育成 roll-up, the 配置 自己申告) start each row with: who the row is
// about, labelled in Japanese or English like HR's other exports (src/analytics/analytics.csv-tables.ts).
import type { CsvCell } from '../shared/csv.ts';

const PERSON_LABELS = {
  ja: ['部', '課', '氏名', '職'],
  en: ['Division (部)', 'Section (課)', 'Name', 'Job title'],
} as const;

/** The person columns' headings: 部, 課, 氏名, 職. */
export const personCsvHeader = (lang: 'ja' | 'en'): string[] => [...PERSON_LABELS[lang]];

/** The person columns' cells, in the order of `personCsvHeader`. */
export const personCsvCells = (person: {
  division: string | null;
  department: string | null;
  displayName: string | null;
  jobTitle: string | null;
}): CsvCell[] => [person.division, person.department, person.displayName, person.jobTitle];
