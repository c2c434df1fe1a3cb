// The managed identity hop cannot run off Azure (no identity endpoint here): this checks that it is
// built for the configured user-assigned identity and asks for the documented resources.
import type * as Msal from '@azure/msal-node';
import { describe, expect, it, vi } from 'vitest';

const built: unknown[] = [];
const requested: unknown[] = [];
vi.mock('@azure/msal-node', async (importOriginal) => {
  const original = await importOriginal<typeof Msal>();
  class ManagedIdentityApplication {
    constructor(configuration: unknown) {
      built.push(configuration);
    }
    acquireToken(request: unknown) {
      requested.push(request);
      return Promise.resolve({ accessToken: 'token-from-the-identity' });
    }
  }
  return { ...original, ManagedIdentityApplication };
});

const { msalCredentialOptions, TOKEN_EXCHANGE_AUDIENCE } =
  await import('../../../src/graph/client-credentials.ts');
const { createBotTokenProvider } = await import('../../../src/reports/bot-connector.ts');

const IDENTITY = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';

describe('the managed identity credentials', () => {
  it("federation: the identity's token for api://AzureADTokenExchange is the client assertion", async () => {
    built.length = 0;
    requested.length = 0;
    const options = msalCredentialOptions({
      kind: 'managed-identity-federation',
      managedIdentityClientId: IDENTITY,
    });
    expect(options.clientSecret).toBeUndefined();
    const assertion = options.clientAssertion;
    if (typeof assertion !== 'function') throw new Error('expected a client assertion callback');
    expect(await assertion({ clientId: 'app', tokenEndpoint: 'https://login/token' })).toBe(
      'token-from-the-identity',
    );
    expect(built).toEqual([{ managedIdentityIdParams: { userAssignedClientId: IDENTITY } }]);
    expect(requested).toEqual([{ resource: TOKEN_EXCHANGE_AUDIENCE }]);
    expect(TOKEN_EXCHANGE_AUDIENCE).toBe('api://AzureADTokenExchange');
  });

  it("the bot (UserAssignedMSI): BOT_ID's identity, for the Bot Framework resource", async () => {
    built.length = 0;
    requested.length = 0;
    const provider = createBotTokenProvider({
      clientId: IDENTITY,
      credential: { kind: 'managed-identity' },
      tenantId: '11111111-2222-3333-4444-555555555555',
      authorityHost: 'https://login.microsoftonline.com',
    });
    expect(await provider()).toBe('token-from-the-identity');
    expect(built).toEqual([{ managedIdentityIdParams: { userAssignedClientId: IDENTITY } }]);
    expect(requested).toEqual([{ resource: 'https://api.botframework.com' }]);
  });
});
