import {
  AuthenticationHandler,
  Client,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import { GraphError, retryAfterOf, toGraphError } from './graph-errors.ts';
import { createFetch, type FetchFunction } from './https-fetch.ts';
import { telemetry } from '../telemetry/metrics.ts';
import type { TokenProvider } from './token-providers.ts';

/**
 * The last link of the SDK's middleware chain: our fetch, which can trust an extra CA. Every attempt
 * passes here, also those the SDK's RetryHandler makes after a 429 or 503 without telling us.
 */
class FetchHandler implements Middleware {
  constructor(private readonly fetchFn: FetchFunction) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    context.response = await this.fetchFn(url, context.options);
    if (THROTTLED.has(context.response.status)) telemetry.recordThrottle('graph', context.response.status);
  }
}

export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root, e.g. `/users/{id}/events`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  dependsOn?: string[];
}

export interface BatchResult {
  id: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface GraphClient {
  readonly sdk: Client;
  get<T>(path: string, headers?: Record<string, string>): Promise<T>;
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
  /** Every page of a collection, following @odata.nextLink. */
  getAll<T>(path: string): Promise<T[]>;
  /**
   * JSON batching, 20 requests a call. Graph answers each inner request on its own and the SDK does
   * not retry them: inner 429/503/504 are retried here, honouring their Retry-After.
   */
  batch(requests: BatchRequest[], options?: { maxAttempts?: number }): Promise<BatchResult[]>;
}

export interface GraphClientOptions {
  baseUrl: string;
  getToken: TokenProvider;
  caCertPem?: string | undefined;
  logger?: Logger;
  /** Delay for retries when Graph gives no Retry-After (seconds). */
  retryDelaySeconds?: number;
  maxRetries?: number;
}

const RETRYABLE = new Set([429, 503, 504]);
/** Graph's throttling answers ("Microsoft Graph throttling guidance": 429, and 503 with Retry-After). */
const THROTTLED = new Set([429, 503]);

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const base = new URL(options.baseUrl.replace(/\/$/, ''));
  const version = base.pathname.replace(/^\//, '') || 'v1.0';
  const fetchFn = createFetch(options.caCertPem);
  const chain: Middleware[] = [
    new AuthenticationHandler({ getAccessToken: () => options.getToken() }),
    new RetryHandler(new RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 3)),
    new RedirectHandler(),
    new TelemetryHandler(),
    new FetchHandler(fetchFn),
  ];
  for (let index = 0; index < chain.length - 1; index += 1) chain[index]!.setNext?.(chain[index + 1]!);
  const sdk = Client.initWithMiddleware({
    middleware: chain[0]!,
    baseUrl: `${base.origin}/`,
    defaultVersion: version,
    // The SDK only sends the token to hosts it knows; name ours explicitly (graph.microsoft.com or a sovereign cloud).
    customHosts: new Set([base.hostname]),
  });

