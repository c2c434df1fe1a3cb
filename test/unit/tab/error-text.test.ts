import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../tab/src/api/client.ts';
import en from '../../../tab/src/i18n/en.json' with { type: 'json' };
import ja from '../../../tab/src/i18n/ja.json' with { type: 'json' };
import { describeError } from '../../../tab/src/shell/error-text.ts';

/** A stand-in for i18next's t over one language's messages (dotted keys, defaultValue). */
function translate(messages: Record<string, unknown>) {
  return (key: string, options?: { defaultValue: string }) => {
    const value = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    return typeof value === 'string' ? value : (options?.defaultValue ?? key);
  };
}

describe('error text in the UI language', () => {
  const conflict = new ApiError(
    409,
    'version_conflict',
    'Someone changed this goal in the meantime.',
    'req-1',
  );

  it('says in Japanese what a known error code means, never the English server text', () => {
    const text = describeError(conflict, 'ja', translate(ja));
    expect(text).toBe(ja.apiError.version_conflict);
    expect(text).not.toContain('Someone');
  });

  it('falls back to a general Japanese sentence for a code it does not know, and for network failures', () => {
    const odd = new ApiError(418, 'teapot', 'I am a teapot', undefined);
    expect(describeError(odd, 'ja', translate(ja))).toBe(ja.apiError.unknown);
    expect(describeError(new TypeError('Failed to fetch'), 'ja', translate(ja))).toBe(ja.apiError.network);
  });

  it('keeps the specific server message in English', () => {
    expect(describeError(conflict, 'en', translate(en))).toBe('Someone changed this goal in the meantime.');
  });

  it('has a Japanese sentence for every error code the API can answer with', async () => {
    const { ERROR_STATUS } = await import('../../../src/http/app-error.ts');
    for (const code of Object.keys(ERROR_STATUS)) expect(ja.apiError, code).toHaveProperty(code);
  });
});
