import type { TestServer } from './test-server.ts';

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string } };
}

/** Calls the API as a seeded person, with their Teams SSO token. */
export function apiCaller(server: () => TestServer) {
  return async (as: { id: string }, method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const response = await fetch(`${server().url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await server().tokenFor(as.id)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as ApiAnswer['body'] };
  };
}
