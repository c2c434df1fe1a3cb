import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

async function token(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout } = await run(TSX, ['scripts/token.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('npm run token', () => {
  let server: TestServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer();
    // A folder without env files, so only these variables count.
    const cwdless = mkdtempSync(path.join(tmpdir(), 'hagukumi-token-'));
    env = { PORT: new URL(server.url).port, DATA_DIR: cwdless };
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('prints a token for a seeded person that the server accepts', async () => {
    const person = server.emulator.people.find((candidate) => candidate.levelId === 'kacho')!;
    const result = await token(env, person.userPrincipalName);
    expect(result.code).toBe(0);
    const response = await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Bearer ${result.stdout.trim()}` },
    });
    expect(((await response.json()) as { id: string }).id).toBe(person.id);
  });

  it('lists the seeded people as JSON', async () => {
    const result = await token(env, '--list');
    const people = JSON.parse(result.stdout) as Array<{
      id: string;
      userPrincipalName: string;
      jobLevel: string | null;
      employmentType: string;
      managerId: string | null;
    }>;
    expect(people.length).toBe(server.emulator.people.filter((person) => !person.isMailbox).length);
    const kacho = server.emulator.people.find((person) => person.levelId === 'kacho')!;
    expect(people.find((person) => person.id === kacho.id)).toMatchObject({
      userPrincipalName: kacho.userPrincipalName,
      jobLevel: 'kacho',
      employmentType: 'regular',
      managerId: kacho.managerId,
    });
  });

  it('says so for an unknown person', async () => {
    const result = await token(env, 'nobody@kodaira-demo.example');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No seeded person');
  });

  it('refuses to run in production mode', async () => {
    const result = await token(
      {
        ...env,
        APP_MODE: 'production',
        DATABASE_URL: 'postgres://x:y@db.example.org/h',
        PUBLIC_URL: 'https://hagukumi.example.lg.jp',
        ENTRA_TENANT_ID: '11111111-2222-3333-4444-555555555555',
        ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        ENTRA_CLIENT_SECRET: 'x',
        BOT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        BOT_PASSWORD: 'x',
        TRAINING_MAILBOX: 'kenshu@example.lg.jp',
      },
      'someone',
    );
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('local mode only');
    expect(result.stderr).toContain('APP_MODE=production disagrees with --mode=local');
  });
});
