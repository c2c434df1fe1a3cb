// One CSV writer for every export of the service (analytics tables, the audit log, people lists).
// Excel is what HR opens these files with, so three things matter beyond RFC 4180:
// - a UTF-8 byte order mark, without which Japanese Excel reads UTF-8 as Shift_JIS and shows mojibake;
// - CRLF line ends and quoting of fields holding a comma, a quote or a line break (RFC 4180);
// - text that starts like a formula (= + - @, a tab or a carriage return, and their full-width forms,
//   which Japanese Excel also evaluates) is prefixed with an apostrophe, so a value someone typed into
//   a report cannot run as a formula on HR's machine (CSV injection, OWASP).

/** What a cell may hold. null and undefined are empty cells; numbers are written as they are. */
export type CsvCell = string | number | boolean | null | undefined;

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as CSV text: neutralised if it could start a formula, quoted if RFC 4180 asks for it. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // A number is data, not text someone typed: -3 stays a number Excel can sum.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'boolean' ? String(value) : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: BOM, the header row, then one row per record, every line ended by CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${BOM}${lines.map((line) => `${line}\r\n`).join('')}`;
}

/**
 * A Content-Disposition header that downloads the file under `name`. The plain `filename` keeps to
 * ASCII (old clients); `filename*` carries the exact name, Japanese included (RFC 6266 / 5987).
 */
export function csvAttachment(name: string): string {
  const fileName = name.endsWith('.csv') ? name : `${name}.csv`;
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A route answer (see src/http/route.ts) carrying a CSV file to download. */
export function csvResult(name: string, header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>) {
  return {
    raw: toCsv(header, rows),
    contentType: CSV_CONTENT_TYPE,
    headers: { 'Content-Disposition': csvAttachment(name) },
  };
}
