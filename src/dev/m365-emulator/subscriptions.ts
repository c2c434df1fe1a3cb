// Graph change notifications for Outlook events, as "Receive change notifications through webhooks" and
// "Reduce missing subscriptions and change notifications" (lifecycle notifications) describe them:
// POST /subscriptions validates both URLs with the validationToken handshake before it answers 201,
// PATCH renews, DELETE removes; every change to an event of a subscribed mailbox is POSTed to the
// notificationUrl with the subscription's clientState; lifecycle events go to lifecycleNotificationUrl.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Outlook event subscriptions live at most 10,080 minutes (subscription resource, "Subscription lifetime"). */
export const MAX_EVENT_SUBSCRIPTION_MINUTES = 10_080;
/** A shorter expirationDateTime is raised to 45 minutes from the request (subscription resource). */
const MIN_SUBSCRIPTION_MINUTES = 45;
const CLIENT_STATE_MAX = 128;
/** The handshake must be answered within 10 seconds ("notificationUrl validation"). */
const VALIDATION_TIMEOUT_MS = 10_000;
/** Notifications are published with a 3-second timeout ("Throttling" in the webhooks page). */
const NOTIFICATION_TIMEOUT_MS = 3_000;

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
export type ChangeType = 'created' | 'updated' | 'deleted';

export interface EmulatedSubscription {
  id: string;
  resource: string;
  mailboxId: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: string;
  applicationId: string;
}

export interface NotificationDelivery {
  subscriptionId: string;
  kind: 'change' | 'lifecycle';
  /** The HTTP status the endpoint answered, or 0 when it could not be reached in time. */
  status: number;
  /** Dropped on purpose (`dropChangeNotifications`): the kind of loss a `missed` lifecycle event reports. */
  dropped: boolean;
}

export class SubscriptionFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const subscriptionInput = z.object({
  changeType: z.string().min(1),
  notificationUrl: z.string().min(1),
  lifecycleNotificationUrl: z.string().min(1).optional(),
  resource: z.string().min(1),
  expirationDateTime: z.string().min(1),
  clientState: z.string().optional(),
  latestSupportedTlsVersion: z.string().optional(),
});

