// Reading HR's CSV files: bytes → text → records. Pure; no native addons (TextDecoder knows Shift_JIS).

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis';

/**
 * Japanese Excel saves "CSV" as Shift_JIS (CP932) and "CSV UTF-8" with a BOM; other tools write UTF-8
 * without one. Strict UTF-8 first: Shift_JIS text with any kana or kanji is almost never valid UTF-8,
 * while plain ASCII reads the same either way. Undefined when the bytes are neither.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } | undefined {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // TextDecoder drops a leading BOM by itself (ignoreBOM: false).
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    if (hasBom) return undefined;
  }
  try {
    // WHATWG's "shift_jis" decoder is Windows-31J (CP932): NEC and IBM extensions such as ① and 髙 included.
    return { text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes), encoding: 'shift_jis' };
  } catch {
    return undefined;
  }
}

export interface CsvRecord {
  /** The line of the file the record starts on (1 = the first line). */
  line: number;
  fields: string[];
}

export type CsvParseResult =
  { ok: true; records: CsvRecord[] } | { ok: false; line: number; problem: 'unterminated_quote' };

/**
 * RFC 4180 records: fields in double quotes may hold commas, quotes ("") and line breaks; CRLF, LF and
 * CR all end a line. Records whose fields are all blank are dropped, because Excel writes ",,,," for rows
 * that were only formatted.
 */
export function parseCsv(text: string): CsvParseResult {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let index = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((value) => value.trim() !== '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
        index += 1;
        continue;
      }
      if (char === '\r' || char === '\n') {
        // A line break inside quotes is part of the field; count it for line numbers.
        const crlf = char === '\r' && text[index + 1] === '\n';
        field += crlf ? '\r\n' : char;
        index += crlf ? 2 : 1;
        line += 1;
        continue;
      }
      field += char;
      index += 1;
      continue;
    }
    if (char === '"' && field.trim() === '') {
      // An opening quote (spaces before it, as some tools write, are dropped).
      field = '';
      quoted = true;
      quoteLine = line;
      index += 1;
      continue;
    }
    if (char === ',') {
      fields.push(field);
      field = '';
      index += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += char;
    index += 1;
  }
  if (quoted) return { ok: false, line: quoteLine, problem: 'unterminated_quote' };
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}
