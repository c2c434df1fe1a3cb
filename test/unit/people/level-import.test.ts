import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/people/csv-reader.ts';
import {
  parseDay,
  resolveLevel,
  validateImport,
  type KnownPerson,
} from '../../../src/people/level-import.ts';
import type { LevelNames } from '../../../src/people/level-mapping.ts';

const levels: LevelNames[] = [
  { id: 'kacho', name: { ja: '課長級', en: 'Section Chief level (Kacho)' }, employmentType: 'regular' },
  { id: 'shunin', name: { ja: '主任級', en: 'Senior Staff level (Shunin)' }, employmentType: 'regular' },
  { id: 'shuji', name: { ja: '主事級', en: 'Staff level (Shuji)' }, employmentType: 'regular' },
  {
    id: 'kaikeiNendo',
    name: { ja: '会計年度任用職員', en: 'Fiscal-year appointed staff' },
    employmentType: 'fiscalYear',
  },
];
const people: KnownPerson[] = [
  { id: 'p1', employeeId: 'K10001', userPrincipalName: 'one@city.example', mail: 'one@city.example' },
  { id: 'p2', employeeId: 'K10002', userPrincipalName: 'two@city.example', mail: null },
];

const validate = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error('test CSV does not parse');
  return validateImport(parsed.records, { levels, people, today: '2026-05-01' });
};

describe('parseDay', () => {
  it('reads the date forms Excel and people write', () => {
    expect(parseDay('2026-04-01')).toBe('2026-04-01');
    expect(parseDay('2026/4/1')).toBe('2026-04-01');
    expect(parseDay('２０２６年４月１日')).toBe('2026-04-01');
    expect(parseDay(' 2026.10.01 ')).toBe('2026-10-01');
  });

  it('refuses dates that do not exist', () => {
    expect(parseDay('2026/2/30')).toBeUndefined();
    expect(parseDay('2026/13/1')).toBeUndefined();
    expect(parseDay('R8.4.1')).toBeUndefined();
  });
});

describe('resolveLevel', () => {
  it("accepts the framework's Japanese names with or without 級, full-width forms, ids and English names", () => {
    expect(resolveLevel(levels, '主事級')?.id).toBe('shuji');
    expect(resolveLevel(levels, '主事')?.id).toBe('shuji');
    expect(resolveLevel(levels, ' 課長級 ')?.id).toBe('kacho');
    expect(resolveLevel(levels, 'kaikeiNendo')?.id).toBe('kaikeiNendo');
    expect(resolveLevel(levels, 'senior staff level (shunin)')?.id).toBe('shunin');
    expect(resolveLevel(levels, '主査級')).toBeUndefined();
  });
});

describe('validateImport', () => {
  it('turns a good file into rows, by employee id or address, with 発令日 defaulting to today', () => {
    const result = validate(
      [
        '職員番号,メールアドレス,職層,雇用形態,採用日,部,所属,発令日',
        'K10001,,主任級,常勤,2019/4/1,総務部,職員課,2026/4/1',
        ',TWO@city.example,会計年度任用職員,,2024-04-01,,保育課,',
      ].join('\n'),
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          personId: 'p1',
          levelId: 'shunin',
          employmentType: 'regular',
          hireDate: '2019-04-01',
          division: '総務部',
          department: '職員課',
          effectiveFrom: '2026-04-01',
        },
        {
          line: 3,
          personId: 'p2',
          levelId: 'kaikeiNendo',
          employmentType: 'fiscalYear',
          hireDate: '2024-04-01',
          division: null,
          department: '保育課',
          effectiveFrom: '2026-05-01',
        },
      ],
    });
  });

  it('reports every bad row with its line, column and reason, not just the first', () => {
    const result = validate(
      [
        'employeeId,level,employmentType,hireDate,effectiveFrom',
        'K99999,主事級,常勤,,',
        'K10001,主査級,常勤,,',
        'K10001,主事級,パート,,2026/4/1',
        'K10002,主事級,常勤,2026/13/1,',
        'K10002,主事級,会計年度任用職員,,2026/6/1',
        'K10001,主事級,常勤,,2026/7/1',
        'K10001,主事級,常勤,,2026-07-01',
        'K10002,主事級',
      ].join('\n'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { line: 2, column: 'employeeId', code: 'unknown_person', value: 'K99999' },
      { line: 3, column: 'level', code: 'unknown_level', value: '主査級' },
      { line: 4, column: 'employmentType', code: 'bad_employment_type', value: 'パート' },
      { line: 5, column: 'hireDate', code: 'bad_date', value: '2026/13/1' },
      { line: 6, column: 'employmentType', code: 'employment_type_mismatch', value: '会計年度任用職員' },
      { line: 8, column: null, code: 'duplicate_row', value: '7' },
      { line: 9, column: null, code: 'wrong_column_count', value: '2' },
    ]);
  });

  it('refuses a header without a way to name people, or with unknown or repeated columns', () => {
    const result = validate('氏名,職層,職層,好きな色\n山田,主事級,主事級,青');
    expect(result.ok === false && result.problems.map((problem) => problem.code)).toEqual([
      'duplicate_column',
      'unknown_column',
      'missing_column',
    ]);
  });

  it('refuses an employee id and an address that name different people', () => {
    const result = validate('職員番号,メールアドレス,職層\nK10001,two@city.example,主事級');
    expect(result.ok === false && result.problems[0]?.code).toBe('person_mismatch');
  });

  it('refuses a file with a header only', () => {
    expect(validate('職員番号,職層\n')).toEqual({
      ok: false,
      problems: [{ line: 1, column: null, code: 'empty_file' }],
    });
  });
});