  const wrap = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      const graphError = error as {
        statusCode?: number;
        code?: string;
        message?: string;
        requestId?: string;
        headers?: Headers;
      };
      if (typeof graphError.statusCode === 'number' && graphError.statusCode > 0) {
        throw new GraphError(
          graphError.statusCode,
          graphError.code ?? `Http${graphError.statusCode}`,
          graphError.message ?? 'Graph request failed',
          graphError.requestId ?? undefined,
          retryAfterOf(graphError.headers?.get('retry-after')),
        );
      }
      throw error;
    }
  };

  const withHeaders = (request: ReturnType<Client['api']>, headers?: Record<string, string>) =>
    headers ? request.headers(headers) : request;

  const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

  async function batchOnce(requests: BatchRequest[]): Promise<BatchResult[]> {
    // "JSON batching": each url is relative to the version the batch was sent to (`/users`, not
    // `/v1.0/users`); Graph answers a version inside with 400 "Resource not found for the segment".
    const versioned = requests.find((request) => /^(?:https?:|\/?(?:v1\.0|beta)(?:\/|$))/i.test(request.url));
    if (versioned)
      throw new Error(`batch request urls must be relative, without a version: ${versioned.url}`);
    const response = await wrap(
      () =>
        sdk.api('/$batch').post({
          requests: requests.map((request) => ({
            id: request.id,
            method: request.method,
            url: request.url,
            ...(request.body !== undefined
              ? { body: request.body, headers: { 'Content-Type': 'application/json', ...request.headers } }
              : request.headers
                ? { headers: request.headers }
                : {}),
            ...(request.dependsOn ? { dependsOn: request.dependsOn } : {}),
          })),
        }) as Promise<{
          responses?: Array<{ id: string; status: number; body?: unknown; headers?: Record<string, string> }>;
        }>,
    );
    const byId = new Map((response.responses ?? []).map((entry) => [entry.id, entry]));
    return requests.map((request) => {
      const entry = byId.get(request.id);
      if (!entry)
        return {
          id: request.id,
          status: 502,
          body: {
            error: { code: 'MissingBatchResponse', message: 'Graph returned no response for this request' },
          },
          headers: {},
        };
      return { id: request.id, status: entry.status, body: entry.body ?? null, headers: entry.headers ?? {} };
    });
  }

  return {
    sdk,
    get: <T>(path: string, headers?: Record<string, string>) =>
      wrap(() => withHeaders(sdk.api(path), headers).get() as Promise<T>),
    post: <T>(path: string, body: unknown, headers?: Record<string, string>) =>
      wrap(() => withHeaders(sdk.api(path), headers).post(body) as Promise<T>),
    patch: <T>(path: string, body: unknown) => wrap(() => sdk.api(path).patch(body) as Promise<T>),
    delete: (path: string) => wrap(async () => void (await sdk.api(path).delete())),
    async getAll<T>(path: string) {
      const items: T[] = [];
      let next: string | undefined = path;
      while (next) {
        const url: string = next;
        const page = await wrap(
          () => sdk.api(url).get() as Promise<{ value?: T[]; '@odata.nextLink'?: string }>,
        );
        items.push(...(page.value ?? []));
        next = page['@odata.nextLink'];
      }
      return items;
    },
    async batch(requests, batchOptions = {}) {
      const maxAttempts = batchOptions.maxAttempts ?? 6;
      const results = new Map<string, BatchResult>();
      for (let start = 0; start < requests.length; start += 20) {
        let pending = requests.slice(start, start + 20);
        for (let attempt = 1; pending.length > 0; attempt += 1) {
          const answered = await batchOnce(pending);
          const retry: BatchRequest[] = [];
          let waitSeconds = 0;
          for (const result of answered) {
            if (THROTTLED.has(result.status)) telemetry.recordThrottle('graph-batch-item', result.status);
            if (RETRYABLE.has(result.status) && attempt < maxAttempts) {
              const request = pending.find((candidate) => candidate.id === result.id)!;
              // A dependent request failed only because of this one: it is retried with it.
              retry.push(request);
              const headerValue = Object.entries(result.headers).find(
                ([name]) => name.toLowerCase() === 'retry-after',
              )?.[1];
              waitSeconds = Math.max(
                waitSeconds,
                retryAfterOf(headerValue) ?? Math.min(30, 2 ** (attempt - 1)),
              );
            } else if (result.status === 424 && attempt < maxAttempts) {
              retry.push(pending.find((candidate) => candidate.id === result.id)!);
            } else {
              results.set(result.id, result);
            }
          }
          // Dependencies that already succeeded are not re-sent; drop them from dependsOn lists.
          const retryIds = new Set(retry.map((request) => request.id));
          pending = retry.map((request) => {
            if (!request.dependsOn) return request;
            const stillPending = request.dependsOn.filter((id) => retryIds.has(id));
            const { dependsOn: _dependsOn, ...rest } = request;
            return stillPending.length > 0 ? { ...rest, dependsOn: stillPending } : rest;
          });
          if (pending.length > 0) {
            options.logger?.info(
              { retrying: pending.length, waitSeconds, attempt },
              'retrying throttled batch requests',
            );
            await sleep(waitSeconds);
          }
        }
      }
      return requests.map((request) => results.get(request.id)!);
    },
  };
}

export function batchResultError(result: BatchResult): GraphError {
  return toGraphError(result.status, result.body, {
    get: (name) => Object.entries(result.headers).find(([key]) => key.toLowerCase() === name)?.[1],
  });
}
