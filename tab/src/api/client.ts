import { urlOf, type ApiResponse, type ApiRouteKey, type CallInput } from './routes.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    /** Which input was wrong and why (validation errors). */
    readonly details: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Someone saved first: the form keeps what was typed and offers to load the newer version. */
export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'version_conflict';
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    requestId?: string;
    details?: Array<{ path: string; message: string }>;
  };
}

function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: number;
    };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const error = (await response.json().catch(() => ({}))) as ErrorBody;
  return new ApiError(
    response.status,
    error.error?.code ?? 'http_error',
    error.error?.message ?? response.statusText,
    error.error?.requestId,
    error.error?.details ?? [],
  );
}

/** Calls our API with the Teams SSO token, reusing it until shortly before it expires. */
export function createApiClient(getAuthToken: () => Promise<string>) {
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  // Parallel calls share one token request.
  const token = async () => {
    if (cached && cached.expiresAt - Date.now() > 5 * 60_000) return cached.token;
    inFlight ??= getAuthToken().then(
      (fresh) => {
        cached = { token: fresh, expiresAt: expiryOf(fresh) };
        inFlight = undefined;
        return fresh;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  };
  /** `signal` lets a query that is no longer wanted (its key changed, its view closed) stop waiting. */
  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    options: { signal?: AbortSignal } = {},
  ): Promise<T> => {
    const response = await fetch(path, {
      method,
      ...(options.signal ? { signal: options.signal } : {}),
      headers: {
        authorization: `Bearer ${await token()}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw await errorOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  };
  /** A file the API answers with (a CSV export), as a Blob to hand to the browser's download. */
  const file = async (path: string, accept = 'text/csv'): Promise<Blob> => {
    const response = await fetch(path, { headers: { authorization: `Bearer ${await token()}`, accept } });
    if (!response.ok) throw await errorOf(response);
    return response.blob();
  };
  /**
   * A route of ApiRoutes (tab/src/api/routes.ts), by method and path template: its params, query and body
   * are checked against the contract, and its answer is typed by it.
   */
  const call = <K extends ApiRouteKey>(key: K, ...[input]: CallArgs<K>): Promise<ApiResponse<K>> => {
    const { params, query, body, signal } = (input ?? {}) as {
      params?: Record<string, string>;
      query?: Record<string, unknown>;
      body?: unknown;
      signal?: AbortSignal;
    };
    const { method, url } = urlOf(key, { ...(params ? { params } : {}), ...(query ? { query } : {}) });
    return request<ApiResponse<K>>(method, url, body, signal ? { signal } : {});
  };
  // Who I am and the policy are shared through the query cache (tab/src/data/queries.ts: useMe, useFramework).
  return { call, file };
}

/** A route without params or body may be called with no input at all. */
type CallArgs<K extends ApiRouteKey> =
  Record<never, never> extends CallInput<K> ? [input?: CallInput<K>] : [input: CallInput<K>];

export type ApiClient = ReturnType<typeof createApiClient>;
