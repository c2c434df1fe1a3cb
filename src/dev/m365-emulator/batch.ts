// POST /$batch ("JSON batching"): up to 20 requests with unique ids and dependsOn, and Graph's handing
// of at most four Outlook requests of a batch at a time to the Outlook service.
import { z } from 'zod';
import { graphError, type Caller, type GraphResult } from './graph-http.ts';
import type { GraphHandler } from './graph.router.ts';
import { MAILBOX_CONCURRENCY, type Throttling } from './throttling.ts';

const batchInput = z.object({
  requests: z.array(
    z.object({
      id: z.string().min(1),
      method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
      url: z.string().min(1),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      dependsOn: z.array(z.string()).optional(),
    }),
  ),
});

export function createBatchHandler(handleGraph: GraphHandler, mailboxOf: Throttling['mailboxOf']) {
  return async (
    body: unknown,
    caller: Caller,
    headers: Record<string, string | undefined>,
  ): Promise<GraphResult> => {
    const parsed = batchInput.safeParse(body);
    if (!parsed.success) return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    const requests = parsed.data.requests;
    if (requests.length > 20)
      return graphError(
        400,
        'BadRequest',
        'Invalid batch payload format. The number of requests in a batch must not exceed 20.',
      );
    const ids = new Set(requests.map((request) => request.id));
    if (ids.size !== requests.length)
      return graphError(400, 'BadRequest', 'Batch request ids must be unique.');
    for (const request of requests) {
      for (const dependency of request.dependsOn ?? []) {
        if (!ids.has(dependency))
          return graphError(
            400,
            'BadRequest',
            `Request '${request.id}' depends on an unknown request '${dependency}'.`,
          );
      }
    }
    const results = new Map<string, Promise<GraphResult>>();
    // Graph hands the Outlook service at most four requests of an unordered batch at a time, whatever
    // their mailboxes, so one batch stays within Outlook's 4-concurrent-requests-per-mailbox limit
    // (Graph docs, throttling limits: "Outlook service limits for JSON batching").
    let outlookRunning = 0;
    const outlookWaiting: Array<() => void> = [];
    const outlookSlot = async <T>(work: () => Promise<T>): Promise<T> => {
      if (outlookRunning >= MAILBOX_CONCURRENCY)
        await new Promise<void>((resolve) => outlookWaiting.push(resolve));
      else outlookRunning += 1;
      try {
        return await work();
      } finally {
        const next = outlookWaiting.shift();
        if (next) next();
        else outlookRunning -= 1;
      }
    };
    const run = (request: (typeof requests)[number]): Promise<GraphResult> => {
      const existing = results.get(request.id);
      if (existing) return existing;
      const promise = (async (): Promise<GraphResult> => {
        const dependencies = await Promise.all(
          (request.dependsOn ?? []).map((id) => run(requests.find((candidate) => candidate.id === id)!)),
        );
        if (dependencies.some((result) => result.status >= 400))
          return graphError(424, 'FailedDependency', 'Failed dependency.');
        const innerHeaders = Object.fromEntries(
          Object.entries(request.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
        );
        const innerUrl = request.url.startsWith('/') ? request.url : `/${request.url}`;
        const execute = () =>
          handleGraph(request.method, innerUrl, { ...headers, ...innerHeaders }, request.body, caller, true);
        const innerPath = new URL(innerUrl, 'https://graph.invalid').pathname;
        return mailboxOf(innerPath, caller) === undefined ? execute() : outlookSlot(execute);
      })();
      results.set(request.id, promise);
      return promise;
    };
    const responses = await Promise.all(
      requests.map(async (request) => {
        const result = await run(request);
        return {
          id: request.id,
          status: result.status,
          headers: result.headers ?? {},
          ...(result.body !== undefined ? { body: result.body } : {}),
        };
      }),
    );
    return { status: 200, headers: { 'content-type': 'application/json' }, body: { responses } };
  };
}
