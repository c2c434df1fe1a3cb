// infra/scripts/trust-managed-identity.mjs, which m365agents.yml runs after arm/deploy so that the Entra
// app trusts the web app's managed identity instead of holding a client secret. It is run as the toolkit
// runs it (a node process with the ids in its environment) against a stand-in for Graph's upsert.
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = 'infra/scripts/trust-managed-identity.mjs';
const OBJECT_ID = '11111111-2222-4333-8444-555555555555';
const TENANT_ID = '66666666-7777-4888-9999-000000000000';
const PRINCIPAL_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const TOKEN = 'token-that-must-not-be-printed';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

let server: Server;
let graphUrl: string;
let seen: Seen[] = [];
let answer: { status: number; body?: unknown } = { status: 204 };

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      seen.push({
        method: request.method!,
        url: request.url!,
        authorization: request.headers.authorization,
        body,
      });
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  graphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen = [];
  answer = { status: 204 };
});

async function trust(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT], {
      env: {
        PATH: process.env.PATH,
        GRAPH_URL: graphUrl,
        GRAPH_ACCESS_TOKEN: TOKEN,
        AAD_APP_OBJECT_ID: OBJECT_ID,
        AAD_APP_TENANT_ID: TENANT_ID,
        AAD_APP_OAUTH_AUTHORITY_HOST: 'https://login.microsoftonline.com',
        MANAGED_IDENTITY_PRINCIPAL_ID: PRINCIPAL_ID,
        ...env,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('trust-managed-identity.mjs', () => {
  it("upserts the app's federated credential for the identity, by name, so a re-run changes nothing", async () => {
    for (const attempt of [1, 2]) {
      const result = await trust({});
      expect(result.code, `${attempt}: ${result.stderr}`).toBe(0);
    }
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toEqual({
      method: 'PATCH',
      url: `/v1.0/applications/${OBJECT_ID}/federatedIdentityCredentials(name='hagukumi-web-app')`,
      authorization: `Bearer ${TOKEN}`,
      body: expect.objectContaining({
        name: 'hagukumi-web-app',
        issuer: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`,
        subject: PRINCIPAL_ID,
        audiences: ['api://AzureADTokenExchange'],
      }) as unknown,
    });
  });

  it("fails with Graph's reason, never the token, when Graph refuses", async () => {
    answer = {
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } },
    };
    const result = await trust({});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('403 Authorization_RequestDenied: Insufficient privileges');
    expect(result.stderr + result.stdout).not.toContain(TOKEN);
  });

  it.each([
    ['a missing object id', { AAD_APP_OBJECT_ID: '' }, /AAD_APP_OBJECT_ID must be a GUID/],
    [
      'a principal id that is not a GUID',
      { MANAGED_IDENTITY_PRINCIPAL_ID: "x'); drop" },
      /MANAGED_IDENTITY_PRINCIPAL_ID must be a GUID/,
    ],
    [
      'an authority over http',
      { AAD_APP_OAUTH_AUTHORITY_HOST: 'http://login.example' },
      /AAD_APP_OAUTH_AUTHORITY_HOST must be an https URL/,
    ],
  ])('refuses %s before calling Graph', async (_case, env, message) => {
    const result = await trust(env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(seen).toEqual([]);
  });
});
