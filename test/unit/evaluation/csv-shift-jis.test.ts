import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { shiftJisCsvResult, shiftJisSafe } from '../../../src/shared/csv-shift-jis.ts';

describe('CSV in Shift_JIS (Windows-31J)', () => {
  it('keeps 髙 and 﨑 and replaces what Windows-31J cannot hold with 〓', () => {
    expect(shiftJisSafe('髙橋 山﨑 𠮷田 ①')).toBe('髙橋 山﨑 〓田 ①');
  });

  it('writes no BOM, CRLF lines, and the Windows-31J bytes', () => {
    const result = shiftJisCsvResult('評価', ['氏名'], [['髙橋']]);
    const bytes = result.raw;
    expect(result.contentType).toBe('text/csv; charset=shift_jis');
    expect(bytes.subarray(0, 2).toString('hex')).not.toBe('efbb');
    expect(iconv.decode(bytes, 'shift_jis')).toBe('氏名\r\n髙橋\r\n');
    expect(bytes.includes(Buffer.from([0xfb, 0xfc]))).toBe(true);
  });
});
