// Credentials without long-lived secrets, through the real token providers against the emulator's
// Entra token endpoint: a certificate's signed client assertion for the Graph app and for the bot, and
// the managed identity's token presented as a federated client assertion.
import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startM365Emulator, type M365Emulator } from '../../../src/dev/m365-emulator/index.ts';
import {
  parseClientCertificatePem,
  TOKEN_EXCHANGE_AUDIENCE,
  type ClientCertificate,
} from '../../../src/graph/client-credentials.ts';
import { createFetch } from '../../../src/graph/https-fetch.ts';
import { createAppTokenProvider } from '../../../src/graph/token-providers.ts';
import { BOT_FRAMEWORK_SCOPE, createBotTokenProvider } from '../../../src/reports/bot-connector.ts';
import { emulatorEntraSettings } from '../../support/emulator-settings.ts';

async function newCertificate(commonName: string): Promise<{ pem: string; certificate: ClientCertificate }> {
  const generated = await generate([{ name: 'commonName', value: commonName }], { keySize: 2048 });
  const pem = `${generated.private}\n${generated.cert}`;
  return { pem, certificate: parseClientCertificatePem(pem) };
}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('client credentials without a secret, against the emulated Entra ID', () => {
  let emulator: M365Emulator;
  let registered: ClientCertificate;
  let stranger: ClientCertificate;
  let botRegistered: ClientCertificate;

  beforeAll(async () => {
    emulator = await startM365Emulator();
    const [app, other, bot] = await Promise.all([
      newCertificate('hagukumi-graph'),
      newCertificate('not-registered'),
      newCertificate('hagukumi-bot'),
    ]);
    registered = app.certificate;
    stranger = other.certificate;
    botRegistered = bot.certificate;
    emulator.registerClientCertificate(emulator.app.clientId, registered.x5c);
    emulator.registerClientCertificate(emulator.botFramework.app.clientId, botRegistered.x5c);
  });
  afterAll(() => emulator?.close());

  const graphSettings = (credential: Parameters<typeof createAppTokenProvider>[0]['credential']) => ({
    ...emulatorEntraSettings(emulator),
    credential,
  });
  const botSettings = (credential: Parameters<typeof createBotTokenProvider>[0]['credential']) => ({
    clientId: emulator.botFramework.app.clientId,
    credential,
    tenantId: emulator.tenantId,
    authorityHost: emulator.authorityHost,
    caCertPem: emulator.caCertPem,
  });

  it('issues a Graph app token for a registered certificate', async () => {
    const token = await createAppTokenProvider(
      graphSettings({ kind: 'certificate', certificate: registered }),
    )();
    expect(claimsOf(token)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      appid: emulator.app.clientId,
      tid: emulator.tenantId,
    });
  });

  it('refuses a certificate the app does not have, and the bot certificate for the Graph app', async () => {
    await expect(
      createAppTokenProvider(graphSettings({ kind: 'certificate', certificate: stranger }))(),
    ).rejects.toThrow(/AADSTS700027/);
    await expect(
      createAppTokenProvider(graphSettings({ kind: 'certificate', certificate: botRegistered }))(),
    ).rejects.toThrow(/AADSTS700027/);
  });

  it("refuses a registered certificate's thumbprint with another key's signature", async () => {
    const forged: ClientCertificate = { ...registered, privateKeyPem: stranger.privateKeyPem };
    await expect(
      createAppTokenProvider(graphSettings({ kind: 'certificate', certificate: forged }))(),
    ).rejects.toThrow(/AADSTS700027: Client assertion failed signature validation/);
  });

  it('issues the bot its Bot Framework token for its certificate, and refuses another', async () => {
    const token = await createBotTokenProvider(
      botSettings({ kind: 'certificate', certificate: botRegistered }),
    )();
    expect(claimsOf(token)).toMatchObject({
      aud: 'https://api.botframework.com',
      appid: emulator.botFramework.app.clientId,
    });
    await expect(
      createBotTokenProvider(botSettings({ kind: 'certificate', certificate: registered }))(),
    ).rejects.toThrow(/AADSTS700027/);
  });

  it('still takes the client secret when that is the chosen credential', async () => {
    const token = await createAppTokenProvider(
      graphSettings({ kind: 'secret', clientSecret: emulator.app.clientSecret }),
    )();
    expect(claimsOf(token)).toMatchObject({ aud: 'https://graph.microsoft.com' });
  });

  describe('the managed identity through a federated identity credential', () => {
    const IDENTITY = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
    const OTHER_IDENTITY = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    beforeAll(() => emulator.registerFederatedCredential(emulator.app.clientId, IDENTITY));

    it("exchanges the trusted identity's token for a Graph app token, asking it for the exchange audience", async () => {
      const resources: string[] = [];
      const token = await createAppTokenProvider(
        graphSettings({ kind: 'managed-identity-federation', managedIdentityClientId: IDENTITY }),
        {
          // The managed identity's endpoint exists only on Azure; the emulator issues what it would.
          managedIdentityToken: (resource) => {
            resources.push(resource);
            return emulator.issueManagedIdentityToken(IDENTITY, { audience: resource });
          },
        },
      )();
      expect(resources).toEqual([TOKEN_EXCHANGE_AUDIENCE]);
      expect(claimsOf(token)).toMatchObject({ aud: 'https://graph.microsoft.com' });
    });

    it('refuses an identity the app does not trust, and a token for another audience', async () => {
      await expect(
        createAppTokenProvider(
          graphSettings({ kind: 'managed-identity-federation', managedIdentityClientId: OTHER_IDENTITY }),
          { managedIdentityToken: () => emulator.issueManagedIdentityToken(OTHER_IDENTITY) },
        )(),
      ).rejects.toThrow(/AADSTS70021/);
      await expect(
        createAppTokenProvider(
          graphSettings({ kind: 'managed-identity-federation', managedIdentityClientId: IDENTITY }),
          {
            managedIdentityToken: () =>
              emulator.issueManagedIdentityToken(IDENTITY, { audience: 'https://graph.microsoft.com' }),
          },
        )(),
      ).rejects.toThrow(/AADSTS700211/);
    });
  });

  it("gives a managed-identity bot the identity's own token for the Bot Framework resource", async () => {
    const resources: string[] = [];
    const provider = createBotTokenProvider(botSettings({ kind: 'managed-identity' }), {
      managedIdentityToken: (resource) => {
        resources.push(resource);
        return Promise.resolve('token-from-the-identity');
      },
    });
    expect(await provider()).toBe('token-from-the-identity');
    expect(await provider(BOT_FRAMEWORK_SCOPE)).toBe('token-from-the-identity');
    expect(resources).toEqual(['https://api.botframework.com', 'https://api.botframework.com']);
  });

  describe("the emulated token endpoint's checks of a certificate assertion", () => {
    const tokenUrl = () => `${emulator.authorityHost}/${emulator.tenantId}/oauth2/v2.0/token`;
    const assertion = async (claims: { aud?: string; exp?: number; iss?: string }) => {
      const issuedAt = Math.floor(Date.now() / 1000);
      return new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({
          alg: 'RS256',
          'x5t#S256': Buffer.from(registered.thumbprintSha256, 'hex').toString('base64url'),
        })
        .setIssuer(claims.iss ?? emulator.app.clientId)
        .setSubject(emulator.app.clientId)
        .setAudience(claims.aud ?? tokenUrl())
        .setNotBefore(issuedAt - 60)
        .setExpirationTime(claims.exp ?? issuedAt + 600)
        .sign(createPrivateKey(registered.privateKeyPem));
    };
    const requestToken = async (clientAssertion: string) => {
      const response = await createFetch(emulator.caCertPem)(tokenUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: emulator.app.clientId,
          scope: 'https://graph.microsoft.com/.default',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion,
        }).toString(),
      });
      return { status: response.status, body: (await response.json()) as { error_description?: string } };
    };

    it('accepts a well-formed assertion', async () => {
      expect((await requestToken(await assertion({}))).status).toBe(200);
    });

    it('refuses another audience, another issuer and an expired assertion', async () => {
      const wrongAudience = await requestToken(await assertion({ aud: 'https://login.example.com/token' }));
      expect(wrongAudience.status).toBe(401);
      expect(wrongAudience.body.error_description).toMatch(/AADSTS700021.*'aud'/);
      const wrongIssuer = await requestToken(await assertion({ iss: emulator.botFramework.app.clientId }));
      expect(wrongIssuer.body.error_description).toMatch(/AADSTS700021.*'iss'/);
      const expired = await requestToken(await assertion({ exp: Math.floor(Date.now() / 1000) - 3600 }));
      expect(expired.status).toBe(401);
      expect(expired.body.error_description).toMatch(/AADSTS700024/);
    });
  });
});
