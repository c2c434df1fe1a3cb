// The Bot Framework connector, as the outbox needs it: post an activity into a conversation, create a
// 1:1 conversation. Built on the Teams SDK's API client (@microsoft/teams.api), which takes the
// serviceUrl per client and does not retry by itself: pacing and retries stay with the outbox, where
// they are durable. Teams and the Agents Playground differ only in the serviceUrl and the credentials.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client as ConnectorClient } from '@microsoft/teams.api';
import { telemetry } from '../telemetry/metrics.ts';
import {
  managedIdentityTokenSource,
  msalCredentialOptions,
  type BotCredential,
  type CredentialDependencies,
} from '../graph/client-credentials.ts';
import { createFetch } from '../graph/https-fetch.ts';
import { networkModule } from '../graph/token-providers.ts';
import type { BotOutboxPayload } from './bot-outbox.schema.ts';

/** The bot's own Entra app (Azure Bot): its token lets us call the connector. */
export interface BotConnectorCredentials {
  clientId: string;
  credential: BotCredential;
  tenantId: string;
  authorityHost: string;
  /** A CA to trust for the authority besides the system's (the emulator's, in tests). */
  caCertPem?: string | undefined;
}

export interface BotConnectorOptions {
  /** Without credentials requests carry no token: local mode, the Agents Playground's connector. */
  credentials: BotConnectorCredentials | undefined;
  /** Per request; a slow connector is a retryable failure, not a stuck worker. */
  timeoutMs?: number;
  /**
   * Whether a stored serviceUrl may receive our requests (and the bot token with them); the composition
   * root passes the bot's own rule (bot/activity-guard.ts). A reference stored before that rule existed
   * cannot send the token to an unknown host.
   */
  isAllowedServiceUrl?: (serviceUrl: string) => boolean;
  /** The bot identity's token provider, shared with the bot endpoint; made from `credentials` if absent. */
  token?: ((scope?: string | string[]) => Promise<string>) | undefined;
}

export interface ConversationTarget {
  serviceUrl: string;
  conversationId: string;
}

export interface NewPersonalConversation {
  serviceUrl: string;
  tenantId: string;
  /** The bot's channel account id (as Teams addresses it in activities, e.g. `28:<app id>`). */
  botId: string;
  /** The member's Entra object id. */
  userAadId: string;
}

export interface BotConnector {
  /** Posts a message; resolves with the activity id the connector gave it. */
  post(target: ConversationTarget, payload: BotOutboxPayload): Promise<{ activityId: string | null }>;
  /** Creates (or, as Teams does, finds) the bot's 1:1 conversation with a member. */
  createPersonalConversation(input: NewPersonalConversation): Promise<{ conversationId: string }>;
}

/** A connector answer other than success; `status` is absent for network failures and timeouts. */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    /** From Retry-After, when the connector sent one. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface AxiosLikeError {
  message?: string;
  code?: string;
  response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

function toConnectorError(error: unknown): ConnectorError {
  const failure = (error ?? {}) as AxiosLikeError;
  const status = failure.response?.status;
  if (status === undefined)
    return new ConnectorError(
      `connector unreachable: ${failure.code ?? failure.message ?? String(error)}`,
      undefined,
      undefined,
    );
  // Teams' rate limits (Microsoft Learn, "Optimize your bot with rate limiting in Teams"); the outbox
  // retries after Retry-After.
  if (status === 429) telemetry.recordThrottle('bot-connector', status);
  const headers = failure.response?.headers ?? {};
  const retryAfter = parseRetryAfter(headers['retry-after'], Date.now());
  const body = failure.response?.data as { error?: { code?: string; message?: string } } | undefined;
  const reason = body?.error?.message ?? body?.error?.code ?? failure.message ?? 'request failed';
  return new ConnectorError(`connector answered ${status}: ${reason}`.slice(0, 500), status, retryAfter);
}

/**
 * The bot's own token for one scope, the Bot Framework's by default. With a certificate or a secret:
 * client credentials from the bot's Entra app. The authority is only ever the configured one:
 * `knownAuthorities` keeps msal from asking login.microsoftonline.com to vouch for another cloud's host
 * (instance discovery). With a user-assigned managed identity (Azure Bot `UserAssignedMSI`, whose app id
 * is the identity's client id): the identity's token for the resource itself. Both cache the token and
 * renew it before it expires. The Teams SDK's replies use the same provider (bot/bot-app.ts).
 */
