// /subscriptions: Graph change notifications on Outlook events, over the service in subscriptions.ts.
import type { EmulatorContext } from './context.ts';
import { GraphFailure, ok, parseBody, type GraphRouter } from './graph-http.ts';
import { subscriptionInput, subscriptionPatch, type createSubscriptionService } from './subscriptions.ts';

export function createSubscriptionsRouter(
  ctx: EmulatorContext,
  subscriptionService: ReturnType<typeof createSubscriptionService>,
): GraphRouter {
  return async ({ method, segments, caller, body }) => {
    if (segments[0] === 'subscriptions') {
      if (caller.kind !== 'app' && segments.length === 1 && method === 'POST')
        throw new GraphFailure(
          400,
          'InvalidRequest',
          'The emulator takes subscriptions from app tokens only.',
        );
      if (segments.length === 1 && method === 'POST')
        return ok(201, {
          '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#subscriptions/$entity`,
          ...(await subscriptionService.create(parseBody(subscriptionInput, body), caller.appId)),
        });
      if (segments.length === 1 && method === 'GET')
        return ok(200, {
          '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#subscriptions`,
          value: subscriptionService.list(caller.appId),
        });
      if (segments.length === 2 && method === 'PATCH')
        return ok(200, subscriptionService.renew(segments[1]!, parseBody(subscriptionPatch, body)));
      if (segments.length === 2 && method === 'DELETE') {
        subscriptionService.remove(segments[1]!);
        return { status: 204 };
      }
    }
    return undefined;
  };
}
