// A CSV writer for exports HR opens in Excel: UTF-8 with a BOM (Excel reads Japanese correctly only
// with it), RFC 4180 quoting and CRLF line ends, and cells that a spreadsheet would take for a formula
// neutralised with a leading apostrophe (OWASP "CSV injection").
// Kept in src/auth/ because src/analytics/csv.ts (the shared writer) did not exist when this was written.

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

/** One cell: neutralised when it could start a formula, quoted when it holds a comma, quote or line end. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: the header row, then the rows, each line ending in CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${BOM}${lines.map((line) => `${line}\r\n`).join('')}`;
}
