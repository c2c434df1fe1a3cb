// Graph change notifications and delta for Outlook calendars: the calls the calendar watch
// (src/calendar-watch/) makes. Subscriptions: "Receive change notifications through webhooks" (POST,
// PATCH to renew, DELETE /subscriptions). Catch-up: "event: delta" on a calendarView, whose links keep
// the window and are opaque. Every answer we read is checked with zod.
import { z } from 'zod';
import type { EventChange } from '../interviews/calendar-changes.ts';
import type { AttendeeResponse } from '../interviews/calendar.port.ts';

export type { EventChange };
import { instantOf } from './graph-calendar.ts';
import type { GraphClient } from './graph-client.ts';
import { GraphError } from './graph-errors.ts';

export interface NewSubscription {
  /** `users/{id}/events`: every event of the mailbox. */
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  expirationDateTime: Date;
  /** Our secret for this subscription (at most 128 characters); Graph sends it with every notification. */
  clientState: string;
}

export interface SubscriptionInfo {
  id: string;
  expiresAt: Date;
}

export interface DeltaRound {
  changes: EventChange[];
  /** Where the next round starts (the last page's @odata.deltaLink). */
  deltaLink: string;
}

export interface GraphSubscriptions {
  create(subscription: NewSubscription): Promise<SubscriptionInfo>;
  /** Null when Graph no longer has it (expired or removed): the caller makes a new one. */
  renew(id: string, expirationDateTime: Date): Promise<SubscriptionInfo | null>;
  /** Already gone counts as done. */
  remove(id: string): Promise<void>;
  /** The ids of the subscriptions Graph holds for this app (every page). */
  list(): Promise<string[]>;
  /**
   * One delta round of a mailbox's calendarView: from `deltaLink`, or a full round over `window` when
   * there is none. Every page is read (no cap).
   */
  calendarDelta(
    mailbox: string,
    from: { deltaLink: string } | { window: { start: Date; end: Date } },
  ): Promise<DeltaRound>;
}

const subscriptionSchema = z.object({ id: z.string().min(1), expirationDateTime: z.string().min(1) });

const attendeeSchema = z.object({
  emailAddress: z.object({ address: z.string().optional().default('') }),
  status: z
    .object({
      response: z.enum(['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded']),
    })
    .nullish(),
});

const deltaItemSchema = z.union([
  z.object({ id: z.string().min(1), '@removed': z.object({ reason: z.string().optional() }) }),
  z.object({
    id: z.string().min(1),
    start: z.object({ dateTime: z.string(), timeZone: z.string().nullish() }),
    end: z.object({ dateTime: z.string(), timeZone: z.string().nullish() }),
    isCancelled: z.boolean().nullish(),
    attendees: z.array(attendeeSchema).nullish(),
  }),
]);

const deltaPageSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
  '@odata.deltaLink': z.string().optional(),
});

const invalid = (what: string) =>
  new GraphError(
    502,
    'InvalidGraphResponse',
    `Graph answered with an unexpected shape for ${what}`,
    undefined,
    undefined,
  );

const PREFER_UTC = { Prefer: 'outlook.timezone="UTC"' };

export function createGraphSubscriptions(graph: GraphClient): GraphSubscriptions {
  const info = (body: unknown): SubscriptionInfo => {
    const parsed = subscriptionSchema.safeParse(body);
    const expiresAt = parsed.success ? new Date(parsed.data.expirationDateTime) : undefined;
    if (!parsed.success || !expiresAt || Number.isNaN(expiresAt.getTime())) throw invalid('a subscription');
    return { id: parsed.data.id, expiresAt };
  };

  const toChange = (raw: unknown): EventChange | undefined => {
    const parsed = deltaItemSchema.safeParse(raw);
    if (!parsed.success) throw invalid('a delta item');
    const item = parsed.data;
    if ('@removed' in item) return { eventId: item.id, removed: true };
    const start = instantOf(item.start);
    const end = instantOf(item.end);
    if (start === undefined || end === undefined) throw invalid('a delta item');
    return {
      eventId: item.id,
      removed: false,
      state: {
        eventId: item.id,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        isCancelled: item.isCancelled ?? false,
        attendees: (item.attendees ?? []).map((attendee): AttendeeResponse => ({
          address: attendee.emailAddress.address,
          response: attendee.status?.response ?? 'none',
        })),
      },
    };
  };

  return {
    async create(subscription) {
      return info(
        await graph.post('/subscriptions', {
          changeType: subscription.changeType,
          notificationUrl: subscription.notificationUrl,
          lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
          resource: subscription.resource,
          expirationDateTime: subscription.expirationDateTime.toISOString(),
          clientState: subscription.clientState,
        }),
      );
    },
    async renew(id, expirationDateTime) {
      try {
        return info(
          await graph.patch(`/subscriptions/${encodeURIComponent(id)}`, {
            expirationDateTime: expirationDateTime.toISOString(),
          }),
        );
      } catch (error) {
        if (error instanceof GraphError && error.status === 404) return null;
        throw error;
      }
    },
    async remove(id) {
      try {
        await graph.delete(`/subscriptions/${encodeURIComponent(id)}`);
      } catch (error) {
        if (error instanceof GraphError && error.status === 404) return;
        throw error;
      }
    },
    async list() {
      const items = await graph.getAll<unknown>('/subscriptions');
      return items.map((item) => {
        const parsed = z.object({ id: z.string().min(1) }).safeParse(item);
        if (!parsed.success) throw invalid('a subscription');
        return parsed.data.id;
      });
    },
    async calendarDelta(mailbox, from) {
      let next =
        'deltaLink' in from
          ? from.deltaLink
          : `/users/${encodeURIComponent(mailbox)}/calendarView/delta?startDateTime=${from.window.start.toISOString()}&endDateTime=${from.window.end.toISOString()}`;
      const changes = new Map<string, EventChange>();
      for (;;) {
        const parsed = deltaPageSchema.safeParse(await graph.get(next, PREFER_UTC));
        if (!parsed.success) throw invalid('a delta page');
        for (const raw of parsed.data.value) {
          const change = toChange(raw);
          // A later page may report the same event again: the last word counts.
          if (change) changes.set(change.eventId, change);
        }
        if (parsed.data['@odata.deltaLink'])
          return { changes: [...changes.values()], deltaLink: parsed.data['@odata.deltaLink'] };
        if (!parsed.data['@odata.nextLink']) throw invalid('a delta page (no next or delta link)');
        next = parsed.data['@odata.nextLink'];
      }
    },
  };
}
