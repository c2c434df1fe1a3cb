// Changes to events created through Graph, in order: what change notifications report and what
// calendarView/delta reads after a delta token.
import { isInstance, type StoredEvent } from './calendars.ts';
import type { EmulatorContext } from './context.ts';
import type { EventStore } from './event-store.ts';
import { GraphFailure } from './graph-http.ts';
import type { SeedPerson } from './seed-organisation.ts';
import type { createSubscriptionService } from './subscriptions.ts';
import { timeWindowOf, toUtc } from './time-zones.ts';

type Snapshot = Map<string, { event: StoredEvent; signature: string }>;

export function createCalendarChanges(
  ctx: EmulatorContext,
  subscriptionService: ReturnType<typeof createSubscriptionService>,
  renderEvent: EventStore['renderEvent'],
) {
  const { state, eventsOf } = ctx;
  /**
   * Every change to a created event, in order: what calendarView/delta reads after a delta token, and
   * what change notifications report. Seeded events never change.
   */
  const changeLog: Array<{ seq: number; mailboxId: string; eventId: string }> = [];
  let changeSeq = 0;
  const signatureOf = (event: StoredEvent) =>
    `${event.changeKey}|${event.isCancelled}|${event.responseStatus.response}|${event.attendees
      .map((attendee) => attendee.status.response)
      .join(',')}`;

  /** The created events before a write, for `recordChanges` after it. */
  const snapshot = (): Snapshot =>
    new Map(state.created.map((event) => [event.id, { event, signature: signatureOf(event) }]));

  /** Compares the created events with a snapshot taken before a write: logs and notifies each change. */
  const recordChanges = (before: Snapshot) => {
    const note = (event: StoredEvent, changeType: 'created' | 'updated' | 'deleted') => {
      changeSeq += 1;
      changeLog.push({ seq: changeSeq, mailboxId: event.mailboxId, eventId: event.id });
      subscriptionService.changed(event.mailboxId, event, changeType);
    };
    for (const event of state.created) {
      const earlier = before.get(event.id);
      if (!earlier) note(event, 'created');
      else if (earlier.signature !== signatureOf(event)) note(event, 'updated');
    }
    const remaining = new Set(state.created.map((event) => event.id));
    for (const [id, { event }] of before) if (!remaining.has(id)) note(event, 'deleted');
  };

  /**
   * GET …/calendarView/delta ("event: delta", "Get incremental changes to events in a calendar view"):
   * a first round returns every event in the window, then a @odata.deltaLink; a round from a delta link
   * returns the events changed since, and `{ id, @removed }` for those gone. The links keep the window.
   */
  const calendarDelta = (owner: SeedPerson, query: URLSearchParams, zone: string) => {
    type Token = { start: string; end: string; after: number; upTo: number; offset: number };
    const encode = (token: Token) => Buffer.from(JSON.stringify(token)).toString('base64url');
    const decode = (text: string): Token => {
      try {
        return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Token;
      } catch {
        throw new GraphFailure(400, 'ErrorInvalidUrlQuery', 'The delta token is invalid.');
      }
    };
    const skip = query.get('$skiptoken');
    const deltaToken = query.get('$deltatoken');
    let token: Token;
    if (skip) token = decode(skip);
    else if (deltaToken) token = { ...decode(deltaToken), upTo: changeSeq, offset: 0 };
    else {
      const [startText, endText] = timeWindowOf(query);
      token = {
        start: toUtc({ dateTime: startText, timeZone: 'UTC' }).toISOString(),
        end: toUtc({ dateTime: endText, timeZone: 'UTC' }).toISOString(),
        after: -1,
        upTo: changeSeq,
        offset: 0,
      };
    }
    const from = new Date(token.start);
    const to = new Date(token.end);
    // Like calendarView, its delta reports occurrences and exceptions of a recurring meeting, not the master.
    const inWindow = (event: StoredEvent) =>
      isInstance(event) && new Date(event.startUtc) < to && new Date(event.endUtc) > from;
    let items: unknown[];
    if (token.after < 0) {
      items = eventsOf(owner.id)
        .filter(inWindow)
        .sort((a, b) => a.startUtc.localeCompare(b.startUtc))
        .map((event) => renderEvent(event, zone));
    } else {
      const ids = [
        ...new Set(
          changeLog
            .filter(
              (entry) => entry.mailboxId === owner.id && entry.seq > token.after && entry.seq <= token.upTo,
            )
            .map((entry) => entry.eventId),
        ),
      ];
      items = ids.flatMap((id) => {
        const event = state.created.find(
          (candidate) => candidate.id === id && candidate.mailboxId === owner.id,
        );
        if (event && !isInstance(event)) return [];
        return event && inWindow(event)
          ? renderEvent(event, zone)
          : { '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } };
      });
    }
    const pageSize = 50;
    const slice = items.slice(token.offset, token.offset + pageSize);
    const base = `${ctx.urls.graph}/v1.0/users/${owner.id}/calendarView/delta`;
    const more = token.offset + pageSize < items.length;
    return {
      '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#Collection(event)`,
      value: slice,
      ...(more
        ? { '@odata.nextLink': `${base}?$skiptoken=${encode({ ...token, offset: token.offset + pageSize })}` }
        : {
            '@odata.deltaLink': `${base}?$deltatoken=${encode({ ...token, after: token.upTo, offset: 0 })}`,
          }),
    };
  };

  return { snapshot, recordChanges, calendarDelta };
}
export type CalendarChanges = ReturnType<typeof createCalendarChanges>;
