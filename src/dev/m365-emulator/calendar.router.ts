// A mailbox's calendar: getSchedule, calendarView (and its delta), and events (create, list with an
// extended property filter, get, patch, delete, cancel, and an attendee's answers).
import type { CalendarChanges } from './calendar-changes.ts';
import type { EmulatorContext } from './context.ts';
import { isInstance, isListedEvent, type StoredEvent } from './calendars.ts';
import { eventInput, eventPatch, type EventStore } from './event-store.ts';
import { GraphFailure, ok, parseBody, select, userScoped, type GraphRouter } from './graph-http.ts';
import { scheduleInput, type createSchedule } from './schedule.ts';
import { timeWindowOf, toUtc } from './time-zones.ts';
import { randomUUID } from 'node:crypto';

/**
 * The one $filter form on events the emulator knows, as "Get singleValueLegacyExtendedProperty"
 * documents it: `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')`. The name in
 * the id compares case-sensitively, the value case-insensitively (as documented).
 */
function extendedPropertyFilter(filter: string): { id: string; value: string } | undefined {
  const quoted = "'((?:[^']|'')*)'";
  const match = new RegExp(
    `^singleValueExtendedProperties/any\\((\\w+):\\s*\\1/id eq ${quoted} and \\1/value eq ${quoted}\\)$`,
    'i',
  ).exec(filter.trim());
  if (!match) return undefined;
  return { id: match[2]!.replace(/''/g, "'"), value: match[3]!.replace(/''/g, "'") };
}

/**
 * Extended property ids compare like Exchange: the type and the GUID namespace without regard to case,
 * the name (after `Name`) exactly ("Filtering the string name (Name) in the id … is case-sensitive").
 */
function sameExtendedPropertyId(stored: string, wanted: string): boolean {
  const split = (id: string) => {
    const match = /^(\w+)\s+\{([0-9a-f-]+)\}\s+Name\s+(.+)$/i.exec(id.trim());
    return match ? `${match[1]!.toLowerCase()} ${match[2]!.toLowerCase()} ${match[3]!}` : id.trim();
  };
  return split(stored) === split(wanted);
}

