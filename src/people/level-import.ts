// HR's personnel file (職層・雇用形態・採用日・所属・発令日), checked row by row before anything is applied.
// Pure: the people it names and the framework's levels are handed in.
import type { CsvRecord } from './csv-reader.ts';
import type { LevelNames } from './level-mapping.ts';
import type { EmploymentType } from './people.contract.ts';
import type { ImportProblemCode } from './people-admin.contract.ts';

export const MAX_IMPORT_ROWS = 5000;
const MAX_TEXT = 100;

export type ImportColumn =
  | 'employeeId'
  | 'userPrincipalName'
  | 'displayName'
  | 'level'
  | 'employmentType'
  | 'hireDate'
  | 'division'
  | 'department'
  | 'effectiveFrom';

/** Accepted header names per column (compared after NFKC, without spaces, case-insensitive). */
export const COLUMN_NAMES: Record<ImportColumn, readonly string[]> = {
  employeeId: ['職員番号', '職員コード', '職員no', 'employeeid', 'employee_id'],
  userPrincipalName: ['メールアドレス', 'メール', 'upn', 'userprincipalname', 'email', 'mail'],
  displayName: ['氏名', '名前', 'displayname', 'name'],
  level: ['職層', '職級', 'level', 'levelid'],
  employmentType: ['雇用形態', '任用形態', 'employmenttype'],
  hireDate: ['採用日', '採用年月日', 'hiredate'],
  division: ['部', '部名', 'division'],
  department: ['所属', '課', '所属課', 'department'],
  effectiveFrom: ['発令日', '発令年月日', '適用日', 'effectivefrom', 'effectivedate'],
};

export interface ImportProblem {
  line: number;
  /** The column as the file names it; null for problems of the whole row or file. */
  column: string | null;
  code: ImportProblemCode;
  /** The offending value, cut short. */
  value?: string;
}

export interface KnownPerson {
  id: string;
  employeeId: string | null;
  userPrincipalName: string;
  mail: string | null;
}

export interface ImportRow {
  line: number;
  personId: string;
  levelId: string;
  employmentType: EmploymentType;
  hireDate: string | null;
  division: string | null;
  department: string | null;
  effectiveFrom: string;
}

