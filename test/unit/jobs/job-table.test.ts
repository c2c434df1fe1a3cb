import type { PgBoss } from 'pg-boss';
import { describe, expect, it } from 'vitest';
import { job, registerJobs, type JobDeclaration } from '../../../src/jobs/job-table.ts';
import type { JobQueue } from '../../../src/jobs/queue.ts';

/** A queue that records what was asked of it, in order; `existing` are queues an earlier release made. */
function recordingQueue(existing: string[] = []) {
  const calls: string[] = [];
  const boss = {
    createQueue: async (name: string, options: { policy?: string }) =>
      void calls.push(`createQueue ${name} ${options.policy ?? ''}`.trim()),
    getQueue: async (name: string) => (existing.includes(name) ? { name } : null),
    unschedule: async (name: string) => void calls.push(`unschedule ${name}`),
    schedule: async (name: string, cron: string, _data: object, options: { tz: string }) =>
      void calls.push(`schedule ${name} ${cron} ${options.tz}`),
  };
  const queue = {
    boss: boss as unknown as PgBoss,
    define: async (name: string, options?: { retryLimit?: number }) =>
      void calls.push(`define ${name} ${options?.retryLimit ?? 'default'}`),
    work: async (name: string) => void calls.push(`work ${name}`),
    send: async (name: string, _data: object, options?: { singletonKey?: string }) => {
      calls.push(`send ${name} ${options?.singletonKey ?? ''}`.trim());
      return 'id';
    },
    isHealthy: async () => true,
    stop: async () => undefined,
  } satisfies JobQueue;
  return { queue, calls };
}

const noop = async () => undefined;

describe('registerJobs', () => {
  it('creates every queue, then sends the startup jobs, then starts the workers, then schedules in Japan time', async () => {
    const { queue, calls } = recordingQueue();
    await registerJobs(queue, [
      job({
        queue: 'a',
        create: { retryLimit: 3, retryDelaySeconds: 60 },
        handler: noop,
        schedule: '0 * * * *',
        atStartup: { options: { singletonKey: 'startup' } },
      }),
      job({ queue: 'b', create: { boss: { policy: 'short' } }, handler: noop, schedule: '* * * * *' }),
      job({ queue: 'c', handler: noop }),
    ]);
    expect(calls).toEqual([
      'define a 3',
      'createQueue b short',
      'define c default',
      'send a startup',
      'work a',
      'work b',
      'work c',
      'schedule a 0 * * * * Asia/Tokyo',
      'schedule b * * * * * Asia/Tokyo',
    ]);
  });

  it('removes a retired queue’s schedule and still serves it, only where an earlier release made it', async () => {
    const retired: JobDeclaration = job({ queue: 'old', retired: true, handler: noop });
    const earlier = recordingQueue(['old']);
    await registerJobs(earlier.queue, [retired]);
    expect(earlier.calls).toEqual(['unschedule old', 'work old']);

    const fresh = recordingQueue();
    await registerJobs(fresh.queue, [retired]);
    expect(fresh.calls).toEqual([]);
  });

  it('refuses a queue declared twice before touching any', async () => {
    const { queue, calls } = recordingQueue();
    await expect(
      registerJobs(queue, [job({ queue: 'a', handler: noop }), job({ queue: 'a', handler: noop })]),
    ).rejects.toThrow('job queue a is declared twice');
    expect(calls).toEqual([]);
  });
});
