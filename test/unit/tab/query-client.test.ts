import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../tab/src/api/client.ts';
import { createQueryClient, shouldRetry } from '../../../tab/src/data/query-client.ts';

// The tab's query defaults: a 4xx is the answer (asking again gets the same one), a 5xx or a lost
// connection may pass, a cancelled request was wanted no more, and focus never refetches in a Teams tab.
describe("the tab's query client", () => {
  const apiError = (status: number) => new ApiError(status, 'code', 'message', 'req-1');

  it('retries server errors and network failures at most twice', () => {
    expect(shouldRetry(0, apiError(503))).toBe(true);
    expect(shouldRetry(1, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(2, apiError(500))).toBe(false);
  });

  it('never retries a 4xx answer or a cancelled request', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) expect(shouldRetry(0, apiError(status))).toBe(false);
    expect(shouldRetry(0, new DOMException('aborted', 'AbortError'))).toBe(false);
  });

  it('does not refetch on focus or reconnect, and never retries a write', () => {
    const defaults = createQueryClient().getDefaultOptions();
    expect(defaults.queries?.refetchOnWindowFocus).toBe(false);
    expect(defaults.queries?.refetchOnReconnect).toBe(false);
    expect(defaults.queries?.retry).toBe(shouldRetry);
    expect(defaults.mutations?.retry).toBe(false);
  });
});
