// The service as a deployment starts it (src/main.ts through the pinned Node and tsx), with settings
// that must never run: it has to exit non-zero with a message naming the problem, before it listens on
// anything or opens a database.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const production = {
  DATABASE_URL: 'postgres://app:secret@db.example.org:5432/hagukumi',
  PUBLIC_URL: 'https://hagukumi.city.example.lg.jp',
  ENTRA_TENANT_ID: '11111111-2222-3333-4444-555555555555',
  ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  ENTRA_CLIENT_SECRET: 'not-a-real-secret',
  BOT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  BOT_PASSWORD: 'not-a-real-password',
  TRAINING_MAILBOX: 'kenshu@city.example.lg.jp',
};

// Loaded before main.ts: reports every server that starts listening (the app, the emulator, anything).
const LISTEN_PROBE = `data:text/javascript,${encodeURIComponent(
  "import net from 'node:net';" +
    'const listen = net.Server.prototype.listen;' +
    "net.Server.prototype.listen = function (...args) { process.stderr.write('[probe] listen\\n'); return listen.apply(this, args); };",
)}`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  dataDir: string;
}

/** Runs src/main.ts with exactly this environment (plus PATH/HOME), and waits for it to exit. */
async function runMain(env: Record<string, string>, args: string[] = []): Promise<Run> {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'hagukumi-refuse-')), 'data');
  const child = spawn(
    process.execPath,
    ['--import', LISTEN_PROBE, '--import', 'tsx', 'src/main.ts', ...args],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        PORT: '0',
        DATA_DIR: dataDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A start that is not refused keeps running: stop it, so the test fails on its assertions, not a hang.
  // Generous: under load a cold `tsx src/main.ts` took over 20 s just to reach the refusal.
  const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(guard);
  return { code, stdout, stderr, dataDir };
}

function expectRefusedBeforeListening(run: Run) {
  expect(run.code).toBe(78);
  expect(run.stderr).toContain('Hagukumi cannot start.');
  expect(run.stderr).not.toContain('[probe] listen');
  expect(run.stdout).not.toContain('ready');
  // Nothing was opened either: PGlite would have created the data folder.
  expect(existsSync(run.dataDir)).toBe(false);
}

describe.concurrent('src/main.ts refuses to start', () => {
  it('with production settings and APP_MODE forgotten: never local mode', async () => {
    const run = await runMain(production);
    expectRefusedBeforeListening(run);
    expect(run.stderr).toMatch(/^ {2}- APP_MODE is not set: set APP_MODE=production/m);
  });

  it('in production with DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS=true, naming it', async () => {
    const run = await runMain({
      ...production,
      APP_MODE: 'production',
      DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS: 'true',
    });
    expectRefusedBeforeListening(run);
    expect(run.stderr).toMatch(/^ {2}- DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS is set/m);
  });

  it('as `npm start` (--mode=local) with a production credential or a public interface, naming each', async () => {
    const run = await runMain({ BOT_PASSWORD: 'not-a-real-password', HOST: '0.0.0.0' }, ['--mode=local']);
    expectRefusedBeforeListening(run);
    expect(run.stderr).toMatch(/^ {2}- BOT_PASSWORD is a production setting/m);
    expect(run.stderr).toMatch(/^ {2}- HOST=0\.0\.0\.0 would listen beyond this machine/m);
  });
});
