// The emulator's change notifications, against Microsoft's rules ("Receive change notifications through
// webhooks", "Reduce missing subscriptions and change notifications", "event: delta"), through the
// production Graph code. The listener is a small local server that records what reaches it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startM365Emulator, type M365Emulator } from '../../../src/dev/m365-emulator/index.ts';
import { createGraphClient, type GraphClient } from '../../../src/graph/graph-client.ts';
import { GraphError } from '../../../src/graph/graph-errors.ts';
import { createGraphSubscriptions, type GraphSubscriptions } from '../../../src/graph/graph-subscriptions.ts';
import { createAppTokenProvider } from '../../../src/graph/token-providers.ts';
import { emulatorEntraSettings } from '../../support/emulator-settings.ts';

type Mode = 'echo' | 'encoded' | 'json' | 'refuse';

describe('Graph change notifications in the emulator', () => {
  let emulator: M365Emulator;
  let graph: GraphClient;
  let subscriptions: GraphSubscriptions;
  let listener: Server;
  let base: string;
  let mode: Mode = 'echo';
  let received: Array<{ path: string; body: unknown }> = [];
  const now = new Date('2026-12-01T00:00:00Z');

  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => resolve(text));
    });

  beforeAll(async () => {
    listener = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const body = await read(req);
        const token = url.searchParams.get('validationToken');
        if (token !== null) {
          if (mode === 'refuse') return res.writeHead(500).end();
          if (mode === 'json')
            return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(token));
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          return res.end(mode === 'encoded' ? encodeURIComponent(token) : token);
        }
        received.push({ path: url.pathname, body: JSON.parse(body) as unknown });
        res.writeHead(202).end();
      })();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    base = `http://localhost:${(listener.address() as AddressInfo).port}`;
    emulator = await startM365Emulator({ now: () => now });
    graph = createGraphClient({
      baseUrl: emulator.graphBaseUrl,
      getToken: createAppTokenProvider(emulatorEntraSettings(emulator)),
      caCertPem: emulator.caCertPem,
      retryDelaySeconds: 1,
    });
    subscriptions = createGraphSubscriptions(graph);
  });
  beforeEach(() => {
    mode = 'echo';
    received = [];
    emulator.reset();
  });
  afterAll(async () => {
    await emulator?.close();
    await new Promise((resolve) => listener?.close(resolve));
  });

  const organizer = () => emulator.people.find((person) => person.levelId === 'kacho')!;
  const attendee = () => emulator.people.find((person) => person.managerId === organizer().id)!;
  const subscribe = (overrides: { minutes?: number; notificationUrl?: string } = {}) =>
    subscriptions.create({
      resource: `users/${organizer().id}/events`,
      changeType: 'created,updated,deleted',
      notificationUrl: overrides.notificationUrl ?? `${base}/notifications`,
      lifecycleNotificationUrl: `${base}/lifecycle`,
      expirationDateTime: new Date(now.getTime() + (overrides.minutes ?? 10_000) * 60_000),
      clientState: 'our-secret',
    });
  const createEvent = () =>
    graph.post<{ id: string }>(`/users/${organizer().id}/events`, {
      subject: '面談',
      start: { dateTime: '2026-12-02T01:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-12-02T01:30:00', timeZone: 'UTC' },
      attendees: [{ emailAddress: { address: attendee().userPrincipalName }, type: 'required' }],
    });

  it('creates a subscription only after the endpoint echoes the decoded token as text/plain', async () => {
    for (const refused of ['refuse', 'encoded', 'json'] as const) {
      mode = refused;
      const error = await subscribe().catch((caught: unknown) => caught);
      expect(error, refused).toBeInstanceOf(GraphError);
      expect((error as GraphError).status).toBe(400);
    }
    expect(emulator.subscriptions.all()).toEqual([]);
    mode = 'echo';
    const created = await subscribe();
    expect(emulator.subscriptions.all().map((subscription) => subscription.id)).toEqual([created.id]);
  });

  it('refuses an expiry past 10,080 minutes and a non-https endpoint; raises one under 45 minutes', async () => {
    await expect(subscribe({ minutes: 10_081 })).rejects.toMatchObject({ status: 400 });
    await expect(subscribe({ notificationUrl: 'http://example.com/notifications' })).rejects.toMatchObject({
      status: 400,
    });
    const short = await subscribe({ minutes: 5 });
    expect(short.expiresAt.getTime()).toBe(now.getTime() + 45 * 60_000);
    const renewed = await subscriptions.renew(short.id, new Date(now.getTime() + 7 * 24 * 60 * 60_000));
    expect(renewed?.expiresAt.getTime()).toBe(now.getTime() + 7 * 24 * 60 * 60_000);
    expect(
      await subscriptions.renew('no-such-subscription', new Date(now.getTime() + 60 * 60_000)),
    ).toBeNull();
  });

  it('posts a change notification with the clientState when an event of the mailbox changes', async () => {
    const created = await subscribe();
    const event = await createEvent();
    await emulator.subscriptions.settled();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      path: '/notifications',
      body: {
        value: [
          {
            subscriptionId: created.id,
            clientState: 'our-secret',
            changeType: 'created',
            tenantId: emulator.tenantId,
            resourceData: { id: event.id, '@odata.type': '#Microsoft.Graph.Event' },
          },
        ],
      },
    });
    // The attendee's answer changes the organizer's event: an `updated` notification.
    const copy = emulator.eventsOf(attendee().id).find((candidate) => !candidate.isOrganizer)!;
    await graph.post(`/users/${attendee().id}/events/${copy.id}/decline`, { sendResponse: true });
    await emulator.subscriptions.settled();
    expect(
      received.map((entry) => (entry.body as { value: Array<{ changeType: string }> }).value[0]!.changeType),
    ).toEqual(['created', 'updated']);
  });

  it('sends lifecycle events to the lifecycle URL; subscriptionRemoved ends the subscription', async () => {
    const created = await subscribe();
    emulator.subscriptions.sendLifecycle(created.id, 'missed');
    emulator.subscriptions.sendLifecycle(created.id, 'subscriptionRemoved');
    await emulator.subscriptions.settled();
    expect(received.map((entry) => entry.path)).toEqual(['/lifecycle', '/lifecycle']);
    expect(
      received.map(
        (entry) => (entry.body as { value: Array<{ lifecycleEvent: string }> }).value[0]!.lifecycleEvent,
      ),
    ).toEqual(['missed', 'subscriptionRemoved']);
    expect(emulator.subscriptions.all()).toEqual([]);
  });

  it('reports through calendarView delta what changed since the last round, and what was removed', async () => {
    const window = { start: new Date('2026-11-30T00:00:00Z'), end: new Date('2026-12-31T00:00:00Z') };
    const event = await createEvent();
    const first = await subscriptions.calendarDelta(organizer().id, { window });
    expect(first.changes.some((change) => change.eventId === event.id && !change.removed)).toBe(true);
    const quiet = await subscriptions.calendarDelta(organizer().id, { deltaLink: first.deltaLink });
    expect(quiet.changes).toEqual([]);
    const copy = emulator.eventsOf(attendee().id).find((candidate) => !candidate.isOrganizer)!;
    await graph.post(`/users/${attendee().id}/events/${copy.id}/tentativelyAccept`, { sendResponse: true });
    const answered = await subscriptions.calendarDelta(organizer().id, { deltaLink: quiet.deltaLink });
    expect(answered.changes).toHaveLength(1);
    const change = answered.changes[0]!;
    expect(change.removed ? [] : change.state.attendees.map((entry) => entry.response)).toEqual([
      'tentativelyAccepted',
    ]);
    await graph.delete(`/users/${organizer().id}/events/${event.id}`);
    const removed = await subscriptions.calendarDelta(organizer().id, { deltaLink: answered.deltaLink });
    expect(removed.changes).toEqual([{ eventId: event.id, removed: true }]);
  });
});
