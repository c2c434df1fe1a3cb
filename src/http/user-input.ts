import { z } from 'zod';

// The shared building blocks of every input schema: text and whole numbers that come from outside
// (HTTP bodies, queries and paths, bot card submissions) and end up in PostgreSQL. They live in
// src/http, beside validation.ts and app-error.ts, because every slice already imports from there
// and the lint boundaries (eslint.config.js) let both src/** and bot/** import it; a slice-owned
// home would make the other slices reach into it.

/**
 * PostgreSQL refuses U+0000 in `text` and `jsonb` ("invalid byte sequence", "unsupported Unicode
 * escape sequence"), and JSON with an unpaired surrogate (`"\ud800"`) in `jsonb`; as `text` it would
 * be stored as U+FFFD, silently changed. Either way the person's text cannot be stored as written,
 * so it is refused at the edge with a message they can act on — never a 500 from the database.
 */
export const USER_TEXT_MESSAGE =
  '保存できない文字（NUL 文字、または壊れた文字）が含まれています。入力し直してください。 / ' +
  'Contains a character that cannot be stored (a NUL character or a broken, unpaired surrogate).';

const UNPAIRED_SURROGATE = /\p{Surrogate}/u;

/** True when PostgreSQL can store the text exactly as written. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value);
}

/**
 * Free text from outside: names, reasons, notes, search terms, record keys. Chain length rules as on
 * any string (`userText.max(200)`, `userText.trim().min(1)`); the refinement stays attached.
 */
export const userText = z.string().refine(isStorableText, { message: USER_TEXT_MESSAGE });

/** PostgreSQL `integer`: versions, counts, sizes and years are stored in it. */
export const PG_INTEGER_MIN = -2_147_483_648;
export const PG_INTEGER_MAX = 2_147_483_647;

/**
 * A whole number from outside that fits PostgreSQL `integer`; narrow it further as needed
 * (`dbInteger.min(1)` for a version read back). JSON allows 2147483648 and beyond; the database
 * would answer "integer out of range" with a 500.
 */
export const dbInteger = z.number().int().min(PG_INTEGER_MIN).max(PG_INTEGER_MAX);

/** The same bound for a number that arrives as text (a query string): `?version=2147483648`. */
export const dbIntegerFromText = z.coerce.number().int().min(PG_INTEGER_MIN).max(PG_INTEGER_MAX);
