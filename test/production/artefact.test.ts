// Production mode, end to end (issue 14, docs/production.md): the artefact `npm run build` makes is copied
// into an empty folder, gets its production dependencies only, and runs with `node` in production mode
// against a fresh PostgreSQL database. The Microsoft 365 emulator runs as a separate process and stands
// where a tenant stands: the service reaches Entra ID, Graph and the Bot Framework only through the
// settings a sovereign cloud would use (host names, a CA in NODE_EXTRA_CA_CERTS), nothing stubbed.
// One server boot is shared by every case; the last one stops it with SIGTERM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_INPUTS_FILE, buildInputsDigest } from '../../scripts/build-app.ts';
import { REPORT_SUBMIT_VERB } from '../../bot/cards/report-card.ts';
import type { SeedPerson } from '../../src/dev/m365-emulator/index.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import type {
  BookingResponse,
  InterviewSummary,
  PlanResponse,
} from '../../src/interviews/interview.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../src/training/training.contract.ts';
import { createTestStore, scratchRoot, type TestStore } from '../support/backends.ts';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.ts';
import { officeWindow } from '../support/waiting.ts';
import { courseBody, sessionBody, until } from '../integration/training/training-support.ts';

const repo = path.resolve(import.meta.dirname, '../..');
/** The emulator's host names; `.ci/run` maps them to 127.0.0.1 in /etc/hosts (RFC 2606 reserves .test). */
const HOSTNAMES = ['login.m365.test', 'graph.m365.test', 'botframework.m365.test'] as const;
/** The Bot Framework connector's host (the fake connector, https with a certificate of the emulator's CA). */
const CONNECTOR_HOSTNAME = 'connector.m365.test';