const normaliseHeader = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const normaliseValue = (text: string) => text.normalize('NFKC').trim();
const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** YYYY-MM-DD from 2026-04-01, 2026/4/1, 2026.4.1 or 2026年4月1日; undefined unless a real date. */
export function parseDay(text: string): string | undefined {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(normaliseValue(text));
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  if (year < 1900 || year > 2200) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A framework level from its Japanese name (主事級 or 主事), its id or its English name. */
export function resolveLevel(levels: readonly LevelNames[], text: string): LevelNames | undefined {
  const wanted = normaliseValue(text).replace(/\s+/g, '');
  const short = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').replace(/級$/, '');
  return levels.find(
    (level) =>
      level.name.ja.normalize('NFKC').replace(/\s+/g, '') === wanted ||
      short(level.name.ja) === short(wanted) ||
      level.id.toLowerCase() === wanted.toLowerCase() ||
      level.name.en.toLowerCase() === normaliseValue(text).toLowerCase(),
  );
}

export function parseEmploymentType(text: string): EmploymentType | undefined {
  const value = normaliseValue(text).replace(/\s+/g, '').toLowerCase();
  if (['常勤', '常勤職員', '正規', '正職員', 'regular', 'full-time', 'fulltime'].includes(value))
    return 'regular';
  if (['会計年度任用職員', '会計年度任用', '会計年度', 'fiscalyear', 'fiscal-year'].includes(value))
    return 'fiscalYear';
  return undefined;
}

export type ValidationResult = { ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[] };

/**
 * Checks every row and reports every problem (not only the first): the file is applied whole or not at
 * all. `today` (YYYY-MM-DD, JST) stands in for an empty 発令日.
 */
export function validateImport(
  records: readonly CsvRecord[],
  context: { levels: readonly LevelNames[]; people: readonly KnownPerson[]; today: string },
): ValidationResult {
  const [header, ...data] = records;
  if (!header || data.length === 0)
    return { ok: false, problems: [{ line: 1, column: null, code: 'empty_file' }] };
  if (data.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      problems: [{ line: data[MAX_IMPORT_ROWS]!.line, column: null, code: 'too_many_rows' }],
    };

  // The header: every column known, none twice, a way to name the person and the level present.
  const problems: ImportProblem[] = [];
  const columns: Array<ImportColumn | undefined> = [];
  const seen = new Map<ImportColumn, number>();
  for (const [position, raw] of header.fields.entries()) {
    const name = normaliseHeader(raw.replace(/^\uFEFF/, ''));
    const column = (Object.keys(COLUMN_NAMES) as ImportColumn[]).find((candidate) =>
      COLUMN_NAMES[candidate].includes(name),
    );
    if (!column) {
      if (name !== '')
        problems.push({ line: header.line, column: raw, code: 'unknown_column', value: clip(raw) });
      columns.push(undefined);
      continue;
    }
    if (seen.has(column))
      problems.push({ line: header.line, column: raw, code: 'duplicate_column', value: clip(raw) });
    seen.set(column, position);
    columns.push(column);
  }
  if (!seen.has('employeeId') && !seen.has('userPrincipalName'))
    problems.push({ line: header.line, column: '職員番号', code: 'missing_column' });
  if (!seen.has('level')) problems.push({ line: header.line, column: '職層', code: 'missing_column' });
  if (problems.length > 0) return { ok: false, problems };

  const byEmployeeId = new Map<string, KnownPerson>();
  const byAddress = new Map<string, KnownPerson>();
  for (const person of context.people) {
    if (person.employeeId) byEmployeeId.set(normaliseValue(person.employeeId).toLowerCase(), person);
    byAddress.set(person.userPrincipalName.toLowerCase(), person);
    if (person.mail) byAddress.set(person.mail.toLowerCase(), person);
  }
  const headerName = (column: ImportColumn) => header.fields[seen.get(column)!]!.trim();

  const rows: ImportRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of data) {
    const before = problems.length;
    const problem = (column: ImportColumn | null, code: ImportProblemCode, value?: string) =>
      problems.push({
        line: record.line,
        column: column ? headerName(column) : null,
        code,
        ...(value !== undefined ? { value: clip(value) } : {}),
      });
    const extra = record.fields.slice(header.fields.length);
    if (record.fields.length < header.fields.length || extra.some((value) => value.trim() !== '')) {
      problem(null, 'wrong_column_count', String(record.fields.length));
      continue;
    }
    const value = (column: ImportColumn) => {
      const position = seen.get(column);
      return position === undefined ? '' : normaliseValue(record.fields[position] ?? '');
    };

    // Who: 職員番号 and/or the address; when both are given they must name the same person.
    const employeeId = value('employeeId');
    const address = value('userPrincipalName');
    let person: KnownPerson | undefined;
    if (!employeeId && !address)
      problem(seen.has('employeeId') ? 'employeeId' : 'userPrincipalName', 'missing_value');
    else {
      const byId = employeeId ? byEmployeeId.get(employeeId.toLowerCase()) : undefined;
      const byMail = address ? byAddress.get(address.toLowerCase()) : undefined;
      if (employeeId && !byId) problem('employeeId', 'unknown_person', employeeId);
      else if (address && !byMail) problem('userPrincipalName', 'unknown_person', address);
      else if (byId && byMail && byId.id !== byMail.id)
        problem('userPrincipalName', 'person_mismatch', address);
      else person = byId ?? byMail;
    }

    const levelText = value('level');
    const level = levelText ? resolveLevel(context.levels, levelText) : undefined;
    if (!levelText) problem('level', 'missing_value');
    else if (!level) problem('level', 'unknown_level', levelText);

    const typeText = value('employmentType');
    let employmentType: EmploymentType | undefined = level?.employmentType ?? 'regular';
    if (typeText) {
      employmentType = parseEmploymentType(typeText);
      if (!employmentType) problem('employmentType', 'bad_employment_type', typeText);
      else if (level?.employmentType && level.employmentType !== employmentType)
        problem('employmentType', 'employment_type_mismatch', typeText);
    }

    const dateOf = (column: ImportColumn): string | null | undefined => {
      const text = value(column);
      if (!text) return null;
      const day = parseDay(text);
      if (!day) problem(column, 'bad_date', text);
      return day;
    };
    const hireDate = dateOf('hireDate');
    const effective = dateOf('effectiveFrom');
    const effectiveFrom = effective === null ? context.today : effective;

    const textOf = (column: ImportColumn) => {
      const text = value(column);
      if (text.length > MAX_TEXT) problem(column, 'too_long', text);
      return text || null;
    };
    const division = textOf('division');
    const department = textOf('department');

    if (
      problems.length > before ||
      !person ||
      !level ||
      !employmentType ||
      !effectiveFrom ||
      hireDate === undefined
    )
      continue;
    const key = `${person.id}|${effectiveFrom}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      problem(null, 'duplicate_row', String(first));
      continue;
    }
    firstLineOf.set(key, record.line);
    rows.push({
      line: record.line,
      personId: person.id,
      levelId: level.id,
      employmentType,
      hireDate,
      division,
      department,
      effectiveFrom,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