export function createBotTokenProvider(
  credentials: BotConnectorCredentials,
  dependencies: CredentialDependencies = {},
): (scope?: string | string[]) => Promise<string> {
  const scopesOf = (scope: string | string[]) => (Array.isArray(scope) ? scope : [scope]);
  const credential = credentials.credential;
  if (credential.kind === 'managed-identity') {
    const source = dependencies.managedIdentityToken ?? managedIdentityTokenSource(credentials.clientId);
    return async (scope = BOT_FRAMEWORK_SCOPE) => {
      const scopes = scopesOf(scope);
      if (scopes.length !== 1)
        throw new ConnectorError('a managed identity token is for one resource', undefined, undefined);
      // A managed identity asks for a resource, not a scope: `https://api.botframework.com`.
      return source(scopes[0]!.replace(/\/\.default$/, ''));
    };
  }
  const authorityHost = credentials.authorityHost.replace(/\/$/, '');
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: credentials.clientId,
      ...msalCredentialOptions(credential, dependencies),
      authority: `${authorityHost}/${credentials.tenantId}`,
      knownAuthorities: [new URL(authorityHost).host],
    },
    ...(credentials.caCertPem
      ? { system: { networkClient: networkModule(createFetch(credentials.caCertPem)) } }
      : {}),
  });
  return async (scope = BOT_FRAMEWORK_SCOPE) => {
    const result = await msal.acquireTokenByClientCredential({ scopes: scopesOf(scope) });
    if (!result?.accessToken)
      throw new ConnectorError('Entra ID returned no bot token', undefined, undefined);
    return result.accessToken;
  };
}

export function createBotConnector(options: BotConnectorOptions): BotConnector {
  const credentials = options.credentials;
  const botToken = credentials ? (options.token ?? createBotTokenProvider(credentials)) : undefined;
  const token = botToken ? () => botToken() : undefined;
  const http = {
    name: 'bot-outbox',
    timeout: options.timeoutMs ?? 15_000,
    ...(token ? { token } : {}),
  };
  const clients = new Map<string, ConnectorClient>();
  const clientFor = (serviceUrl: string) => {
    if (options.isAllowedServiceUrl && !options.isAllowedServiceUrl(serviceUrl))
      // 403: not retryable, the outbox gives the message up instead of trying the same host again.
      throw new ConnectorError('the serviceUrl is not a connector host this service accepts', 403, undefined);
    const base = serviceUrl.replace(/\/+$/, '');
    let client = clients.get(base);
    if (!client) {
      client = new ConnectorClient(base, http);
      clients.set(base, client);
    }
    return client;
  };

  return {
    async post(target, payload) {
      try {
        const resource = await clientFor(target.serviceUrl).conversations.createActivity(
          target.conversationId,
          {
            type: 'message',
            ...(payload.text !== undefined ? { text: payload.text } : {}),
            ...(payload.attachments ? { attachments: payload.attachments } : {}),
          },
        );
        return { activityId: resource?.id ?? null };
      } catch (error) {
        throw error instanceof ConnectorError ? error : toConnectorError(error);
      }
    },

    async createPersonalConversation(input) {
      try {
        const resource = await clientFor(input.serviceUrl).conversations.create({
          isGroup: false,
          bot: { id: input.botId },
          members: [{ id: input.userAadId, aadObjectId: input.userAadId, role: 'user' }],
          tenantId: input.tenantId,
          channelData: { tenant: { id: input.tenantId } },
        });
        if (!resource?.id) throw new ConnectorError('the connector created no conversation', 502, undefined);
        return { conversationId: resource.id };
      } catch (error) {
        throw error instanceof ConnectorError ? error : toConnectorError(error);
      }
    },
  };
}
