import { describe, expect, it } from 'vitest';
import { withPollingCeiling } from '../../../src/jobs/queue.ts';

describe('a worker’s polling interval under the queue’s ceiling (JOB_POLL_INTERVAL_SECONDS)', () => {
  it('gives a worker without an interval the ceiling', () => {
    expect(withPollingCeiling(undefined, 0.5)).toEqual({ pollingIntervalSeconds: 0.5 });
    expect(withPollingCeiling({ batchSize: 10 }, 2)).toEqual({ batchSize: 10, pollingIntervalSeconds: 2 });
  });

  it('keeps a shorter declared interval and shortens a longer one', () => {
    expect(withPollingCeiling({ pollingIntervalSeconds: 1 }, 2)).toEqual({ pollingIntervalSeconds: 1 });
    expect(withPollingCeiling({ pollingIntervalSeconds: 1 }, 0.5)).toEqual({ pollingIntervalSeconds: 0.5 });
  });

  it('leaves the options as declared when no ceiling is set', () => {
    expect(withPollingCeiling(undefined, undefined)).toBeUndefined();
    expect(withPollingCeiling({ pollingIntervalSeconds: 5 }, undefined)).toEqual({
      pollingIntervalSeconds: 5,
    });
  });
});
