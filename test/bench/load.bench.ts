// `npm run bench -- load`: 200 simulated staff of a 2,000-person city use the app for 60 seconds, against
// the server `npm start` runs (a child process running src/main.ts in local mode, the emulator serving
// the synthetic city), once on PGlite and once on PostgreSQL. This process is only the load generator
// (undici, keep-alive), so the server's event loop is its own.
//
// Environment: LOAD_DURATION_S (60), LOAD_USERS (200), LOAD_THINK_MS (1000: mean pause between a user's
// actions, uniform from half to one and a half times it), LOAD_BACKENDS (pglite,postgres),
// LOAD_DATABASE_URL (an admin URL where a fresh database is made; default TEST_DATABASE_URL, else the
// CI role postgres://hagukumi_ci:hagukumi_ci@127.0.0.1:5432/postgres), LOAD_POOL_SIZE (the server's
// DATABASE_POOL_SIZE on PostgreSQL; its default otherwise), LOAD_PROFILE_DIR (write the server's CPU
// profile there).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Agent, request } from 'undici';
import {
  DEMO_DOMAIN,
  DIVISIONS,
  stableGuid,
  type SeedPerson,
} from '../../src/dev/m365-emulator/seed-organisation.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import type { Benchmark } from './registry.ts';
import { syntheticOrganisation } from './synthetic-organisation.ts';

const ORGANISATION_SIZE = 2000;
const REPORTS_EACH = 4;
const HR_ROLE = 'Hagukumi.HR';

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

type Backend = 'pglite' | 'postgres';
type Persona = 'employee' | 'supervisor' | 'manager' | 'hr';

export interface LoadFigures {
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
}

/**
 * The seeded emulator's shape at city scale: a 課長 per 課, 係長 teams of four (主任, 主事 ×2,
 * 会計年度任用職員) under them, three HR role holders in 職員課 and the training mailbox.
 */
