import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import type { MicrosoftConfig } from '../config.ts';
import { msalCredentialOptions, type CredentialDependencies } from './client-credentials.ts';
import { createFetch, type FetchFunction } from './https-fetch.ts';

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

export type EntraSettings = Pick<
  MicrosoftConfig,
  'tenantId' | 'clientId' | 'credential' | 'authorityHost'
> & {
  caCertPem?: string | undefined;
};

/** msal's network layer on our fetch, so the authority's CA is trusted the same way everywhere. */
export function networkModule(fetchFn: FetchFunction): INetworkModule {
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

function confidentialClient(
  settings: EntraSettings,
  dependencies: CredentialDependencies,
): ConfidentialClientApplication {
  const authorityHost = settings.authorityHost.replace(/\/$/, '');
  return new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      ...msalCredentialOptions(settings.credential, dependencies),
      // Built from configuration only; the tenant of a caller's token is validated before it gets here.
      authority: `${authorityHost}/${settings.tenantId}`,
      knownAuthorities: [new URL(authorityHost).host],
    },
    system: { networkClient: networkModule(createFetch(settings.caCertPem)) },
  });
}

export type TokenProvider = () => Promise<string>;

/** Client credentials, for background work with no signed-in user. msal caches and renews the token. */
export function createAppTokenProvider(
  settings: EntraSettings,
  dependencies: CredentialDependencies = {},
): TokenProvider {
  const client = confidentialClient(settings, dependencies);
  return async () => {
    const result = await client.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    if (!result?.accessToken) throw new Error('Entra ID returned no app token');
    return result.accessToken;
  };
}