/** Drops a role the test made, once its database is gone (as the server's superuser from TEST_DATABASE_URL). */
async function dropRole(role: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP ROLE IF EXISTS ${role}`);
  } finally {
    await client.end();
  }
}

async function whyNotRunnable(): Promise<string | undefined> {
  if (!process.env.TEST_DATABASE_URL)
    return 'TEST_DATABASE_URL is not set (production mode needs PostgreSQL)';
  for (const name of [...HOSTNAMES, CONNECTOR_HOSTNAME]) {
    const address = await lookup(name).catch(() => undefined);
    if (address?.address !== '127.0.0.1')
      return `${name} does not resolve to 127.0.0.1 (add "127.0.0.1 ${[...HOSTNAMES, CONNECTOR_HOSTNAME].join(' ')}" to /etc/hosts, as .ci/run does)`;
  }
  return undefined;
}

const skipReason = await whyNotRunnable();
if (skipReason && process.env.CI) throw new Error(`The production-mode test cannot run in CI: ${skipReason}`);
if (skipReason)
  console.warn(
    `\n*** SKIPPED: the production artefact test (test/production/artefact.test.ts): ${skipReason}. ***\n`,
  );

interface EmulatorInfo {
  tenantId: string;
  authorityHost: string;
  graphBaseUrl: string;
  app: { clientId: string; clientSecret: string; appIdUri: string };
  bot: { clientId: string; clientSecret: string; openIdMetadataUrl: string; tokenIssuer: string };
  trainingMailbox: string;
  caCertFile: string;
  control: string;
  tls: { certPem: string; keyPem: string };
}

/** A child process with its output kept, for the assertions and for a readable failure. */
interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Running {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(
  process_: Running,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(process_.output());
    if (match) return match;
    if (process_.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`no ${pattern} in the output:\n${process_.output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function runToEnd(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'pipe', encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/** dist/app when it is what a build would make now (`.ci/run` builds it once); otherwise a fresh build. */
function artefactFolder(scratch: string): string {
  const built = path.join(repo, 'dist', 'app');
  const stamp = path.join(built, BUILD_INPUTS_FILE);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === buildInputsDigest()) return built;
  const out = path.join(scratch, 'build');
  // The same script `npm run build` runs after the tab's build (which `npm ci` already made, as prepare).
  runToEnd(process.execPath, ['--import', 'tsx', 'scripts/build-app.ts', '--out', out], repo);
  return out;
}

// Each case may wait up to a minute for a background job (Outlook, the bot outbox) of the running service.
describe.skipIf(skipReason !== undefined)(
  'the production artefact, against the emulator as a tenant',
  { timeout: 90_000 },
  () => {
    let scratch: string;
    let appDir: string;
    let store: TestStore;
    let databaseUrls: { runtime: string; owner: string };
    let createdRoles: string[] = [];
    let emulatorProcess: Running;
    let emulator: EmulatorInfo;
    let connector: FakeConnector;
    let service: Running;
    let url: string;
    let people: SeedPerson[];
    /** The attendee's direct supervisor, who books the interview. */
    let kacho: SeedPerson;
    let attendee: SeedPerson;
    let hr: SeedPerson;

    const control = async <T>(method: string, pathname: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${emulator.control}${pathname}`, {
        method,
        ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
      if (!response.ok)
        throw new Error(`emulator control ${pathname}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const call = async (as: SeedPerson, method: string, pathname: string, body?: unknown) => {
      const { token } = await control<{ token: string }>('POST', '/sso-token', { user: as.id });
      const response = await fetch(`${url}${pathname}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const eventsOf = (mailbox: string) =>
      control<
        Array<{
          subject: string;
          iCalUId: string;
          onlineMeeting?: { joinUrl?: string } | null;
          attendees: unknown[];
        }>
      >('GET', `/events?mailbox=${encodeURIComponent(mailbox)}`);
    const query = async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => {
      const client = new pg.Client({ connectionString: store.databaseUrl });
      await client.connect();
      try {
        return (await client.query<T>(text, values)).rows;
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      // The production dependencies are 38,674 files: written to /dev/shm when it has room (backends.ts).
      scratch = mkdtempSync(path.join(scratchRoot(), 'hagukumi-production-'));
      const built = artefactFolder(scratch);
      // An empty folder, the artefact, and its production dependencies only, from npm's cache when it can.
      appDir = path.join(scratch, 'app');
      cpSync(built, appDir, {
        recursive: true,
        filter: (source) => !source.includes(`${path.sep}node_modules`),
      });
      runToEnd('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], appDir);

      emulatorProcess = run(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/m365-emulator.ts',
          '--hostnames',
          HOSTNAMES.join(','),
          '--ca-file',
          path.join(scratch, 'm365-ca.pem'),
          '--connector-hostname',
          CONNECTOR_HOSTNAME,
        ],
        { cwd: repo, env: { PATH: process.env.PATH } },
      );
      emulator = JSON.parse((await waitForOutput(emulatorProcess, /^\{.*\}$/m, 60_000))[0]) as EmulatorInfo;
      people = await control<SeedPerson[]>('GET', '/people');
      attendee = people.find((person) => person.levelId === 'shuji' && person.managerId)!;
      kacho = people.find((person) => person.id === attendee.managerId)!;
      hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
      connector = await startFakeConnector({ tls: { hostname: CONNECTOR_HOSTNAME, ...emulator.tls } });
      store = await createTestStore('postgres', { empty: true });
      // Two roles, as a city's DBA sets them up (docs/security.md, "Database roles"): the owner migrates,
      // the runtime role serves and may only read and add rows to the audit log.
      const roles = { owner: `hagukumi_owner_${randomBytes(5).toString('hex')}`, runtime: '' };
      roles.runtime = roles.owner.replace('owner', 'app');
      const rolePassword = randomBytes(12).toString('hex');
      await query(`CREATE ROLE ${roles.owner} LOGIN PASSWORD '${rolePassword}'`);
      await query(`CREATE ROLE ${roles.runtime} LOGIN PASSWORD '${rolePassword}'`);
      createdRoles = [roles.runtime, roles.owner];
      const databaseName = new URL(store.databaseUrl!).pathname.slice(1);
      await query(`ALTER DATABASE ${databaseName} OWNER TO ${roles.owner}`);
      await query(`REVOKE ALL ON DATABASE ${databaseName} FROM PUBLIC`);
      await query(`GRANT CONNECT ON DATABASE ${databaseName} TO ${roles.runtime}`);
      await query(`ALTER SCHEMA public OWNER TO ${roles.owner}`);
      const urlAs = (role: string) => {
        const roleUrl = new URL(store.databaseUrl!);
        roleUrl.username = role;
        roleUrl.password = rolePassword;
        return roleUrl.toString();
      };
      databaseUrls = { runtime: urlAs(roles.runtime), owner: urlAs(roles.owner) };

      // The environment a deployment has, and nothing of the test runner's: a working folder of its own.
      const workingFolder = mkdtempSync(path.join(scratch, 'cwd-'));
      service = run(process.execPath, [path.join(appDir, 'server', 'src', 'main.js')], {
        cwd: workingFolder,
        env: {
          APP_MODE: 'production',
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          DATABASE_URL: databaseUrls.runtime,
          DATABASE_MIGRATION_URL: databaseUrls.owner,
          BOT_SERVICE_URL_HOSTS: CONNECTOR_HOSTNAME,
          PUBLIC_URL: 'https://hagukumi.kodaira-demo.example',
          ENTRA_TENANT_ID: emulator.tenantId,
          ENTRA_CLIENT_ID: emulator.app.clientId,
          ENTRA_CLIENT_SECRET: emulator.app.clientSecret,
          ENTRA_APP_ID_URI: emulator.app.appIdUri,
          ENTRA_AUTHORITY_HOST: emulator.authorityHost,
          GRAPH_BASE_URL: emulator.graphBaseUrl,
          BOT_ID: emulator.bot.clientId,
          BOT_PASSWORD: emulator.bot.clientSecret,
          BOT_FRAMEWORK_OPENID_METADATA_URL: emulator.bot.openIdMetadataUrl,
          BOT_FRAMEWORK_TOKEN_ISSUER: emulator.bot.tokenIssuer,
          TRAINING_MAILBOX: emulator.trainingMailbox,
          // Node's own knob for trusting one more CA: fetch (undici), https, msal-node and jose all use it.
          NODE_EXTRA_CA_CERTS: emulator.caCertFile,
          SHUTDOWN_TIMEOUT_MS: '15000',
          SHUTDOWN_DRAIN_DELAY_MS: '1500',
        },
      });
      url = (
        await waitForOutput(service, /Hagukumi is ready \(production mode, postgres\): (http:\S+)/, 120_000)
      )[1]!;
      // The first directory sync runs as a job at start; every case below needs the reporting lines.
      await until(
        'the first directory sync',
        async () => ((await query('SELECT 1 FROM directory_syncs LIMIT 1')).length > 0 ? true : undefined),
        60_000,
      ).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}; the service said:\n${service.output()}`);
      });
    }, 600_000);

    afterAll(async () => {
      if (service?.child.exitCode === null) service.child.kill('SIGKILL');
      if (emulatorProcess?.child.exitCode === null) emulatorProcess.child.kill('SIGTERM');
      await connector?.close();
      await store?.dispose();
      for (const role of createdRoles) await dropRole(role);
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    it('runs from an empty folder with production dependencies only, without the local-mode code', async () => {
      for (const devOnly of ['typescript', 'tsx', 'vite', 'vitest', 'node-forge', 'react'])
        expect(existsSync(path.join(appDir, 'node_modules', devOnly)), devOnly).toBe(false);
      expect(existsSync(path.join(appDir, 'server', 'src', 'dev'))).toBe(false);
      expect(
        existsSync(path.join(appDir, 'server', 'src', 'db', 'migrations', 'meta', '_journal.json')),
      ).toBe(true);
      const live = await fetch(`${url}/api/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${url}/api/health/ready`);
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        database: { status: 'ok', kind: 'postgres' },
      });
      const tab = await fetch(`${url}/tab/`);
      expect(tab.status).toBe(200);
      expect(await tab.text()).toContain('<div id="root">');
      // No dev host in production: the root leads nowhere (local mode's redirect to /dev/ is not there).
      const root = await fetch(`${url}/`, { redirect: 'manual' });
      expect(root.status).toBe(404);
      expect((await fetch(`${url}/dev/`, { redirect: 'manual' })).status).toBe(404);
    });

    it('answers /api/me from the directory it synced over Graph, for an emulator-signed SSO token', async () => {
      const profile = await until(
        'the directory sync',
        async () => {
          const answer = await call(attendee, 'GET', '/api/me');
          return answer.status === 200 ? answer.body : undefined;
        },
        60_000,
      );
      expect(profile).toMatchObject({
        id: attendee.id,
        displayName: attendee.displayName,
        levelId: 'shuji',
        managerId: kacho.id,
      });
      const stranger = await fetch(`${url}/api/me`, { headers: { authorization: 'Bearer not-a-token' } });
      expect(stranger.status).toBe(401);
    });

    it('saves a self-check', async () => {
      const period = halfPeriodAt(new Date()).id;
      const saved = await call(attendee, 'PUT', `/api/people/me/self-checks/${period}`, {
        version: 0,
        ratings: { explanation: { rating: 3, evidence: '窓口で説明した' } },
        reflections: { diversity: '相手の立場で考えた' },
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ status: 'draft', version: 1 });
    });

    it('books an interview into both Outlook calendars with a Teams link', async () => {
      const window = officeWindow(10);
      const plan = { ...window, durationMinutes: 30, bufferMinutes: 10, minimumNoticeMinutes: 60 };
      const planned = await call(kacho, 'POST', '/api/interviews/plan', {
        personIds: [attendee.id],
        type: 'goalSetting',
        ...plan,
      });
      expect(planned.status, JSON.stringify(planned.body)).toBe(200);
      const proposal = planned.body as unknown as PlanResponse;
      expect(proposal.slots).toHaveLength(1);
      const booking = await call(kacho, 'POST', '/api/interviews/bookings', {
        idempotencyKey: randomUUID(),
        type: 'goalSetting',
        plan,
        slots: proposal.slots.map(({ personId, start, end }) => ({ personId, start, end })),
      });
      expect(booking.status).toBe(202);
      const [bookedId] = (booking.body as unknown as BookingResponse).interviews.map(
        (interview) => interview.id,
      );
      const interview = await until(
        'the interview in Outlook',
        async () => {
          const mine = (await call(kacho, 'GET', '/api/interviews?as=organizer'))
            .body as unknown as InterviewSummary[];
          return mine.find((candidate) => candidate.id === bookedId && candidate.status === 'booked');
        },
        60_000,
      );
      expect(interview.joinUrl).toMatch(/^https:\/\//);
      const organizerEvent = (await eventsOf(kacho.id)).find(
        (event) => event.onlineMeeting?.joinUrl === interview.joinUrl,
      );
      expect(organizerEvent?.subject).toContain('期首面談');
      const attendeeCopy = (await eventsOf(attendee.id)).find(
        (event) => event.iCalUId === organizerEvent!.iCalUId,
      );
      expect(attendeeCopy).toBeDefined();
    });

    let session: SessionView;
    let enrolment: EnrolmentView;

    it('puts a training session into the training mailbox', async () => {
      const course = (
        await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: '本番経路研修' } }))
      ).body as unknown as CourseView;
      session = (
        await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 5 }))
      ).body as unknown as SessionView;
      enrolment = (await call(attendee, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' }))
        .body as unknown as EnrolmentView;
      expect(
        (await call(hr, 'POST', `/api/training/enrolments/${enrolment.id}/confirm`, { version: 1 })).status,
      ).toBe(200);
      // The event is made when the session is; the confirmed attendee joins it on a later Outlook sync.
      const event = await until(
        'the session, with its attendee, in the training mailbox',
        async () =>
          (await eventsOf(emulator.trainingMailbox)).find(
            (candidate) =>
              candidate.subject === '【研修】本番経路研修' &&
              JSON.stringify(candidate.attendees).includes(attendee.mail),
          ),
        60_000,
      );
      expect(event.subject).toBe('【研修】本番経路研修');
    });

    it('takes a Bot Framework-signed activity, remembers the chat, answers with its own token, and sends the report form there', async () => {
      const serviceUrl = `${connector.url}/`;
      const activity = {
        type: 'message',
        id: 'production-1',
        text: 'こんにちは',
        locale: 'ja-JP',
        serviceUrl,
        channelId: 'msteams',
        from: { id: `29:${attendee.id}`, aadObjectId: attendee.id, name: attendee.displayName },
        recipient: { id: `28:${emulator.bot.clientId}`, name: 'Hagukumi' },
        conversation: {
          id: 'a:production-personal',
          conversationType: 'personal',
          tenantId: emulator.tenantId,
        },
        channelData: { tenant: { id: emulator.tenantId } },
      };
      const post = (authorization: string | undefined) =>
        fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(activity),
        });
      expect((await post(undefined)).status).toBe(401);
      const { token: wrongServiceUrl } = await control<{ token: string }>('POST', '/channel-token', {
        serviceUrl: 'https://smba.trafficmanager.net/jp/',
      });
      expect((await post(`Bearer ${wrongServiceUrl}`)).status).toBe(401);
      const { token } = await control<{ token: string }>('POST', '/channel-token', { serviceUrl });
      expect((await post(`Bearer ${token}`)).status).toBeLessThan(300);

      const greeting = await until('the greeting in the chat', () =>
        connector.accepted.find((entry) => entry.conversationId === 'a:production-personal'),
      );
      // The bot's own token came from the emulator's Entra (the bot app's client credentials).
      const botToken = decodeJwt(greeting.authorization!.replace(/^Bearer /, ''));
      expect(botToken).toMatchObject({ aud: 'https://api.botframework.com', appid: emulator.bot.clientId });
      expect(
        await query('SELECT conversation_id FROM conversation_references WHERE user_aad_id = $1', [
          attendee.id,
        ]),
      ).toEqual([{ conversation_id: 'a:production-personal' }]);

      // The session has ended and the person attended; the five-minute job runs now instead of at :05.
      await query(
        `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
        [session.id],
      );
      const attended = await call(hr, 'POST', `/api/training/enrolments/${enrolment.id}/attendance`, {
        version: 2,
      });
      expect(attended.body.status).toBe('attended');
      const boss = new PgBoss({
        connectionString: store.databaseUrl!,
        schema: 'pgboss',
        supervise: false,
        schedule: false,
        migrate: false,
      });
      await boss.start();
      try {
        await boss.send('reports.requests', {});
      } finally {
        await boss.stop({ graceful: false });
      }
      const form = await until(
        'the report form in the chat',
        () =>
          connector.accepted.find(
            (entry) =>
              entry.conversationId === 'a:production-personal' &&
              JSON.stringify(entry.activity.attachments ?? []).includes(REPORT_SUBMIT_VERB),
          ),
        60_000,
      );
      expect(JSON.stringify(form.activity.attachments)).toContain('本番経路研修');
    });

    it('drains on one SIGTERM: readiness 503 first, a repeated SIGTERM ignored, no job left active, exit 0', async () => {
      service.child.kill('SIGTERM');
      // A process-group signal can arrive twice: the second must not cut the drain short.
      setTimeout(() => service.child.kill('SIGTERM'), 200);
      const readiness: number[] = [];
      let liveWhileDraining: number | undefined;
      while (service.child.exitCode === null) {
        const status = await fetch(`${url}/api/health/ready`).then(
          (response) => response.status,
          () => undefined,
        );
        if (status === undefined) break;
        readiness.push(status);
        if (status === 503) liveWhileDraining ??= (await fetch(`${url}/api/health/live`)).status;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await service.exited).toBe(0);
      expect(readiness).toContain(503);
      expect(liveWhileDraining).toBe(200);
      expect(service.output()).toContain('Stopped cleanly.');
      expect(service.output()).not.toContain('Forced exit');
      expect(await query(`SELECT id FROM pgboss.job WHERE state = 'active'`)).toEqual([]);
    }, 60_000);
  },
);
