import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startM365Emulator, type M365Emulator } from '../../../src/dev/m365-emulator/index.ts';
import { seedOrganisation } from '../../../src/dev/m365-emulator/seed-organisation.ts';
import { createGraphClient, type GraphClient } from '../../../src/graph/graph-client.ts';
import { createGraphDirectory } from '../../../src/graph/graph-directory.ts';
import { GraphError } from '../../../src/graph/graph-errors.ts';
import { createFetch } from '../../../src/graph/https-fetch.ts';
import { createAppTokenProvider } from '../../../src/graph/token-providers.ts';
import { testLogger } from '../../support/logger.ts';
import type { ChangedStaff } from '../../../src/people/directory.port.ts';
import { emulatorEntraSettings, emulatorMicrosoftSettings } from '../../support/emulator-settings.ts';

describe('the seeded organisation', () => {
  const people = seedOrganisation().filter((person) => !person.isMailbox);

  it('is a realistic city hall: at least 60 staff in 3 部 and 6 課 with every level', () => {
    expect(people.length).toBeGreaterThanOrEqual(60);
    expect(new Set(people.map((person) => person.divisionName)).size).toBeGreaterThanOrEqual(3);
    expect(
      new Set(people.filter((person) => person.levelId !== 'bucho').map((person) => person.department)).size,
    ).toBeGreaterThanOrEqual(6);
    expect(new Set(people.map((person) => person.levelId))).toEqual(
      new Set(['bucho', 'kacho', 'kachoHosa', 'kakaricho', 'shunin', 'shuji', 'kaikeiNendo']),
    );
    expect(people.every((person) => /^\S+ \S+$/.test(person.displayName))).toBe(true);
  });

  it('has reporting lines: everyone but a 部長 has a manager who is in the organisation', () => {
    const ids = new Set(people.map((person) => person.id));
    for (const person of people) {
      if (person.levelId === 'bucho') expect(person.managerId).toBeNull();
      else expect(ids.has(person.managerId ?? ''), person.displayName).toBe(true);
    }
  });

  it('is the same on every run', () => {
    expect(seedOrganisation()).toEqual(seedOrganisation());
  });
});

