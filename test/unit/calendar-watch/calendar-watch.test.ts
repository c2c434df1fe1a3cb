import { describe, expect, it } from 'vitest';
import type {
  CalendarWatchStore,
  SubscriptionRow,
} from '../../../src/calendar-watch/calendar-watch.store.ts';
import {
  createCalendarWatch,
  isSameSecret,
  RENEW_BEFORE_MS,
  SUBSCRIPTION_LIFETIME_MS,
  type CalendarWatchOptions,
} from '../../../src/calendar-watch/calendar-watch.service.ts';
import type { GraphSubscriptions, NewSubscription } from '../../../src/graph/graph-subscriptions.ts';
import { captureLogs, testLogger } from '../../support/logger.ts';

const TENANT = '11111111-2222-3333-4444-555555555555';
const DAY = 24 * 60 * 60_000;

/** The store, in memory, with the same conflict rule as the table (one subscription per mailbox). */
function memoryStore(rows: SubscriptionRow[] = []): CalendarWatchStore & { rows: SubscriptionRow[] } {
  const links = new Map<
    string,
    { deltaLink: string; windowStart: Date; windowEnd: Date; updatedAt: Date; mailbox: string }
  >();
  const store = {
    rows,
    subscriptions: async () => [...store.rows],
    subscription: async (id: string) => store.rows.find((row) => row.id === id),
    subscriptionsById: async (ids: string[]) => store.rows.filter((row) => ids.includes(row.id)),
    record: async (row: Omit<SubscriptionRow, 'createdAt' | 'renewedAt'>, replaces?: string) => {
      if (replaces) store.rows = store.rows.filter((candidate) => candidate.id !== replaces);
      if (store.rows.some((candidate) => candidate.mailbox === row.mailbox)) return false;
      store.rows.push({ ...row, createdAt: new Date(), renewedAt: null });
      return true;
    },
    renewed: async (id: string, expiresAt: Date, at: Date) => {
      const row = store.rows.find((candidate) => candidate.id === id)!;
      row.expiresAt = expiresAt;
      row.renewedAt = at;
    },
    forget: async (id: string) => {
      store.rows = store.rows.filter((row) => row.id !== id);
    },
    deltaLink: async (mailbox: string) => links.get(mailbox),
    saveDeltaLink: async (
      mailbox: string,
      deltaLink: string,
      window: { start: Date; end: Date },
      at: Date,
    ) => {
      links.set(mailbox, {
        mailbox,
        deltaLink,
        windowStart: window.start,
        windowEnd: window.end,
        updatedAt: at,
      });
    },
    dropDeltaLink: async (mailbox: string) => {
      links.delete(mailbox);
    },
    forgetDeltaLink: async (mailbox: string) => {
      links.delete(mailbox);
    },
  };
  return store;
}

/** Graph's subscriptions, in memory: what the watch created, renewed and removed. */
function fakeGraph(
  now: () => Date,
  gone = new Set<string>(),
  lost = new Set<string>(),
  known: string[] = [],
) {
  let next = 0;
  const held = new Set(known);
  const calls = { created: [] as NewSubscription[], renewed: [] as string[], removed: [] as string[] };
  const graph: GraphSubscriptions = {
    create: async (subscription) => {
      calls.created.push(subscription);
      next += 1;
      held.add(`sub-${next}`);
      return { id: `sub-${next}`, expiresAt: subscription.expirationDateTime };
    },
    renew: async (id, expirationDateTime) => {
      calls.renewed.push(id);
      return gone.has(id) ? null : { id, expiresAt: expirationDateTime };
    },
    remove: async (id) => {
      calls.removed.push(id);
      held.delete(id);
    },
    list: async () => [...held].filter((id) => !lost.has(id)),
    calendarDelta: async () => ({
      changes: [],
      deltaLink: `https://graph.test/delta?at=${now().toISOString()}`,
    }),
  };
  return { graph, calls };
}

