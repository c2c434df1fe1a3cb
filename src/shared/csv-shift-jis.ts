// A CSV file in Shift_JIS, for systems that read nothing else (the city's 人事給与 system, docs/evaluation.md).
// "Shift_JIS" here is Windows-31J (CP932), the table iconv-lite encodes and Japanese Windows reads: it
// holds the NEC and IBM extensions, so names such as 髙橋 and 山﨑 survive. A character it cannot hold
// (𠮷, U+20BB7, outside it) becomes 〓 (geta, the customary mark of a missing character): the file still
// loads, and the UTF-8 export keeps the exact name.
import iconv from 'iconv-lite';
import { csvAttachment, toCsv, type CsvCell } from './csv.ts';

export const SHIFT_JIS_CONTENT_TYPE = 'text/csv; charset=shift_jis';
export const SHIFT_JIS_REPLACEMENT = '〓';

const ENCODING = 'shift_jis';

/** `text` with each character Windows-31J cannot hold replaced by 〓 (ASCII is always held). */
export function shiftJisSafe(text: string): string {
  const held = new Map<string, boolean>();
  return text.replace(/[^\p{ASCII}]/gu, (character) => {
    let fits = held.get(character);
    if (fits === undefined) {
      fits = iconv.decode(iconv.encode(character, ENCODING), ENCODING) === character;
      held.set(character, fits);
    }
    return fits ? character : SHIFT_JIS_REPLACEMENT;
  });
}

/** A route answer carrying the CSV in Shift_JIS (no BOM: Shift_JIS has none). */
export function shiftJisCsvResult(
  name: string,
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvCell[]>,
) {
  const text = toCsv(header, rows).replace(/^\uFEFF/, '');
  return {
    raw: iconv.encode(shiftJisSafe(text), ENCODING),
    contentType: SHIFT_JIS_CONTENT_TYPE,
    headers: { 'Content-Disposition': csvAttachment(name) },
  };
}