describe('the Microsoft 365 emulator through the production Graph code', () => {
  let emulator: M365Emulator;
  let stateDir: string;
  let graph: GraphClient;
  const person = (levelId: string) => emulator.people.find((candidate) => candidate.levelId === levelId)!;
  const raw = () => createFetch(emulator.caCertPem);
  const appGraphClient = () =>
    createGraphClient({
      baseUrl: emulator.graphBaseUrl,
      getToken: createAppTokenProvider(emulatorEntraSettings(emulator)),
      caCertPem: emulator.caCertPem,
      retryDelaySeconds: 1,
    });

  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-m365-'));
    emulator = await startM365Emulator({ stateFile: path.join(stateDir, 'state.json') });
    graph = appGraphClient();
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('issues app tokens by client credentials and refuses a wrong secret', async () => {
    const token = await createAppTokenProvider(emulatorEntraSettings(emulator))();
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      aud: string;
      roles: string[];
      tid: string;
    };
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', tid: emulator.tenantId });
    expect(claims.roles).toContain('User.Read.All');
    await expect(
      createAppTokenProvider({
        ...emulatorEntraSettings(emulator),
        credential: { kind: 'secret', clientSecret: 'wrong' },
      })(),
    ).rejects.toThrow(/invalid_client|7000215/);
  });

  it('answers /me with an app token as Graph does: 400', async () => {
    await expect(graph.get('/me')).rejects.toMatchObject({ status: 400 });
  });

  it('serves users, managers and direct reports to the directory adapter', async () => {
    const directory = createGraphDirectory({
      microsoft: emulatorMicrosoftSettings(emulator),
      caCertPem: emulator.caCertPem,
      logger: testLogger,
    });
    const round = { staff: [] as ChangedStaff[], goneIds: [] as string[] };
    for (let link: string | null = null, first = true; first || link; first = false) {
      const page = await directory.readStaffPage(link);
      round.staff.push(...page.staff);
      round.goneIds.push(...page.goneIds);
      link = page.nextLink;
    }
    const everyone = round.staff;
    // The training department's shared mailbox (sign-in blocked, no licence) is not staff.
    expect(everyone.length).toBe(emulator.people.filter((candidate) => !candidate.isMailbox).length);
    expect(round.goneIds).toEqual(
      emulator.people.filter((candidate) => candidate.isMailbox).map((p) => p.id),
    );
    const kacho = person('kacho');
    const mine = everyone
      .filter((user) => user.managerId === kacho.id)
      .map((user) => user.id)
      .sort();
    expect(await directory.getDirectReportIds(kacho.id).then((ids) => ids.sort())).toEqual(mine);
    expect(await directory.getUser(person('shuji').id)).toMatchObject({
      jobTitle: '主事',
      managerId: person('shuji').managerId,
    });
    expect(await directory.getUser('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('returns only the default user properties without $select, as "List users" documents', async () => {
    const page = await graph.get<{ value: Array<Record<string, unknown>> }>('/users?$top=1');
    expect(
      Object.keys(page.value[0]!)
        .filter((key) => !key.startsWith('@odata'))
        .sort(),
    ).toEqual(
      [
        'businessPhones',
        'displayName',
        'givenName',
        'id',
        'jobTitle',
        'mail',
        'mobilePhone',
        'officeLocation',
        'preferredLanguage',
        'surname',
        'userPrincipalName',
      ].sort(),
    );
    const selected = await graph.get<{ value: Array<Record<string, unknown>> }>(
      '/users?$top=1&$select=department,accountEnabled',
    );
    expect(
      Object.keys(selected.value[0]!)
        .filter((key) => !key.startsWith('@odata'))
        .sort(),
    ).toEqual(['accountEnabled', 'department', 'id']);
  });

  it('filters users with eq by default and refuses advanced filters without ConsistencyLevel and $count', async () => {
    const members = await graph.getAll<{ id: string }>(
      "/users?$filter=accountEnabled eq true and userType eq 'Member'&$select=id",
    );
    expect(members).toHaveLength(emulator.people.filter((candidate) => !candidate.isMailbox).length);
    const advanced = '/users?$filter=assignedLicenses/$count ne 0&$select=id';
    await expect(graph.get(advanced)).rejects.toMatchObject({
      status: 400,
      code: 'Request_UnsupportedQuery',
    });
    await expect(graph.get("/users?$filter=userType ne 'Guest'")).rejects.toMatchObject({ status: 400 });
    const licensed = await graph.get<{ value: unknown[]; '@odata.count': number }>(
      `${advanced}&$count=true&$top=999`,
      { ConsistencyLevel: 'eventual' },
    );
    expect(licensed['@odata.count']).toBe(licensed.value.length);
    expect(licensed.value).toHaveLength(members.length);
  });

  it('tracks users with delta: $expand refused, changes only after the deltaLink, unknown tokens refused', async () => {
    await expect(graph.get('/users/delta?$expand=manager')).rejects.toMatchObject({ status: 400 });
    let page = await graph.get<{ value: unknown[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string }>(
      '/users/delta?$select=displayName,manager',
    );
    let count = page.value.length;
    while (page['@odata.nextLink']) {
      page = await graph.get(page['@odata.nextLink']);
      count += page.value.length;
    }
    expect(count).toBe(emulator.people.length);
    const deltaLink = page['@odata.deltaLink']!;
    const quiet = await graph.get<{ value: unknown[] }>(deltaLink);
    expect(quiet.value).toEqual([]);
    await expect(
      graph.get(deltaLink.replace(/deltatoken=[^&]+/, 'deltatoken=expired')),
    ).rejects.toMatchObject({ status: 400, code: 'syncStateNotFound' });
  });

  it('reports errors in OData format with request ids', async () => {
    const response = await raw()(`${emulator.graphBaseUrl}/users/nobody`, {
      headers: { authorization: `Bearer ${await createAppTokenProvider(emulatorEntraSettings(emulator))()}` },
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as {
      error: { code: string; message: string; innerError: { 'request-id': string } };
    };
    expect(body.error.code).toBe('Request_ResourceNotFound');
    expect(body.error.innerError['request-id']).toMatch(/-/);
    const anonymous = await raw()(`${emulator.graphBaseUrl}/users`);
    expect(anonymous.status).toBe(401);
  });

  it('enforces getSchedule limits and returns an availabilityView per mailbox', async () => {
    const organizer = person('kacho');
    const start = new Date();
    const window = (days: number) => ({
      startTime: { dateTime: start.toISOString().slice(0, 19), timeZone: 'UTC' },
      endTime: {
        dateTime: new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 19),
        timeZone: 'UTC',
      },
    });
    const mailboxes = emulator.people
      .filter((candidate) => !candidate.isMailbox)
      .map((candidate) => candidate.userPrincipalName);
    await expect(
      graph.post(`/users/${organizer.id}/calendar/getSchedule`, {
        schedules: mailboxes.slice(0, 21),
        ...window(1),
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      graph.post(`/users/${organizer.id}/calendar/getSchedule`, {
        schedules: mailboxes.slice(0, 2),
        ...window(62),
      }),
    ).rejects.toMatchObject({ status: 400 });
    const result = await graph.post<{
      value: Array<{
        scheduleId: string;
        availabilityView: string;
        scheduleItems: Array<{ status: string }>;
      }>;
    }>(
      `/users/${organizer.id}/calendar/getSchedule`,
      { schedules: mailboxes.slice(0, 20), ...window(14), availabilityViewInterval: 30 },
      { Prefer: 'outlook.timezone="Tokyo Standard Time"' },
    );
    expect(result.value).toHaveLength(20);
    for (const schedule of result.value) {
      expect(schedule.availabilityView).toMatch(/^[0-4]{672}$/);
      expect(schedule.scheduleItems.length).toBeGreaterThan(0);
    }
  });

  it('creates an event once per transactionId, with a Teams link, in both calendars; a decline and a cancel reach the other side', async () => {
    const organizer = person('kacho');
    const attendee = emulator.people.find((candidate) => candidate.managerId === organizer.id)!;
    const event = {
      subject: '面談（期首）',
      start: { dateTime: '2026-12-08T10:00:00', timeZone: 'Tokyo Standard Time' },
      end: { dateTime: '2026-12-08T10:30:00', timeZone: 'Tokyo Standard Time' },
      attendees: [{ emailAddress: { address: attendee.userPrincipalName }, type: 'required' }],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId: 'hagukumi-test-0001',
    };
    const first = await graph.post<{
      id: string;
      iCalUId: string;
      onlineMeeting: { joinUrl: string };
      start: { dateTime: string };
    }>(`/users/${organizer.id}/events`, event, { Prefer: 'outlook.timezone="Tokyo Standard Time"' });
    const again = await graph.post<{ id: string }>(`/users/${organizer.id}/events`, event);
    expect(again.id).toBe(first.id);
    expect(first.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(first.start.dateTime).toBe('2026-12-08T10:00:00.0000000');
    const copy = emulator.eventsOf(attendee.id).find((candidate) => candidate.iCalUId === first.iCalUId)!;
    expect(copy).toMatchObject({ isOrganizer: false, startUtc: '2026-12-08T01:00:00.000Z' });
    expect(
      emulator.eventsOf(organizer.id).filter((candidate) => candidate.transactionId === 'hagukumi-test-0001'),
    ).toHaveLength(1);

    await graph.post(`/users/${attendee.id}/events/${copy.id}/decline`, { sendResponse: true });
    const seen = await graph.get<{ attendees: Array<{ status: { response: string } }> }>(
      `/users/${organizer.id}/events/${first.id}`,
    );
    expect(seen.attendees[0]!.status.response).toBe('declined');

    await graph.post(`/users/${organizer.id}/events/${first.id}/cancel`, { comment: 'test' });
    expect(
      emulator.eventsOf(attendee.id).find((candidate) => candidate.iCalUId === first.iCalUId)?.isCancelled,
    ).toBe(true);
    await expect(graph.get(`/users/${organizer.id}/events/${first.id}`)).rejects.toBeInstanceOf(GraphError);
  });

  it('creates an event without a Teams meeting, 201, in a mailbox whose calendar does not allow Teams', async () => {
    const organizer = emulator.people.filter((candidate) => candidate.levelId === 'kakaricho')[1]!;
    const admin = await raw()(`${emulator.url}/_emulator/online-meeting-providers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mailbox: organizer.userPrincipalName, providers: [] }),
    });
    expect(admin.status).toBe(204);
    const created = await graph.post<{ isOnlineMeeting: boolean; onlineMeeting: unknown }>(
      `/users/${organizer.id}/events`,
      {
        subject: 'no Teams here',
        start: { dateTime: '2026-12-11T09:00:00', timeZone: 'Tokyo Standard Time' },
        end: { dateTime: '2026-12-11T09:30:00', timeZone: 'Tokyo Standard Time' },
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
      },
    );
    expect(created).toMatchObject({ isOnlineMeeting: false, onlineMeeting: null });
    // The seeded shared mailbox has no licence: no Teams meetings either, by default.
    const kenshu = emulator.people.find((candidate) => candidate.isMailbox)!;
    const shared = await graph.post<{ onlineMeeting: unknown }>(`/users/${kenshu.id}/events`, {
      subject: 'training',
      start: { dateTime: '2026-12-11T10:00:00', timeZone: 'Tokyo Standard Time' },
      end: { dateTime: '2026-12-11T11:00:00', timeZone: 'Tokyo Standard Time' },
      isOnlineMeeting: true,
    });
    expect(shared.onlineMeeting).toBeNull();
  });

  it('refuses what would take a mailbox over 30 messages a minute, one per recipient, with 429 and Retry-After', async () => {
    const organizer = emulator.people.filter((candidate) => candidate.levelId === 'kakaricho')[2]!;
    const others = emulator.people.filter(
      (candidate) => !candidate.isMailbox && candidate.id !== organizer.id,
    );
    const strict = createGraphClient({
      baseUrl: emulator.graphBaseUrl,
      getToken: createAppTokenProvider(emulatorEntraSettings(emulator)),
      caCertPem: emulator.caCertPem,
      maxRetries: 0,
    });
    const event = (subject: string, attendees: typeof others) => ({
      subject,
      start: { dateTime: '2026-12-14T09:00:00', timeZone: 'Tokyo Standard Time' },
      end: { dateTime: '2026-12-14T09:30:00', timeZone: 'Tokyo Standard Time' },
      attendees: attendees.map((attendee) => ({ emailAddress: { address: attendee.mail } })),
    });
    const refusedBefore = emulator.stats().sendingLimitRefusals;
    await strict.post(`/users/${organizer.id}/events`, event('thirty', others.slice(0, 30)));
    const refused = await strict
      .post(`/users/${organizer.id}/events`, event('one more', others.slice(30, 31)))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphError);
    expect((refused as GraphError).status).toBe(429);
    expect((refused as GraphError).retryAfterSeconds).toBeGreaterThan(0);
    expect(emulator.stats().sendingLimitRefusals).toBe(refusedBefore + 1);
    expect(
      emulator.eventsOf(organizer.id).filter((candidate) => candidate.subject === 'one more'),
    ).toHaveLength(0);
    // Without invitations nothing is sent: an event with no attendees is still created.
    await strict.post(`/users/${organizer.id}/events`, event('alone', []));
  });

  it('keeps created events across a restart with the same state file', async () => {
    const organizer = person('kakaricho');
    const created = await graph.post<{ id: string }>(`/users/${organizer.id}/events`, {
      subject: 'persist me',
      start: { dateTime: '2026-12-10T09:00:00', timeZone: 'Tokyo Standard Time' },
      end: { dateTime: '2026-12-10T09:30:00', timeZone: 'Tokyo Standard Time' },
    });
    await emulator.close();
    emulator = await startM365Emulator({ stateFile: path.join(stateDir, 'state.json') });
    graph = appGraphClient();
    await expect(
      graph.get<{ subject: string }>(`/users/${organizer.id}/events/${created.id}`),
    ).resolves.toMatchObject({ subject: 'persist me' });
  });

  it('runs $batch with dependsOn, refuses more than 20 requests, and the client splits big ones', async () => {
    const ids = emulator.people.slice(0, 3).map((candidate) => candidate.id);
    const results = await graph.batch([
      { id: 'a', method: 'GET', url: `/users/${ids[0]}` },
      { id: 'b', method: 'GET', url: `/users/${ids[1]}`, dependsOn: ['a'] },
      { id: 'c', method: 'GET', url: '/users/nobody', dependsOn: ['b'] },
    ]);
    expect(results.map((result) => result.status)).toEqual([200, 200, 404]);
    const many = emulator.people.slice(0, 45).map((candidate, index) => ({
      id: String(index),
      method: 'GET' as const,
      url: `/users/${candidate.id}?$select=id`,
    }));
    const before = emulator.stats().byPath['/$batch'] ?? 0;
    const answered = await graph.batch(many);
    expect(answered.every((result) => result.status === 200)).toBe(true);
    expect((emulator.stats().byPath['/$batch'] ?? 0) - before).toBe(3);
    const direct = await raw()(`${emulator.graphBaseUrl}/$batch`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await createAppTokenProvider(emulatorEntraSettings(emulator))()}`,
      },
      body: JSON.stringify({ requests: many.slice(0, 21) }),
    });
    expect(direct.status).toBe(400);
  });

  it('retries throttled requests inside a batch, honouring their Retry-After', async () => {
    const someone = person('shuji');
    emulator.faults.add({
      status: 429,
      retryAfterSeconds: 1,
      count: 2,
      pathPattern: '/calendarView',
      inBatch: true,
    });
    const started = Date.now();
    const results = await graph.batch([
      {
        id: '1',
        method: 'GET',
        url: `/users/${someone.id}/calendarView?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-02T00:00:00Z`,
      },
      { id: '2', method: 'GET', url: `/users/${someone.id}` },
    ]);
    expect(results.map((result) => result.status)).toEqual([200, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    emulator.faults.clear();
  });

  it('retries a throttled top-level request (SDK retry handler) and gives up after its limit', async () => {
    emulator.faults.add({
      status: 503,
      retryAfterSeconds: 1,
      count: 1,
      pathPattern: '/directReports',
      inBatch: false,
    });
    await expect(graph.getAll(`/users/${person('kacho').id}/directReports`)).resolves.not.toHaveLength(0);
    emulator.faults.add({ status: 429, retryAfterSeconds: 0, pathPattern: '/directReports', inBatch: false });
    await expect(graph.getAll(`/users/${person('kacho').id}/directReports`)).rejects.toMatchObject({
      status: 429,
    });
    emulator.faults.clear();
  });

  it('throttles a fifth concurrent request to one mailbox, like Outlook', async () => {
    const token = await createAppTokenProvider(emulatorEntraSettings(emulator))();
    const someone = person('shunin');
    // The admitted requests stay in flight until all six have arrived, however slow the machine is.
    const release = emulator.faults.hold();
    const before = emulator.stats().byPath['/users/{id}/events'] ?? 0;
    const answers = Promise.all(
      Array.from({ length: 6 }, () =>
        raw()(`${emulator.graphBaseUrl}/users/${someone.id}/events`, {
          headers: { authorization: `Bearer ${token}` },
        }).then((response) => response.status),
      ),
    );
    try {
      await vi.waitFor(() => expect(emulator.stats().byPath['/users/{id}/events'] ?? 0).toBe(before + 6), {
        timeout: 60_000,
      });
    } finally {
      release();
    }
    const statuses = await answers;
    expect(statuses.filter((status) => status === 200)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
  });

  it('keeps our Teams app per user: catalog id from the manifest id, install, 409 again, the chat; 404s as Graph', async () => {
    const user = emulator.people.find((candidate) => candidate.levelId === 'shunin')!;
    const catalog = await graph.get<{ value: Array<{ id: string; externalId: string }> }>(
      `/appCatalogs/teamsApps?$filter=externalId eq '${emulator.teamsApp.externalId}'`,
    );
    expect(catalog.value).toEqual([
      expect.objectContaining({ id: emulator.teamsApp.catalogId, externalId: emulator.teamsApp.externalId }),
    ]);
    expect(catalog.value[0]!.id).not.toBe(emulator.teamsApp.externalId);
    const base = `/users/${user.id}/teamwork/installedApps`;
    const bind = (id: string) => ({
      'teamsApp@odata.bind': `${emulator.graphBaseUrl}/appCatalogs/teamsApps/${id}`,
    });
    // The manifest id is not what Graph installs.
    await expect(graph.post(base, bind(emulator.teamsApp.externalId))).rejects.toMatchObject({ status: 404 });
    const listed = await graph.get<{ value: unknown[] }>(
      `${base}?$expand=teamsApp&$filter=teamsApp/id eq '${emulator.teamsApp.catalogId}'`,
    );
    expect(listed.value).toEqual([]);
    await graph.post(base, bind(emulator.teamsApp.catalogId));
    expect(emulator.teamsApp.isInstalledFor(user.id)).toBe(true);
    await expect(graph.post(base, bind(emulator.teamsApp.catalogId))).rejects.toMatchObject({ status: 409 });
    const [installation] = (
      await graph.get<{ value: Array<{ id: string; teamsApp: { id: string } }> }>(
        `${base}?$expand=teamsApp&$filter=teamsApp/id eq '${emulator.teamsApp.catalogId}'`,
      )
    ).value;
    expect(installation!.teamsApp.id).toBe(emulator.teamsApp.catalogId);
    expect(installation!.id).not.toBe(emulator.teamsApp.catalogId);
    const chat = await graph.get<{ id: string; chatType: string }>(
      `${base}/${encodeURIComponent(installation!.id)}/chat`,
    );
    expect(chat).toMatchObject({
      chatType: 'oneOnOne',
      id: expect.stringMatching(/^19:.+@unq\.gbl\.spaces$/) as unknown,
    });
    expect(emulator.teamsApp.memberOfChat(chat.id)).toBe(user.id);
    const other = emulator.people.find((candidate) => candidate.levelId === 'shuji')!;
    await expect(
      graph.get(`/users/${other.id}/teamwork/installedApps/${encodeURIComponent(installation!.id)}/chat`),
    ).rejects.toMatchObject({ status: 404 });
  });
});
