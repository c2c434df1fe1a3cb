// One Graph request, top-level or inside a batch: Outlook's per-mailbox limits and injected faults
// first, then the first resource router that knows the path; every write's changes are recorded after.
import type { CalendarChanges } from './calendar-changes.ts';
import {
  graphError,
  GraphFailure,
  resourceNotFound,
  type Caller,
  type GraphResult,
  type GraphRouter,
} from './graph-http.ts';
import { SubscriptionFailure } from './subscriptions.ts';
import type { Throttling } from './throttling.ts';
import { preferredZone } from './time-zones.ts';

export type GraphHandler = (
  method: string,
  rawUrl: string,
  headers: Record<string, string | undefined>,
  body: unknown,
  caller: Caller,
  inBatch: boolean,
) => Promise<GraphResult>;

export function createGraphHandler(
  throttling: Throttling,
  changes: CalendarChanges,
  routers: GraphRouter[],
): GraphHandler {
  return async (method, rawUrl, headers, body, caller, inBatch) => {
    const url = new URL(rawUrl, 'https://graph.invalid');
    // Top-level requests arrive with the version; batch requests are relative to it ("JSON batching":
    // `/users`, not `/v1.0/users`), so a version there is an unknown first segment, as in Graph.
    const graphPath =
      (inBatch ? url.pathname : url.pathname.replace(/^\/v1\.0/, '')).replace(/\/$/, '') || '/';
    const query = url.searchParams;
    const zone = preferredZone(headers.prefer);
    const pathKey = graphPath
      .replace(/\/users\/(?!delta$|microsoft\.graph\.delta$)[^/]+/, '/users/{id}')
      .replace(/\/events\/[^/]+/, '/events/{id}');
    throttling.countPath(pathKey);

    const mailbox = throttling.mailboxOf(graphPath, caller);
    const fault = throttling.injectedFault(graphPath, mailbox, inBatch);
    if (fault) return fault;
    if (mailbox) {
      const refused = throttling.admit(mailbox);
      if (refused) return refused;
    }
    const before = method === 'GET' ? undefined : changes.snapshot();
    try {
      const latencyMs = throttling.latencyMs();
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      await throttling.held();
      const segments = graphPath.split('/').filter(Boolean);
      if (inBatch && (segments[0] === 'v1.0' || segments[0] === 'beta'))
        throw new GraphFailure(400, 'BadRequest', `Resource not found for the segment '${segments[0]}'.`);
      const request = { method, graphPath, segments, query, headers, body, caller, zone };
      for (const route of routers) {
        const result = await route(request);
        if (result) return result;
      }
      throw resourceNotFound(segments);
    } catch (error) {
      if (error instanceof GraphFailure)
        return graphError(error.status, error.code, error.message, error.headers);
      if (error instanceof SubscriptionFailure) return graphError(error.status, error.code, error.message);
      throw error;
    } finally {
      if (mailbox) throttling.release(mailbox);
      if (before) changes.recordChanges(before);
    }
  };
}
