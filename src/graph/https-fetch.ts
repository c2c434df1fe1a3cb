import { Agent, fetch as undiciFetch } from 'undici';

export type FetchFunction = (input: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * fetch that also trusts an extra CA. Node reads NODE_EXTRA_CA_CERTS only at process start, so a CA
 * made at run time has to be handed to the HTTP client explicitly; without one this is plain fetch.
 */
export function createFetch(caCertPem: string | undefined): FetchFunction {
  if (!caCertPem) return (input, init) => fetch(input, init);
  const dispatcher = new Agent({ connect: { ca: caCertPem }, keepAliveTimeout: 30_000 });
  return (input, init) =>
    undiciFetch(input, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    }) as unknown as Promise<Response>;
}
