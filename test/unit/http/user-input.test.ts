import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  PG_INTEGER_MAX,
  PG_INTEGER_MIN,
  USER_TEXT_MESSAGE,
  dbInteger,
  dbIntegerFromText,
  isStorableText,
  userText,
} from '../../../src/http/user-input.ts';

describe('userText, the one schema for free text from outside', () => {
  it('accepts Japanese, emoji (paired surrogates), line breaks, tabs and the empty string', () => {
    for (const text of [
      '',
      '親の介護のため',
      '😀👨‍👩‍👧 𠮷野家',
      '一行目\r\n二行目\tタブ',
      'ｶﾀｶﾅ・全角　空白',
      '\u{10FFFF}',
    ]) {
      expect([text, userText.safeParse(text).success]).toEqual([text, true]);
    }
  });

  it('refuses NUL and unpaired surrogates anywhere in the text, with one message in Japanese and English', () => {
    const hostile = [
      '\u0000',
      'a\u0000',
      '前\u0000後',
      '\ud800',
      '\udfff',
      'a\ud83d',
      '\ude00b',
      '😀\ud800',
      '\udc00\ud800',
    ];
    for (const text of hostile) {
      const result = userText.safeParse(text);
      expect([JSON.stringify(text), result.success]).toEqual([JSON.stringify(text), false]);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([USER_TEXT_MESSAGE]);
    }
    expect(USER_TEXT_MESSAGE).toMatch(/保存できない文字/);
    expect(USER_TEXT_MESSAGE).toMatch(/cannot be stored/);
  });

  it('keeps the refinement through chained length rules, trims, optional, nullable and record keys', () => {
    const chained = [
      userText.max(10),
      userText.trim().min(1).max(10),
      userText.max(10).optional(),
      userText.max(10).nullable(),
      userText.min(1).max(10).default('x'),
    ];
    for (const schema of chained) expect(schema.safeParse('a\u0000').success).toBe(false);
    expect(userText.trim().min(1).parse('  あ  ')).toBe('あ');
    expect(userText.max(3).safeParse('あいうえ').success).toBe(false);
    const record = z.record(userText.max(64), userText.max(10));
    expect(record.safeParse({ ok: 'ok' }).success).toBe(true);
    expect(record.safeParse({ 'k\u0000': 'ok' }).success).toBe(false);
    expect(record.safeParse({ ok: '\ud800' }).success).toBe(false);
  });

  it('leaves the OpenAPI document as a plain string with its lengths (the refinement is server-side)', () => {
    expect(z.toJSONSchema(userText.trim().min(1).max(100))).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 100,
    });
  });

  it('agrees with isStorableText, which callers outside zod can use', () => {
    expect(isStorableText('𠮷')).toBe(true);
    expect(isStorableText('\u0000')).toBe(false);
    expect(isStorableText('\ud800')).toBe(false);
  });
});

describe('dbInteger, whole numbers that fit PostgreSQL integer', () => {
  it('accepts the range of integer and refuses one past either end, fractions and non-finite numbers', () => {
    expect(dbInteger.safeParse(PG_INTEGER_MAX).success).toBe(true);
    expect(dbInteger.safeParse(PG_INTEGER_MIN).success).toBe(true);
    for (const value of [PG_INTEGER_MAX + 1, PG_INTEGER_MIN - 1, 2 ** 53, 1.5, Number.NaN, Infinity]) {
      expect([value, dbInteger.safeParse(value).success]).toEqual([value, false]);
    }
  });

  it('keeps the bound under narrower rules and in the OpenAPI document', () => {
    expect(dbInteger.min(1).safeParse(2_147_483_648).success).toBe(false);
    expect(z.toJSONSchema(dbInteger.min(1))).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: PG_INTEGER_MAX,
    });
  });

  it('bounds numbers that arrive as text (query strings) the same way', () => {
    expect(dbIntegerFromText.min(1).parse('7')).toBe(7);
    for (const text of ['2147483648', '1e10', '1.5', 'x']) {
      expect([text, dbIntegerFromText.safeParse(text).success]).toEqual([text, false]);
    }
  });
});
