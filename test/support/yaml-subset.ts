// A reader for the block-style subset of YAML our lifecycle files use (m365agents*.yml): nested
// mappings and sequences by indentation, plain and quoted scalars, comments. No YAML parser is among
// the project's dependencies; rather than guess at anything else (anchors, flow collections, block
// scalars, tags, several documents) it refuses it, naming the line, so a file it reads is read right.

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
  number: number;
}

export class YamlSubsetError extends Error {
  constructor(message: string, line?: Line) {
    super(line ? `line ${line.number}: ${message}` : message);
    this.name = 'YamlSubsetError';
  }
}

export function parseYamlSubset(source: string): YamlValue {
  const lines = toLines(source);
  if (lines.length === 0) return null;
  if (lines[0]!.indent !== 0) throw new YamlSubsetError('the document must start at column 0', lines[0]);
  const [value, next] = parseBlock(lines, 0, 0);
  if (next < lines.length) throw new YamlSubsetError('unexpected content', lines[next]);
  return value;
}

function toLines(source: string): Line[] {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    if (raw.includes('\t')) throw new YamlSubsetError('tabs are not allowed', lineAt(raw, index));
    const text = stripComment(raw).trimEnd();
    if (text.trim() === '') return;
    if (/^(---|\.\.\.)(\s|$)/.test(text)) {
      throw new YamlSubsetError('document markers are not supported', lineAt(raw, index));
    }
    lines.push({ indent: text.length - text.trimStart().length, text: text.trimStart(), number: index + 1 });
  });
  return lines;
}

function lineAt(raw: string, index: number): Line {
  return { indent: 0, text: raw, number: index + 1 };
}

/** Drops a comment: `#` at the start or after a space, outside quotes. */
function stripComment(raw: string): string {
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (i === 0 || raw[i - 1] === ' ')) {
      return raw.slice(0, i);
    }
  }
  return raw;
}

function isSequenceItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

function parseBlock(lines: Line[], start: number, indent: number): [YamlValue, number] {
  return isSequenceItem(lines[start]!.text)
    ? parseSequence(lines, start, indent)
    : parseMapping(lines, start, indent);
}

function parseSequence(lines: Line[], start: number, indent: number): [YamlValue[], number] {
  const items: YamlValue[] = [];
  let i = start;
  while (i < lines.length && lines[i]!.indent === indent && isSequenceItem(lines[i]!.text)) {
    const line = lines[i]!;
    const rest = line.text.slice(1).trimStart();
    if (rest === '') {
      const next = lines[i + 1];
      if (!next || next.indent <= indent) {
        items.push(null);
        i += 1;
      } else {
        const [value, after] = parseBlock(lines, i + 1, next.indent);
        items.push(value);
        i = after;
      }
      continue;
    }
    const column = indent + (line.text.length - rest.length);
    if (isSequenceItem(rest) || KEY_PATTERN.test(rest)) {
      // The item's first entry shares the dash's line: read it as if it started its own line.
      const virtual = [...lines];
      virtual[i] = { indent: column, text: rest, number: line.number };
      const [value, after] = parseBlock(virtual, i, column);
      items.push(value);
      i = after;
    } else {
      items.push(parseScalar(rest, line));
      i += 1;
    }
  }
  if (i < lines.length && lines[i]!.indent > indent) {
    throw new YamlSubsetError('unexpected indentation', lines[i]);
  }
  return [items, i];
}

const KEY_PATTERN = /^([A-Za-z_$][\w.\-/$]*|"[^"]*"|'[^']*')\s*:(\s+|$)/;

function parseMapping(lines: Line[], start: number, indent: number): [{ [key: string]: YamlValue }, number] {
  const mapping: { [key: string]: YamlValue } = {};
  let i = start;
  while (i < lines.length && lines[i]!.indent === indent && !isSequenceItem(lines[i]!.text)) {
    const line = lines[i]!;
    const match = KEY_PATTERN.exec(line.text);
    if (!match) throw new YamlSubsetError(`expected "key: value", found "${line.text}"`, line);
    const key = unquoteKey(match[1]!);
    if (Object.hasOwn(mapping, key)) throw new YamlSubsetError(`duplicate key "${key}"`, line);
    const rest = line.text.slice(match[0].length).trim();
    if (rest !== '') {
      mapping[key] = parseScalar(rest, line);
      i += 1;
      continue;
    }
    const next = lines[i + 1];
    if (next && next.indent > indent) {
      const [value, after] = parseBlock(lines, i + 1, next.indent);
      mapping[key] = value;
      i = after;
    } else if (next && next.indent === indent && isSequenceItem(next.text)) {
      // YAML lets a sequence under a key start at the key's own column.
      const [value, after] = parseSequence(lines, i + 1, indent);
      mapping[key] = value;
      i = after;
    } else {
      mapping[key] = null;
      i += 1;
    }
  }
  if (i < lines.length && lines[i]!.indent > indent) {
    throw new YamlSubsetError('unexpected indentation', lines[i]);
  }
  return [mapping, i];
}

function unquoteKey(key: string): string {
  return key.startsWith('"') || key.startsWith("'") ? key.slice(1, -1) : key;
}

function parseScalar(text: string, line: Line): YamlValue {
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new YamlSubsetError('unterminated string', line);
    return JSON.parse(text) as string;
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new YamlSubsetError('unterminated string', line);
    return text.slice(1, -1).replaceAll("''", "'");
  }
  if (/^[[{&*!|>%@`]/.test(text)) {
    throw new YamlSubsetError(`"${text}" uses YAML syntax this reader does not support`, line);
  }
  if (/:(\s|$)/.test(text)) throw new YamlSubsetError(`"${text}" needs quotes`, line);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}