export function createCalendarRouter(
  ctx: EmulatorContext,
  events: EventStore,
  changes: CalendarChanges,
  schedule: ReturnType<typeof createSchedule>,
): GraphRouter {
  const { now, state, saveState, eventsOf, page, mailboxPerson } = ctx;
  /**
   * Cancelling or deleting a series master takes its occurrences with it; the attendees' copies are
   * cancelled ("event: cancel": "cancels all its occurrences" when it is a series master).
   */
  const removeEvent = (event: StoredEvent) => {
    const gone = new Set([event, ...events.instancesOf(event)]);
    for (const removed of gone) for (const copy of events.copiesOf(removed)) copy.isCancelled = true;
    state.created = state.created.filter((candidate) => !gone.has(candidate));
  };
  const { calendarDelta } = changes;
  return ({ method, segments, query, headers, caller, body, zone }) => {
    const scoped = userScoped(segments);
    if (!scoped) return undefined;
    const { ownerSegment, rest } = scoped;
    const owner = mailboxPerson(ownerSegment, caller);
    if (rest[0] === 'calendar' && rest[1] === 'getSchedule' && method === 'POST') {
      return ok(200, schedule(parseBody(scheduleInput, body), zone));
    }
    const eventsPath = rest[0] === 'calendar' ? rest.slice(1) : rest;
    if (eventsPath[0] === 'calendarView' && eventsPath[1] === 'delta' && method === 'GET')
      return ok(200, calendarDelta(owner, query, zone));
    if (eventsPath[0] === 'calendarView' && method === 'GET') {
      const [startText, endText] = timeWindowOf(query);
      const from = toUtc({ dateTime: startText, timeZone: 'UTC' });
      const to = toUtc({ dateTime: endText, timeZone: 'UTC' });
      // calendarView expands recurring meetings: occurrences and exceptions, never the series master.
      const list = eventsOf(owner.id)
        .filter(
          (event) => isInstance(event) && new Date(event.startUtc) < to && new Date(event.endUtc) > from,
        )
        .sort((a, b) => a.startUtc.localeCompare(b.startUtc));
      return ok(
        200,
        page(
          list.map((event) => events.renderEvent(event, zone)),
          query,
          `/users/${owner.id}/calendarView`,
          `users('${owner.id}')/calendarView`,
        ),
      );
    }
    if (eventsPath[0] === 'events') {
      if (eventsPath.length === 1 && method === 'POST') {
        const { status, event } = events.createEvent(owner, parseBody(eventInput, body));
        return ok(status, {
          '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#users('${owner.id}')/events/$entity`,
          ...events.renderEvent(event, zone),
        });
      }
      if (eventsPath.length === 1 && method === 'GET') {
        const filter = query.get('$filter');
        const byProperty = filter ? extendedPropertyFilter(filter) : undefined;
        if (filter && !byProperty)
          throw new GraphFailure(
            400,
            'ErrorInvalidUrlQueryFilter',
            'The query filter contains one or more invalid nodes.',
          );
        const matching = eventsOf(owner.id).filter(
          (event) =>
            isListedEvent(event) &&
            (!byProperty ||
              (event.extendedProperties ?? []).some(
                (property) =>
                  sameExtendedPropertyId(property.id, byProperty.id) &&
                  property.value.toLowerCase() === byProperty.value.toLowerCase(),
              )),
        );
        return ok(
          200,
          page(
            matching.map((event) => select(events.renderEvent(event, zone), query)),
            query,
            `/users/${owner.id}/events`,
            `users('${owner.id}')/events`,
          ),
        );
      }
      const event = events.findEvent(owner, eventsPath[1] ?? '');
      if (eventsPath.length === 2 && method === 'GET') return ok(200, events.renderEvent(event, zone));
      // "List instances": the occurrences and exceptions of a series master in a window that must be
      // given; cancelled occurrences are not listed.
      if (eventsPath.length === 3 && eventsPath[2] === 'instances' && method === 'GET') {
        const [startText, endText] = timeWindowOf(query);
        const from = toUtc({ dateTime: startText, timeZone: 'UTC' });
        const to = toUtc({ dateTime: endText, timeZone: 'UTC' });
        const list = events
          .instancesOf(event)
          .filter((instance) => new Date(instance.startUtc) < to && new Date(instance.endUtc) > from)
          .sort((a, b) => a.startUtc.localeCompare(b.startUtc));
        return ok(
          200,
          page(
            list.map((instance) => select(events.renderEvent(instance, zone), query)),
            query,
            `/users/${owner.id}/events/${event.id}/instances`,
            `users('${owner.id}')/events('${event.id}')/instances`,
          ),
        );
      }
      if (eventsPath.length === 2 && method === 'PATCH') {
        if (event.seeded) throw new GraphFailure(403, 'ErrorAccessDenied', 'Access is denied.');
        // Optimistic concurrency: an If-Match with an older @odata.etag than the event's current
        // one means someone changed it since the caller read it (412 ErrorIrresolvableConflict).
        const ifMatch = headers['if-match']?.trim();
        if (ifMatch && ifMatch !== '*' && ifMatch !== `W/"${event.changeKey}"`)
          throw new GraphFailure(
            412,
            'ErrorIrresolvableConflict',
            'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
          );
        const patch = parseBody(eventPatch, body);
        // Attendees first: a change the mailbox may not send now leaves the event as it was.
        if (patch.attendees && event.isOrganizer) events.replaceAttendees(event, patch.attendees);
        const shift =
          patch.start && event.type === 'seriesMaster'
            ? toUtc(patch.start).getTime() - new Date(event.startUtc).getTime()
            : 0;
        events.applyPatch(event, patch);
        if (event.isOrganizer)
          for (const copy of events.copiesOf(event)) events.applyPatch(copy, { ...patch, showAs: undefined });
        // A change to the series master reaches the occurrences not changed on their own (moved by as much).
        if (event.isOrganizer && event.type === 'seriesMaster') {
          const length = new Date(event.endUtc).getTime() - new Date(event.startUtc).getTime();
          for (const occurrence of events.instancesOf(event).filter((item) => item.type === 'occurrence')) {
            const start = new Date(occurrence.startUtc).getTime() + shift;
            const moved = {
              ...patch,
              showAs: undefined,
              start: { dateTime: new Date(start).toISOString(), timeZone: 'UTC' },
              end: { dateTime: new Date(start + length).toISOString(), timeZone: 'UTC' },
            };
            for (const target of [occurrence, ...events.copiesOf(occurrence)]) {
              events.applyPatch(target, moved);
              target.type = 'occurrence';
              if (shift) target.originalStartUtc = target.startUtc;
            }
          }
        }
        saveState();
        return ok(200, events.renderEvent(event, zone));
      }
      if (eventsPath.length === 2 && method === 'DELETE') {
        if (event.seeded) throw new GraphFailure(403, 'ErrorAccessDenied', 'Access is denied.');
        if (event.isOrganizer) removeEvent(event);
        else state.created = state.created.filter((candidate) => candidate !== event);
        saveState();
        return { status: 204 };
      }
      if (eventsPath.length === 3 && method === 'POST') {
        const action = eventsPath[2];
        if (action === 'cancel') {
          if (!event.isOrganizer)
            throw new GraphFailure(
              400,
              'ErrorInvalidRequest',
              "Your request can't be completed. You need to be an organizer to cancel a meeting.",
            );
          events.countMessages(event.mailboxId, event.attendees.length);
          removeEvent(event);
          saveState();
          return { status: 202 };
        }
        if (action === 'accept' || action === 'decline' || action === 'tentativelyAccept') {
          if (event.isOrganizer)
            throw new GraphFailure(
              400,
              'ErrorInvalidRequest',
              "Your request can't be completed. You can't respond to a meeting you organized.",
            );
          const response =
            action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'tentativelyAccepted';
          const time = now().toISOString();
          event.responseStatus = { response, time };
          event.showAs = response === 'accepted' ? 'busy' : response === 'declined' ? 'free' : 'tentative';
          const original = state.created.find(
            (candidate) => candidate.iCalUId === event.iCalUId && candidate.isOrganizer,
          );
          const attendee = original?.attendees.find(
            (candidate) => candidate.emailAddress.address.toLowerCase() === owner.mail.toLowerCase(),
          );
          if (original && attendee) {
            attendee.status = { response, time };
            original.changeKey = randomUUID().slice(0, 12);
            original.lastModifiedDateTime = time;
          }
          saveState();
          return { status: 202 };
        }
      }
    }
    return undefined;
  };
}