export const subscriptionPatch = z.object({
  expirationDateTime: z.string().min(1),
  notificationUrl: z.string().min(1).optional(),
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Graph requires an HTTPS endpoint. The one deviation: plain http to this machine's loopback address,
 * where local mode's server listens (Graph itself can never reach such a URL, so nothing depends on it).
 */
function checkEndpoint(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SubscriptionFailure(400, 'InvalidRequest', `Invalid ${field}: '${value}'.`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return url;
  throw new SubscriptionFailure(
    400,
    'InvalidRequest',
    `The Url '${value}' is invalid: only https endpoints can receive notifications.`,
  );
}

export function createSubscriptionService(options: {
  now: () => Date;
  tenantId: string;
  /** The mailbox (user id) a `users/{id or upn}` segment names, or undefined. */
  mailboxOf: (segment: string) => string | undefined;
  fetchFn?: typeof fetch;
}) {
  const { now } = options;
  const fetchFn = options.fetchFn ?? fetch;
  const subscriptions = new Map<string, EmulatedSubscription>();
  const deliveries: NotificationDelivery[] = [];
  const inFlight = new Set<Promise<void>>();
  let dropChanges = false;

  const live = (): EmulatedSubscription[] => {
    for (const [id, subscription] of subscriptions)
      if (Date.parse(subscription.expirationDateTime) <= now().getTime()) subscriptions.delete(id);
    return [...subscriptions.values()];
  };

  const expiryOf = (text: string): string => {
    const wanted = Date.parse(text);
    if (Number.isNaN(wanted))
      throw new SubscriptionFailure(400, 'InvalidRequest', `Invalid expirationDateTime '${text}'.`);
    const at = now().getTime();
    if (wanted > at + MAX_EVENT_SUBSCRIPTION_MINUTES * 60_000)
      throw new SubscriptionFailure(
        400,
        'InvalidRequest',
        `Subscription expiration can only be ${MAX_EVENT_SUBSCRIPTION_MINUTES} minutes in the future.`,
      );
    return new Date(Math.max(wanted, at + MIN_SUBSCRIPTION_MINUTES * 60_000)).toISOString();
  };

  /** POST {url}?validationToken=…: 200, text/plain, the decoded token as the body, within 10 seconds. */
  const validate = async (url: URL): Promise<void> => {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(url);
    target.searchParams.set('validationToken', token);
    let ok: boolean;
    try {
      const response = await fetchFn(target, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS),
      });
      const body = await response.text();
      ok =
        response.status === 200 &&
        (response.headers.get('content-type') ?? '').toLowerCase().startsWith('text/plain') &&
        body === token;
    } catch {
      ok = false;
    }
    if (!ok)
      throw new SubscriptionFailure(
        400,
        'ValidationError',
        'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
      );
  };

  const post = (
    subscription: EmulatedSubscription,
    url: string,
    kind: 'change' | 'lifecycle',
    item: object,
  ) => {
    const delivery = (async () => {
      let status: number;
      try {
        const response = await fetchFn(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ value: [item] }),
          signal: AbortSignal.timeout(NOTIFICATION_TIMEOUT_MS),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0;
      }
      deliveries.push({ subscriptionId: subscription.id, kind, status, dropped: false });
    })();
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
  };

  const lifecycle = (subscription: EmulatedSubscription, event: LifecycleEvent) => {
    if (!subscription.lifecycleNotificationUrl) return;
    post(subscription, subscription.lifecycleNotificationUrl, 'lifecycle', {
      subscriptionId: subscription.id,
      subscriptionExpirationDateTime: subscription.expirationDateTime,
      tenantId: options.tenantId,
      clientState: subscription.clientState,
      lifecycleEvent: event,
    });
  };

  return {
    async create(input: z.infer<typeof subscriptionInput>, applicationId: string) {
      const match = /^\/?users\/([^/]+)\/events$/i.exec(input.resource);
      if (!match)
        throw new SubscriptionFailure(
          400,
          'InvalidRequest',
          `Resource '${input.resource}' is not supported: the emulator serves users/{id}/events.`,
        );
      const mailboxId = options.mailboxOf(decodeURIComponent(match[1]!));
      if (!mailboxId)
        throw new SubscriptionFailure(
          404,
          'ResourceNotFound',
          `Resource '${input.resource}' does not exist.`,
        );
      const types = input.changeType.split(',').map((type) => type.trim());
      if (types.some((type) => !['created', 'updated', 'deleted'].includes(type)))
        throw new SubscriptionFailure(400, 'InvalidRequest', `Invalid changeType '${input.changeType}'.`);
      if (input.clientState !== undefined && input.clientState.length > CLIENT_STATE_MAX)
        throw new SubscriptionFailure(
          400,
          'InvalidRequest',
          `clientState is limited to ${CLIENT_STATE_MAX} characters.`,
        );
      const expirationDateTime = expiryOf(input.expirationDateTime);
      const notificationUrl = checkEndpoint(input.notificationUrl, 'notificationUrl');
      const lifecycleUrl = input.lifecycleNotificationUrl
        ? checkEndpoint(input.lifecycleNotificationUrl, 'lifecycleNotificationUrl')
        : undefined;
      await validate(notificationUrl);
      if (lifecycleUrl) await validate(lifecycleUrl);
      const subscription: EmulatedSubscription = {
        id: randomUUID(),
        resource: input.resource.replace(/^\//, ''),
        mailboxId,
        changeType: types.join(','),
        notificationUrl: input.notificationUrl,
        lifecycleNotificationUrl: input.lifecycleNotificationUrl ?? null,
        clientState: input.clientState ?? null,
        expirationDateTime,
        applicationId,
      };
      subscriptions.set(subscription.id, subscription);
      return render(subscription);
    },
    renew(id: string, patch: z.infer<typeof subscriptionPatch>) {
      const subscription = live().find((candidate) => candidate.id === id);
      if (!subscription)
        throw new SubscriptionFailure(
          404,
          'ResourceNotFound',
          `The object was not found: subscription '${id}'.`,
        );
      subscription.expirationDateTime = expiryOf(patch.expirationDateTime);
      return render(subscription);
    },
    remove(id: string) {
      if (!live().some((candidate) => candidate.id === id))
        throw new SubscriptionFailure(
          404,
          'ResourceNotFound',
          `The object was not found: subscription '${id}'.`,
        );
      subscriptions.delete(id);
    },
    list: (applicationId: string) =>
      live()
        .filter((subscription) => subscription.applicationId === applicationId)
        .map(render),
    /** One event of `mailboxId` changed: every live subscription on it that asked for this change hears. */
    changed(mailboxId: string, event: { id: string; changeKey: string }, changeType: ChangeType) {
      for (const subscription of live()) {
        if (subscription.mailboxId !== mailboxId) continue;
        if (!subscription.changeType.split(',').includes(changeType)) continue;
        if (dropChanges) {
          deliveries.push({ subscriptionId: subscription.id, kind: 'change', status: 0, dropped: true });
          continue;
        }
        post(subscription, subscription.notificationUrl, 'change', {
          subscriptionId: subscription.id,
          subscriptionExpirationDateTime: subscription.expirationDateTime,
          changeType,
          resource: `Users/${mailboxId}/Events/${event.id}`,
          resourceData: {
            '@odata.type': '#Microsoft.Graph.Event',
            '@odata.id': `Users/${mailboxId}/Events/${event.id}`,
            '@odata.etag': `W/"${event.changeKey}"`,
            id: event.id,
          },
          clientState: subscription.clientState,
          tenantId: options.tenantId,
        });
      }
    },
    /** Test control: sends a lifecycle event; `subscriptionRemoved` also ends the subscription, as Graph does. */
    sendLifecycle(id: string, event: LifecycleEvent) {
      const subscription = subscriptions.get(id);
      if (!subscription) throw new Error(`no subscription ${id}`);
      if (event === 'subscriptionRemoved') subscriptions.delete(id);
      lifecycle(subscription, event);
    },
    dropChangeNotifications(drop: boolean) {
      dropChanges = drop;
    },
    all: () => live().map((subscription) => ({ ...subscription })),
    deliveries: () => [...deliveries],
    /** Resolves when every notification sent so far has been answered (or timed out). */
    async settled(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    clear() {
      subscriptions.clear();
      deliveries.length = 0;
      dropChanges = false;
    },
  };
}

function render(subscription: EmulatedSubscription) {
  return {
    id: subscription.id,
    resource: subscription.resource,
    applicationId: subscription.applicationId,
    changeType: subscription.changeType,
    clientState: subscription.clientState,
    notificationUrl: subscription.notificationUrl,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
    expirationDateTime: subscription.expirationDateTime,
    creatorId: subscription.applicationId,
    latestSupportedTlsVersion: 'v1_2',
  };
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
