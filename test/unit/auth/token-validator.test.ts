import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerTokenOf, createTokenValidator } from '../../../src/auth/token-validator.ts';
import { MICROSOFT_365_CLIENT_APPS } from '../../../src/config.ts';
import { AppError } from '../../../src/http/app-error.ts';
import { forgedTokens, type TokenSigner, type ValidClaims } from '../../support/forged-tokens.ts';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const TEAMS_DESKTOP = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const TEAMS_WEB = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
const TWO_HOURS = 7200;

describe('createTokenValidator', () => {
  let server: Server;
  let authorityHost: string;
  let signer: TokenSigner;
  let claims: ValidClaims;

  beforeAll(async () => {
    const published = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(published.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
        return;
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    authorityHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sign = (payload: Record<string, unknown>, key: CryptoKey, kid: string) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
    signer = {
      sign: (payload, options) =>
        options?.unknownKey
          ? sign(payload, stranger.privateKey, 'key-1')
          : sign(payload, published.privateKey, 'key-1'),
    };
    claims = {
      iss: `${authorityHost}/${TENANT}/v2.0`,
      aud: `api://localhost/${CLIENT}`,
      tid: TENANT,
      oid: 'c0ffee00-0000-4000-8000-000000000001',
      scp: 'access_as_user',
      name: '山田 花子',
      preferred_username: 'yamada@example.lg.jp',
      azp: TEAMS_DESKTOP,
    };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const validator = (options: { allowedClientApps?: string[]; maxTokenAgeSeconds?: number } = {}) =>
    createTokenValidator({
      tenantId: TENANT,
      clientId: CLIENT,
      appIdUri: `api://localhost/${CLIENT}`,
      authorityHost,
      allowedClientApps: options.allowedClientApps ?? [...MICROSOFT_365_CLIENT_APPS],
      maxTokenAgeSeconds: options.maxTokenAgeSeconds ?? TWO_HOURS,
    });

  it('accepts a genuine token and returns who it is', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signer.sign({ ...claims, iat: now, nbf: now, exp: now + 600 });
    await expect(validator()(token)).resolves.toEqual({
      oid: claims.oid,
      tid: TENANT,
      name: '山田 花子',
      preferredUsername: 'yamada@example.lg.jp',
      roles: [],
      acceptableUntil: (now + 600) * 1000,
    });
  });

  it('accepts every client app of Microsoft’s list: Teams web (azp of a v2 token), Outlook (appid of v1)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const web = await signer.sign({ ...claims, azp: TEAMS_WEB, iat: now, nbf: now, exp: now + 600 });
    await expect(validator()(web)).resolves.toMatchObject({ oid: claims.oid });
    const { azp: _azp, ...v1 } = claims;
    const outlook = await signer.sign({
      ...v1,
      ver: '1.0',
      appid: 'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
      iat: now,
      nbf: now,
      exp: now + 600,
    });
    await expect(validator()(outlook)).resolves.toMatchObject({ oid: claims.oid });
  });

  it('accepts only the configured client apps when the list is narrowed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const desktop = await signer.sign({ ...claims, iat: now, nbf: now, exp: now + 600 });
    const web = await signer.sign({ ...claims, azp: TEAMS_WEB, iat: now, nbf: now, exp: now + 600 });
    const onlyWeb = validator({ allowedClientApps: [TEAMS_WEB] });
    await expect(onlyWeb(web)).resolves.toMatchObject({ oid: claims.oid });
    await expect(onlyWeb(desktop)).rejects.toMatchObject({
      status: 401,
      message: 'The token was requested by a client application other than Teams or Microsoft 365.',
    });
  });

  it('refuses a token older than the maximum age although it has not expired, and says why', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await signer.sign({ ...claims, iat: now - 3000, nbf: now - 3000, exp: now + 1200 });
    await expect(validator({ maxTokenAgeSeconds: 3600 })(old)).resolves.toMatchObject({
      // Remembered at most until its maximum age (plus the clock tolerance), before its exp.
      acceptableUntil: (now - 3000 + 3600 + 120) * 1000,
    });
    await expect(validator({ maxTokenAgeSeconds: 1800 })(old)).rejects.toMatchObject({
      status: 401,
      message: 'The token was issued too long ago.',
    });
  });

  it("returns the app roles of the token's roles claim (HR is one)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signer.sign({
      ...claims,
      roles: ['Hagukumi.HR'],
      iat: now,
      nbf: now,
      exp: now + 600,
    });
    await expect(validator()(token)).resolves.toMatchObject({ roles: ['Hagukumi.HR'] });
  });

  it('accepts the client id as audience too (v2 tokens)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signer.sign({ ...claims, aud: CLIENT, iat: now, nbf: now, exp: now + 600 });
    await expect(validator()(token)).resolves.toMatchObject({ oid: claims.oid });
  });

  it('refuses every forged or unfit token with a 401', async () => {
    const validate = validator();
    for (const [label, token] of await forgedTokens(signer, claims)) {
      if (token === undefined) continue;
      const outcome = await validate(token).then(
        () => 'accepted',
        (error: unknown) => (error instanceof AppError ? `${error.status}` : `threw ${String(error)}`),
      );
      expect(outcome, label).toBe('401');
    }
  });

  it('reads only well-formed bearer headers', () => {
    expect(bearerTokenOf('Bearer a.b.c')).toBe('a.b.c');
    for (const header of [undefined, '', 'Basic abc', 'Bearer', 'bearer a.b.c', 'Bearer a.b.c extra']) {
      expect(() => bearerTokenOf(header)).toThrow(AppError);
    }
  });
});
