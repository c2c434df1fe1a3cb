import { describe, expect, it } from 'vitest';
import { csvAttachment, csvCell, csvResult, toCsv } from '../../../src/shared/csv.ts';

describe('CSV helper', () => {
  it('starts the file with a UTF-8 BOM and ends every line with CRLF, so Excel opens Japanese text', () => {
    const csv = toCsv(['課', '人数'], [['職員課', 11]]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF課,人数\r\n職員課,11\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes fields with commas, quotes and line breaks as RFC 4180 says, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('line1\r\nline2')).toBe('"line1\r\nline2"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('neutralises text that starts like a formula, half- or full-width, but leaves numbers alone', () => {
    for (const start of ['=', '+', '-', '@', '\t', '＝', '＋', '－', '＠']) {
      expect(csvCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    }
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes null, undefined and non-finite numbers as empty cells', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[null, undefined, Number.NaN, true]])).toBe(
      '\uFEFFa,b,c,d\r\n,,,true\r\n',
    );
  });

  it('names the download in ASCII and exactly (RFC 5987) in Content-Disposition', () => {
    expect(csvAttachment('研修 2026')).toBe(
      `attachment; filename="__ 2026.csv"; filename*=UTF-8''%E7%A0%94%E4%BF%AE%202026.csv`,
    );
    const result = csvResult('x.csv', ['h'], []);
    expect(result.contentType).toBe('text/csv; charset=utf-8');
    expect(result.headers['Content-Disposition']).toContain('filename="x.csv"');
  });
});