export function loadOrganisation(size = ORGANISATION_SIZE): SeedPerson[] {
  const sections = DIVISIONS.flatMap((division) =>
    division.sections.map((section) => ({ division: division.name, section })),
  );
  const person = (key: string, fields: Partial<SeedPerson>): SeedPerson => {
    const upn = `${key}@${DEMO_DOMAIN}`;
    return {
      id: stableGuid(`load:${upn}`),
      userPrincipalName: upn,
      mail: upn,
      displayName: key,
      givenName: key,
      surname: key,
      jobTitle: null,
      department: null,
      divisionName: null,
      officeLocation: null,
      employeeId: null,
      employeeHireDate: '2010-04-01T00:00:00Z',
      employeeType: '常勤',
      levelId: null,
      managerId: null,
      isMailbox: false,
      appRoles: [],
      ...fields,
    };
  };
  const managers = sections.map(({ division, section }, index) =>
    person(`kacho${index}`, {
      displayName: `${section} 課長`,
      jobTitle: '課長',
      levelId: 'kacho',
      department: section,
      divisionName: division,
    }),
  );
  const personnel = managers[0]!;
  const hr = [0, 1, 2].map((index) =>
    person(`jinji${index}`, {
      displayName: `職員課 人事担当${index}`,
      jobTitle: '課長補佐',
      levelId: 'kachoHosa',
      department: personnel.department,
      divisionName: personnel.divisionName,
      managerId: personnel.id,
      appRoles: [HR_ROLE],
    }),
  );
  const mailbox = person('kenshu', {
    displayName: '職員課 研修担当',
    department: personnel.department,
    divisionName: personnel.divisionName,
    employeeHireDate: null,
    employeeType: null,
    isMailbox: true,
  });
  const fixed = managers.length + hr.length + 1;
  const teams = Math.floor((size - fixed) / (1 + REPORTS_EACH));
  const staff = syntheticOrganisation(teams, REPORTS_EACH).map((member) =>
    member.managerId === null
      ? {
          ...member,
          managerId: managers[sections.findIndex((place) => place.section === member.department)]!.id,
        }
      : member,
  );
  // Whatever the teams leave over joins the first team, so the city has exactly `size` people.
  const extra = Array.from({ length: size - fixed - staff.length }, (_, index) =>
    person(`extra${index}`, {
      displayName: `追加 職員${index}`,
      jobTitle: '主事',
      levelId: 'shuji',
      department: staff[0]!.department,
      divisionName: staff[0]!.divisionName,
      managerId: staff[0]!.id,
    }),
  );
  return [...managers, ...hr, mailbox, ...staff, ...extra];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface StartedServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** `npm start` (tsx src/main.ts) with the synthetic city, waiting for "ready" and the directory copy. */
async function startAppServer(env: Record<string, string>, lastUpn: string): Promise<StartedServer> {
  const port = await freePort();
  // LOAD_PROFILE_DIR: the server runs under `node --cpu-prof` (tsx as an import hook), to see where it spends.
  const profileDir = process.env.LOAD_PROFILE_DIR;
  const args = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', 'tsx', 'src/main.ts']
    : [path.resolve('node_modules/tsx/dist/cli.mjs'), 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', APP_MODE: 'local' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  try {
    while (!output.includes('Hagukumi is ready')) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`the server did not start:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The directory copy runs as a job after start: wait until HR finds the last synthetic person.
    const hrToken = await tokenFor(url, `jinji0@${DEMO_DOMAIN}`);
    for (;;) {
      const response = await fetch(`${url}/api/people?search=${encodeURIComponent(lastUpn)}`, {
        headers: { authorization: `Bearer ${hrToken}` },
      });
      const found = response.ok ? ((await response.json()) as unknown[]).length : 0;
      if (found > 0) break;
      if (Date.now() > deadline)
        throw new Error(`the directory copy did not finish:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, output: () => output, stop };
}

/** A real Teams SSO token signed by the emulator, through the dev host (as `npm run token` gets one). */
async function tokenFor(url: string, user: string): Promise<string> {
  const response = await fetch(`${url}/dev/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`no token for ${user}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

interface Sample {
  name: string;
  ms: number;
  ok: boolean;
}

interface VirtualUser {
  persona: Persona;
  person: SeedPerson;
  reports: SeedPerson[];
  token: string;
  selfCheckVersion: number | undefined;
  items: string[];
}

/** Closed-loop users with think time: each does what its role does in a week, one action at a time. */
async function runLoad(url: string, users: VirtualUser[], durationMs: number, thinkMs: number) {
  const agent = new Agent({ connections: users.length + 8, keepAliveTimeout: 30_000, pipelining: 1 });
  const period = halfPeriodAt(new Date()).id;
  const fiscalYear = halfPeriodAt(new Date()).fiscalYear;
  const samples: Sample[] = [];
  let errorExamples: string[] = [];
  let measuring = false;

  const call = async (
    user: VirtualUser,
    name: string,
    method: 'GET' | 'PUT',
    pathname: string,
    body?: unknown,
  ): Promise<unknown> => {
    const started = performance.now();
    let ok = false;
    let parsed: unknown;
    try {
      const response = await request(`${url}${pathname}`, {
        method,
        dispatcher: agent,
        headers: {
          authorization: `Bearer ${user.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.body.text();
      ok = response.statusCode >= 200 && response.statusCode < 300;
      if (ok && text.startsWith('{')) parsed = JSON.parse(text);
      else if (ok && text.startsWith('[')) parsed = JSON.parse(text);
      if (!ok && errorExamples.length < 10)
        errorExamples.push(`${name} ${response.statusCode} ${text.slice(0, 200)}`);
    } catch (error) {
      if (errorExamples.length < 10) errorExamples.push(`${name} ${(error as Error).message}`);
    }
    if (measuring) samples.push({ name, ms: performance.now() - started, ok });
    return parsed;
  };

  /** Opening the tab: who am I and the policy, together (as the home does). */
  const openHome = (user: VirtualUser) =>
    Promise.all([call(user, 'me', 'GET', '/api/me'), call(user, 'framework', 'GET', '/api/framework')]);

  const readSelfCheck = async (user: VirtualUser) => {
    const answer = (await call(user, 'self-check', 'GET', `/api/people/me/self-checks/${period}`)) as
      { version: number; items: Array<{ competencyId: string }> } | undefined;
    if (answer) {
      user.selfCheckVersion = answer.version;
      user.items = answer.items.map((item) => item.competencyId);
    }
  };
  const saveDraft = async (user: VirtualUser) => {
    if (user.selfCheckVersion === undefined) await readSelfCheck(user);
    const ratings = Object.fromEntries(
      user.items.map((id) => [id, { rating: 1 + Math.floor(Math.random() * 5), evidence: '窓口で説明した' }]),
    );
    const saved = (await call(user, 'save draft', 'PUT', `/api/people/me/self-checks/${period}`, {
      version: user.selfCheckVersion ?? 0,
      ratings,
      reflections: {},
    })) as { version: number } | undefined;
    if (saved) user.selfCheckVersion = saved.version;
    else user.selfCheckVersion = undefined; // read the latest before the next save
  };
  const someReport = (user: VirtualUser) => user.reports[Math.floor(Math.random() * user.reports.length)]!;

  const ACTIONS: Record<Persona, Array<[weight: number, action: (user: VirtualUser) => Promise<unknown>]>> = {
    employee: [
      [3, openHome],
      [2, readSelfCheck],
      [2, (user) => call(user, 'goals', 'GET', `/api/people/me/goals?fiscalYear=${fiscalYear}`)],
      [2, saveDraft],
      [1, (user) => call(user, 'due', 'GET', '/api/cycles/due')],
    ],
    supervisor: [
      [3, openHome],
      [3, (user) => call(user, 'team', 'GET', '/api/team')],
      [
        2,
        (user) =>
          call(user, 'report self-check', 'GET', `/api/people/${someReport(user).id}/self-checks/${period}`),
      ],
      [
        2,
        (user) =>
          call(
            user,
            'report goals',
            'GET',
            `/api/people/${someReport(user).id}/goals?fiscalYear=${fiscalYear}`,
          ),
      ],
      [1, readSelfCheck],
    ],
    manager: [
      [3, openHome],
      [4, (user) => call(user, 'team', 'GET', '/api/team')],
      [
        2,
        (user) =>
          call(
            user,
            'report goals',
            'GET',
            `/api/people/${someReport(user).id}/goals?fiscalYear=${fiscalYear}`,
          ),
      ],
    ],
    hr: [
      [3, openHome],
      [2, (user) => call(user, 'hr audit', 'GET', '/api/hr/audit?limit=50')],
      [2, (user) => call(user, 'hr search', 'GET', `/api/people?search=${encodeURIComponent('佐藤')}`)],
      [1, (user) => call(user, 'hr completion', 'GET', '/api/hr/dashboards/completion')],
    ],
  };
  const pick = (persona: Persona) => {
    const actions = ACTIONS[persona];
    let roll = Math.random() * actions.reduce((sum, [weight]) => sum + weight, 0);
    for (const [weight, action] of actions) {
      roll -= weight;
      if (roll <= 0) return action;
    }
    return actions[0]![1];
  };
  const think = () => new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())));

  // Warm-up (not measured): everyone opens the tab once, staggered over a think time.
  await Promise.all(
    users.map(async (user) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs));
      await openHome(user);
    }),
  );
  errorExamples = [];
  measuring = true;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    users.map(async (user) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs));
      while (performance.now() < end) {
        await pick(user.persona)(user);
        await think();
      }
    }),
  );
  measuring = false;
  const elapsedS = (performance.now() - started) / 1000;
  await agent.close();
  return { samples, elapsedS, errorExamples };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (value: number) => Math.round(value * 10) / 10;

function summarise(samples: Sample[], elapsedS: number): LoadFigures {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  return {
    rps: round(samples.length / elapsedS),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    errors: samples.filter((sample) => !sample.ok).length,
  };
}

async function createDatabase(adminUrl: string) {
  const name = `hagukumi_load_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function runBackend(backend: Backend, organisationFile: string, organisation: SeedPerson[]) {
  const durationMs = numberFromEnv('LOAD_DURATION_S', 60) * 1000;
  const userCount = numberFromEnv('LOAD_USERS', 200);
  const thinkMs = numberFromEnv('LOAD_THINK_MS', 1000);
  const dataDir = mkdtempSync(path.join(tmpdir(), `hagukumi-load-${backend}-`));
  const database =
    backend === 'postgres'
      ? await createDatabase(
          process.env.LOAD_DATABASE_URL ??
            process.env.TEST_DATABASE_URL ??
            'postgres://hagukumi_ci:hagukumi_ci@127.0.0.1:5432/postgres',
        )
      : undefined;
  const staff = organisation.filter((person) => !person.isMailbox);
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    M365_EMULATOR_ORGANISATION_FILE: organisationFile,
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...(database && process.env.LOAD_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.LOAD_POOL_SIZE } : {}),
  };
  const startedAt = performance.now();
  let server: StartedServer | undefined;
  try {
    server = await startAppServer(env, staff.at(-1)!.userPrincipalName);
    const readyS = (performance.now() - startedAt) / 1000;

    // The cast: mostly staff, a fifth supervisors (係長), a few 課長 and HR, each a different person
    // (HR aside: three people share the HR users), so no two users edit the same self-check.
    const reportsOf = new Map<string, SeedPerson[]>();
    for (const person of staff)
      if (person.managerId)
        reportsOf.set(person.managerId, [...(reportsOf.get(person.managerId) ?? []), person]);
    const byLevel = (levelId: string) =>
      staff.filter((person) => person.levelId === levelId && person.appRoles.length === 0);
    const counts = {
      hr: Math.max(1, Math.round(userCount * 0.04)),
      manager: Math.max(1, Math.min(byLevel('kacho').length, Math.round(userCount * 0.04))),
      supervisor: Math.max(1, Math.round(userCount * 0.2)),
    };
    const employees = staff.filter((person) =>
      ['shunin', 'shuji', 'kaikeiNendo'].includes(person.levelId ?? ''),
    );
    const hrPeople = staff.filter((person) => person.appRoles.includes(HR_ROLE));
    const cast: Array<{ persona: Persona; person: SeedPerson }> = [
      ...Array.from({ length: counts.hr }, (_, index) => ({
        persona: 'hr' as const,
        person: hrPeople[index % hrPeople.length]!,
      })),
      ...byLevel('kacho')
        .slice(0, counts.manager)
        .map((person) => ({ persona: 'manager' as const, person })),
      ...byLevel('kakaricho')
        .slice(0, counts.supervisor)
        .map((person) => ({ persona: 'supervisor' as const, person })),
    ];
    // Spread across the city rather than the first teams.
    const stride = Math.max(1, Math.floor(employees.length / (userCount - cast.length)));
    for (let index = 0; cast.length < userCount && index < employees.length; index += stride)
      cast.push({ persona: 'employee', person: employees[index]! });
    const users: VirtualUser[] = [];
    for (const { persona, person } of cast)
      users.push({
        persona,
        person,
        reports: reportsOf.get(person.id) ?? [person],
        token: await tokenFor(server.url, person.userPrincipalName),
        selfCheckVersion: undefined,
        items: [],
      });

    // The figures depend on what else the machine runs: say so beside them.
    const loadBefore = loadavg()[0]!;
    const { samples, elapsedS, errorExamples } = await runLoad(server.url, users, durationMs, thinkMs);
    console.log(
      `${backend}: machine ${availableParallelism()} cores, 1-minute load average ${loadBefore.toFixed(1)} before the run and ${loadavg()[0]!.toFixed(1)} after (server, database and this load generator included)`,
    );
    const figures = summarise(samples, elapsedS);
    console.log(
      `${backend}: ${users.length} users (${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(
          ', ',
        )}, ${users.length - counts.hr - counts.manager - counts.supervisor} employee) of ${organisation.length} people, ${thinkMs} ms mean think time, ${elapsedS.toFixed(1)} s (server ready in ${readyS.toFixed(1)} s)`,
    );
    console.log(
      `${backend}: ${samples.length} requests, ${figures.rps} req/s, p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, p99 ${figures.p99Ms} ms, ${figures.errors} errors`,
    );
    const names = [...new Set(samples.map((sample) => sample.name))].sort();
    for (const name of names) {
      const of = samples.filter((sample) => sample.name === name);
      const sorted = of.map((sample) => sample.ms).sort((a, b) => a - b);
      console.log(
        `  ${name.padEnd(18)} n=${String(of.length).padStart(6)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(7)}  p95 ${percentile(sorted, 95).toFixed(1).padStart(7)}  p99 ${percentile(sorted, 99).toFixed(1).padStart(7)} ms  errors ${of.filter((sample) => !sample.ok).length}`,
      );
    }
    for (const example of errorExamples) console.log(`  error: ${example}`);
    return figures;
  } finally {
    await server?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const loadBenchmark: Benchmark = {
  description:
    '200 simulated staff of a 2,000-person city for 60 s against `npm start`’s server (child process), on PGlite and on PostgreSQL: throughput, p50/p95/p99, errors (targets: 0 errors; p95 < 100 ms on PostgreSQL, < 200 ms on PGlite)',
  async run() {
    const organisation = loadOrganisation();
    const dir = mkdtempSync(path.join(tmpdir(), 'hagukumi-load-org-'));
    const organisationFile = path.join(dir, 'organisation.json');
    writeFileSync(organisationFile, JSON.stringify(organisation));
    const backends = (process.env.LOAD_BACKENDS ?? 'pglite,postgres')
      .split(',')
      .map((name) => name.trim())
      .filter((name): name is Backend => name === 'pglite' || name === 'postgres');
    const result: Partial<Record<Backend, LoadFigures>> = {};
    try {
      for (const backend of backends)
        result[backend] = await runBackend(backend, organisationFile, organisation);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log('targets: 0 errors; p95 under 100 ms on PostgreSQL and under 200 ms on PGlite');
    return result;
  },
};
