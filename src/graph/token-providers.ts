import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import type { MicrosoftConfig } from '../config.ts';
import { createFetch, type FetchFunction } from './https-fetch.ts';

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

export type EntraSettings = Pick<
  MicrosoftConfig,
  'tenantId' | 'clientId' | 'clientSecret' | 'authorityHost'
> & {
  caCertPem?: string | undefined;
};

/** msal's network layer on our fetch, so the authority's CA is trusted the same way everywhere. */
function networkModule(fetchFn: FetchFunction): INetworkModule {
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const response = await fetchFn(url, {
      method,
      ...(options?.headers ? { headers: options.headers } : {}),
      ...(options?.body !== undefined ? { body: options.body } : {}),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const text = await response.text();
    return { status: response.status, headers, body: (text ? JSON.parse(text) : {}) as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}

function confidentialClient(settings: EntraSettings): ConfidentialClientApplication {
  const authorityHost = settings.authorityHost.replace(/\/$/, '');
  return new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      // Built from configuration only; the tenant of a caller's token is validated before it gets here.
      authority: `${authorityHost}/${settings.tenantId}`,
      knownAuthorities: [new URL(authorityHost).host],
    },
    system: { networkClient: networkModule(createFetch(settings.caCertPem)) },
  });
}

export type TokenProvider = () => Promise<string>;

/** Client credentials, for background work with no signed-in user. msal caches and renews the token. */
export function createAppTokenProvider(settings: EntraSettings): TokenProvider {
  const client = confidentialClient(settings);
  return async () => {
    const result = await client.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    if (!result?.accessToken) throw new Error('Entra ID returned no app token');
    return result.accessToken;
  };
}

/**
 * On-behalf-of: a Graph token for the signed-in user from their SSO token. msal's single in-memory cache
 * slows down past a few hundred tokens, so each user gets their own client (and cache), kept in a small
 * LRU; an evicted user simply exchanges again.
 */
export function createOboTokenProvider(settings: EntraSettings, options: { maxUsers?: number } = {}) {
  const maxUsers = options.maxUsers ?? 500;
  const clients = new Map<string, ConfidentialClientApplication>();
  const clientFor = (userId: string) => {
    let client = clients.get(userId);
    if (client) {
      clients.delete(userId);
    } else {
      client = confidentialClient(settings);
      if (clients.size >= maxUsers) clients.delete(clients.keys().next().value!);
    }
    clients.set(userId, client);
    return client;
  };
  return {
    async tokenFor(
      userId: string,
      ssoToken: string,
      scopes: string[] = [GRAPH_DEFAULT_SCOPE],
    ): Promise<string> {
      const result = await clientFor(userId).acquireTokenOnBehalfOf({ oboAssertion: ssoToken, scopes });
      if (!result?.accessToken) throw new Error('Entra ID returned no on-behalf-of token');
      return result.accessToken;
    },
    get cachedUsers() {
      return clients.size;
    },
  };
}