function watchWith(overrides: Partial<CalendarWatchOptions> & Pick<CalendarWatchOptions, 'store' | 'graph'>) {
  const synced: string[] = [];
  const lifecycle: string[] = [];
  const watch = createCalendarWatch({
    logger: testLogger,
    now: () => new Date('2026-12-01T00:00:00Z'),
    tenantId: TENANT,
    endpoints: async () => ({
      notificationUrl: 'https://app.test/api/graph/notifications',
      lifecycleNotificationUrl: 'https://app.test/api/graph/lifecycle',
    }),
    wantedMailboxes: async () => [],
    maxSubscriptions: 100,
    reconcile: async () => 0,
    enqueueSync: async (mailbox) => {
      synced.push(mailbox);
    },
    enqueueLifecycle: async (id, event) => {
      lifecycle.push(`${id}:${event}`);
    },
    ...overrides,
  });
  return { watch, synced, lifecycle };
}

const row = (
  id: string,
  mailbox: string,
  expiresAt: Date,
  clientState = `secret-${id}`,
): SubscriptionRow => ({
  id,
  mailbox,
  resource: `users/${mailbox}/events`,
  clientState,
  expiresAt,
  createdAt: new Date(0),
  renewedAt: null,
});

describe('calendar watch', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  it('compares clientState secrets whole, whatever their lengths', () => {
    expect(isSameSecret('abc', 'abc')).toBe(true);
    expect(isSameSecret('abc', 'abd')).toBe(false);
    expect(isSameSecret('abc', 'abcd')).toBe(false);
    expect(isSameSecret('abc', null)).toBe(false);
  });

  it('queues nothing for a notification with an unknown subscription, a wrong clientState, or another or no tenant', async () => {
    const store = memoryStore([row('s1', 'kacho', new Date(now.getTime() + DAY))]);
    const { watch, synced } = watchWith({ store, graph: fakeGraph(() => now).graph });
    const result = await watch.accept('change', [
      { subscriptionId: 'nope', clientState: 'secret-s1', tenantId: TENANT, changeType: 'updated' },
      { subscriptionId: 's1', clientState: 'secret-s2', tenantId: TENANT, changeType: 'updated' },
      { subscriptionId: 's1', clientState: null, tenantId: TENANT, changeType: 'updated' },
      { subscriptionId: 's1', clientState: 'secret-s1', tenantId: 'another-tenant', changeType: 'updated' },
      { subscriptionId: 's1', clientState: 'secret-s1', changeType: 'updated' },
    ]);
    expect(result).toEqual({ accepted: 0, refused: 5 });
    expect(synced).toEqual([]);
  });

  it('queues one delta round per mailbox for the notifications it believes', async () => {
    const store = memoryStore([row('s1', 'kacho', new Date(now.getTime() + DAY))]);
    const { watch, synced } = watchWith({ store, graph: fakeGraph(() => now).graph });
    const item = {
      subscriptionId: 's1',
      clientState: 'secret-s1',
      tenantId: TENANT,
      changeType: 'updated' as const,
    };
    expect(await watch.accept('change', [item, item])).toEqual({ accepted: 2, refused: 0 });
    expect(synced).toEqual(['kacho']);
  });

  it('creates the missing, renews what expires within two days, recreates what Graph lost, deletes the unwanted', async () => {
    const soon = new Date(now.getTime() + RENEW_BEFORE_MS - 60_000);
    const later = new Date(now.getTime() + RENEW_BEFORE_MS + 60 * 60_000);
    const store = memoryStore([
      row('renew-me', 'a', soon),
      row('leave-me', 'b', later),
      row('lost', 'c', soon),
      row('unwanted', 'd', later),
    ]);
    const { graph, calls } = fakeGraph(() => now, new Set(['lost']), new Set(), [
      'renew-me',
      'leave-me',
      'lost',
      'unwanted',
    ]);
    const { watch, synced } = watchWith({ store, graph, wantedMailboxes: async () => ['a', 'b', 'c', 'e'] });
    const run = await watch.maintain();
    expect(run).toMatchObject({ created: 1, renewed: 1, recreated: 1, removed: 1, failed: 0, unwatched: 0 });
    expect(calls.renewed.sort()).toEqual(['lost', 'renew-me']);
    expect(calls.removed.sort()).toEqual(['lost', 'unwanted']);
    expect(calls.created.map((created) => created.resource).sort()).toEqual([
      'users/c/events',
      'users/e/events',
    ]);
    for (const created of calls.created) {
      expect(created.expirationDateTime.getTime()).toBe(now.getTime() + SUBSCRIPTION_LIFETIME_MS);
      expect(created.clientState.length).toBeGreaterThanOrEqual(32);
      expect(created.clientState.length).toBeLessThanOrEqual(128);
    }
    expect(calls.created[0]!.clientState).not.toBe(calls.created[1]!.clientState);
    // A new or recreated subscription is followed by a catch-up round.
    expect(synced.sort()).toEqual(['c', 'e']);
    expect(store.rows.find((candidate) => candidate.mailbox === 'a')!.expiresAt.getTime()).toBe(
      now.getTime() + SUBSCRIPTION_LIFETIME_MS,
    );
  });

  it('subscribes again for a mailbox whose subscription Graph no longer lists, and catches up', async () => {
    const store = memoryStore([row('vanished', 'kacho', new Date(now.getTime() + 5 * DAY))]);
    const { graph, calls } = fakeGraph(() => now, new Set(), new Set(['vanished']), ['vanished']);
    const { watch, synced } = watchWith({ store, graph, wantedMailboxes: async () => ['kacho'] });
    expect(await watch.maintain()).toMatchObject({ created: 0, recreated: 1, renewed: 0 });
    expect(calls.created.map((created) => created.resource)).toEqual(['users/kacho/events']);
    expect(store.rows.map((candidate) => candidate.id)).toEqual(['sub-1']);
    expect(synced).toEqual(['kacho']);
  });

  it('logs and counts the mailboxes past the limit instead of dropping them silently', async () => {
    const logs = captureLogs();
    const store = memoryStore();
    const { watch, synced } = watchWith({
      store,
      graph: fakeGraph(() => now).graph,
      logger: logs.logger,
      maxSubscriptions: 2,
      wantedMailboxes: async () => ['training', 'a', 'b', 'c'],
    });
    const run = await watch.maintain();
    expect(run.unwatched).toBe(2);
    expect(store.rows.map((candidate) => candidate.mailbox).sort()).toEqual(['a', 'training']);
    expect(logs.lines().some((line) => line.unwatched === 2 && line.limit === 2)).toBe(true);
    // Not dropped: the daily sweep still reads every one of them by delta.
    synced.length = 0;
    expect(await watch.sweep()).toBe(4);
    expect(synced.sort()).toEqual(['a', 'b', 'c', 'training']);
  });

  it('renews on reauthorizationRequired, resubscribes on subscriptionRemoved, catches up on missed', async () => {
    const store = memoryStore([row('s1', 'kacho', new Date(now.getTime() + DAY))]);
    const { graph, calls } = fakeGraph(() => now, new Set(), new Set(), ['s1']);
    const { watch, synced } = watchWith({ store, graph });
    await watch.handleLifecycle('s1', 'reauthorizationRequired');
    expect(calls.renewed).toEqual(['s1']);
    await watch.handleLifecycle('s1', 'missed');
    expect(synced).toEqual(['kacho']);
    await watch.handleLifecycle('s1', 'subscriptionRemoved');
    expect(store.rows.map((candidate) => candidate.id)).toEqual(['sub-1']);
    expect(synced).toEqual(['kacho', 'kacho']);
  });
});
