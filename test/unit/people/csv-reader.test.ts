import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv } from '../../../src/people/csv-reader.ts';

// Shift_JIS (CP932) codes of the characters these tests use, as Japanese Excel writes them.
const SJIS: Record<string, number[]> = {
  職: [0x90, 0x45],
  員: [0x88, 0xf5],
  番: [0x94, 0xd4],
  号: [0x8d, 0x86],
  層: [0x91, 0x77],
  主: [0x8e, 0xe5],
  事: [0x8e, 0x96],
  級: [0x8b, 0x89],
  常: [0x8f, 0xed],
  勤: [0x8b, 0xce],
  課: [0x89, 0xdb],
  '①': [0x87, 0x40],
  髙: [0xee, 0xe0],
};

function shiftJis(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else if (SJIS[char]) bytes.push(...SJIS[char]);
    else throw new Error(`no Shift_JIS code for ${char} in the test table`);
  }
  return Uint8Array.from(bytes);
}

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/people/${name}`, import.meta.url)));

describe('decodeCsvBytes', () => {
  it('reads UTF-8 without a BOM', () => {
    const decoded = decodeCsvBytes(new TextEncoder().encode('職員番号,職層\nK1,主事級\n'));
    expect(decoded).toEqual({ text: '職員番号,職層\nK1,主事級\n', encoding: 'utf-8' });
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('職層\n主事級')]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: '職層\n主事級', encoding: 'utf-8-bom' });
  });

  it('falls back to Shift_JIS (CP932, NEC and IBM extensions included) when the bytes are not UTF-8', () => {
    const decoded = decodeCsvBytes(shiftJis('職員番号,職層,課\r\nK1,主事級,髙①課\r\n'));
    expect(decoded).toEqual({ text: '職員番号,職層,課\r\nK1,主事級,髙①課\r\n', encoding: 'shift_jis' });
  });

  it('reads the Shift_JIS fixture written by Excel', () => {
    const decoded = decodeCsvBytes(fixture('levels-good.sjis.csv'));
    expect(decoded?.encoding).toBe('shift_jis');
    expect(decoded?.text.split('\r\n')[0]).toBe('職員番号,氏名,職層,雇用形態,採用日,部,所属,発令日');
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS', () => {
    expect(decodeCsvBytes(Uint8Array.from([0x41, 0x82, 0x20, 0xff, 0xfe]))).toBeUndefined();
  });

  it('refuses a BOM followed by bytes that are not UTF-8 instead of guessing', () => {
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...shiftJis('職層')]))).toBeUndefined();
  });
});

describe('parseCsv', () => {
  it('splits records and fields with CRLF, LF and CR line ends', () => {
    const parsed = parseCsv('a,b\r\n1,2\n3,4\r5,6');
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
        { line: 3, fields: ['3', '4'] },
        { line: 4, fields: ['5', '6'] },
      ],
    });
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields, and numbers lines from the start of each record', () => {
    const parsed = parseCsv('所属,備考\r\n"総務部,職員課","He said ""hi""\r\nand left"\r\n次,x\r\n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['所属', '備考'] },
        { line: 2, fields: ['総務部,職員課', 'He said "hi"\r\nand left'] },
        { line: 4, fields: ['次', 'x'] },
      ],
    });
  });

  it('drops rows Excel leaves as bare commas, and keeps empty fields inside real rows', () => {
    const parsed = parseCsv('a,b,c\n1,,3\n,,\n\n4,5,\n');
    expect(parsed.ok && parsed.records.map((record) => record.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['4', '5', ''],
    ]);
    expect(parsed.ok && parsed.records.map((record) => record.line)).toEqual([1, 2, 5]);
  });

  it('reports an unclosed quote with the line it opened on', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({ ok: false, line: 2, problem: 'unterminated_quote' });
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('')).toEqual({ ok: true, records: [] });
  });
});
