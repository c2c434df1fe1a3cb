import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { MeResponse } from '../../../src/people/people.contract.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; requestId?: string };
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
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(path, {
      headers: { authorization: `Bearer ${await token()}`, accept: 'application/json' },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as ErrorBody;
      throw new ApiError(
        response.status,
        body.error?.code ?? 'http_error',
        body.error?.message ?? response.statusText,
        body.error?.requestId,
      );
    }
    return (await response.json()) as T;
  };
  return {
    me: () => get<MeResponse>('/api/me'),
    framework: () => get<Framework>('/api/framework'),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
