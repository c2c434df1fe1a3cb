import type { Logger } from 'pino';
import type { MicrosoftConfig } from '../config.ts';
import { createGraphClient, type GraphClient } from './graph-client.ts';
import { createAppTokenProvider } from './token-providers.ts';

export interface AppGraphInput {
  microsoft: MicrosoftConfig;
  caCertPem: string | undefined;
  logger: Logger;
  /** A client made already, to share (app-context.ts makes one for all the app identity's adapters). */
  client?: GraphClient;
}

/** The Graph client of the app's own identity (client credentials), unless one is given to share. */
export function appGraphClient(input: AppGraphInput): GraphClient {
  return (
    input.client ??
    createGraphClient({
      baseUrl: input.microsoft.graphBaseUrl,
      getToken: createAppTokenProvider({ ...input.microsoft, caCertPem: input.caCertPem }),
      caCertPem: input.caCertPem,
      logger: input.logger,
    })
  );
}
