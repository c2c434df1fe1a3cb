// Outlook events created through Graph: how a create, a change of attendees and a patch reach the
// organizer's event and the attendees' copies (invitations, cancellations), and how an event renders.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { newEventIds, type Attendee, type StoredEvent } from './calendars.ts';
import { expandRecurrence, recurrenceInput } from './recurrence.ts';
import type { EmulatorContext } from './context.ts';
import { GraphFailure } from './graph-http.ts';
import type { SeedPerson } from './seed-organisation.ts';
import type { Throttling } from './throttling.ts';
import { fromUtc, toUtc } from './time-zones.ts';

export const dateTimeTimeZone = z.object({ dateTime: z.string().min(10), timeZone: z.string().optional() });
const emailAddress = z.object({ address: z.string().min(3), name: z.string().optional() });
export const eventInput = z.object({
  subject: z.string().max(255).optional(),
  body: z.object({ contentType: z.enum(['text', 'html', 'Text', 'HTML']), content: z.string() }).optional(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  attendees: z
    .array(z.object({ emailAddress, type: z.enum(['required', 'optional', 'resource']).optional() }))
    .max(500)
    .optional(),
  location: z.object({ displayName: z.string() }).optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z
    .enum(['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer', 'unknown'])
    .optional(),
  transactionId: z.string().max(255).optional(),
  // "Create single-value extended property": a String property named in a GUID namespace.
  singleValueExtendedProperties: z
    .array(z.object({ id: z.string().min(1), value: z.string() }))
    .max(100)
    .optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
  allowNewTimeProposals: z.boolean().optional(),
  isReminderOn: z.boolean().optional(),
  recurrence: recurrenceInput.optional(),
});
export const eventPatch = eventInput
  .partial()
  .omit({ transactionId: true, singleValueExtendedProperties: true, recurrence: true });

/** JSON with keys sorted at every level, so two bodies compare by content, not key order. */
export function canonicalJson(value: unknown): string {
  const sorted = (item: unknown): unknown =>
    Array.isArray(item)
      ? item.map(sorted)
      : item && typeof item === 'object'
        ? Object.fromEntries(
            Object.entries(item as Record<string, unknown>)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, entry]) => [key, sorted(entry)]),
          )
        : item;
  return JSON.stringify(sorted(value));
}

type AttendeeInput = NonNullable<z.infer<typeof eventInput>['attendees']>[number];

export type EventStore = ReturnType<typeof createEventStore>;

export function createEventStore(ctx: EmulatorContext, countMessages: Throttling['countMessages']) {
  const { now, tenantId, findPerson, state, saveState, eventsOf } = ctx;
  /** Per mailbox id: allowedOnlineMeetingProviders when set; otherwise Teams for licensed accounts only. */
  const meetingProviders = new Map<string, Array<'teamsForBusiness'>>();
  // Teams comes with a Microsoft 365 suite licence; a mailbox without one (the seeded shared training
  // mailbox, like shared and resource mailboxes Exchange creates) cannot host Teams meetings.
  const defaultMeetingProviders = (person: SeedPerson): Array<'teamsForBusiness'> =>
    (person.licensed ?? !person.isMailbox) ? ['teamsForBusiness'] : [];

  /** An invitation not answered yet; the name from the directory when the request gave none. */
  const newAttendee = (attendee: AttendeeInput): Attendee => ({
    type: attendee.type ?? 'required',
    status: { response: 'none', time: '0001-01-01T00:00:00Z' },
    emailAddress: {
      name:
        attendee.emailAddress.name ??
        findPerson(attendee.emailAddress.address)?.displayName ??
        attendee.emailAddress.address,
      address: attendee.emailAddress.address,
    },
  });

  const renderEvent = (event: StoredEvent, zone: string) => ({
    '@odata.etag': `W/"${event.changeKey}"`,
    id: event.id,
    iCalUId: event.iCalUId,
    transactionId: event.transactionId,
    createdDateTime: event.createdDateTime,
    lastModifiedDateTime: event.lastModifiedDateTime,
    changeKey: event.changeKey,
    subject: event.subject,
    bodyPreview: event.bodyPreview,
    body: event.body,
    start: fromUtc(event.startUtc, zone),
    end: fromUtc(event.endUtc, zone),
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled,
    isOrganizer: event.isOrganizer,
    showAs: event.showAs,
    responseStatus: event.responseStatus,
    location: event.location,
    attendees: event.attendees,
    organizer: event.organizer,
    isOnlineMeeting: event.isOnlineMeeting,
    onlineMeetingProvider: event.onlineMeetingProvider,
    onlineMeeting: event.onlineMeeting,
    type: event.type ?? 'singleInstance',
    seriesMasterId: event.seriesMasterId ?? null,
    ...(event.originalStartUtc ? { originalStart: event.originalStartUtc } : {}),
    recurrence: event.recurrence ?? null,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
  });

  const findEvent = (owner: SeedPerson, eventId: string): StoredEvent => {
    const event = eventsOf(owner.id).find((candidate) => candidate.id === eventId);
    if (!event)
      throw new GraphFailure(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    return event;
  };

  const copiesOf = (event: StoredEvent) =>
    state.created.filter((candidate) => candidate.iCalUId === event.iCalUId && candidate.id !== event.id);

  const createEvent = (
    owner: SeedPerson,
    input: z.infer<typeof eventInput>,
  ): { status: number; event: StoredEvent } => {
    const sentBody = canonicalJson(input);
    if (input.transactionId) {
      const existing = state.created.find(
        (event) =>
          event.mailboxId === owner.id && event.transactionId === input.transactionId && event.isOrganizer,
      );
      // Microsoft documents transactionId only as protection against redundant POSTs on retry. Handing
      // back the first event for an identical body, and refusing a reused id with a different body
      // (400 ErrorDuplicateTransactionId), are what users report of real Graph: callers must depend
      // on neither, and the refusal is what breaks naive crash recovery, so the emulator shows it.
      if (existing?.transactionBody && existing.transactionBody !== sentBody)
        throw new GraphFailure(
          400,
          'ErrorDuplicateTransactionId',
          'An item with the same transaction id already exists with different content.',
        );
      if (existing) return { status: 201, event: existing };
    }
    const start = toUtc(input.start);
    const end = toUtc(input.end);
    if (end.getTime() <= start.getTime())
      throw new GraphFailure(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
    const occurrenceStarts = input.recurrence
      ? expandRecurrence(input.recurrence, start.getTime(), input.start.timeZone ?? 'UTC')
      : [];
    const stamp = now().toISOString();
    const ids = newEventIds();
    // A mailbox whose calendar does not allow Teams (no licence: shared and resource mailboxes) still
    // gets its event, 201, without an online meeting ("Create or set an event as an online meeting in
    // an Outlook calendar": allowedOnlineMeetingProviders).
    const online =
      input.isOnlineMeeting === true &&
      (input.onlineMeetingProvider ?? 'teamsForBusiness') === 'teamsForBusiness' &&
      (meetingProviders.get(owner.id) ?? defaultMeetingProviders(owner)).includes('teamsForBusiness');
    countMessages(owner.id, (input.attendees ?? []).length);
    const meetingId = randomUUID();
    const attendees: Attendee[] = (input.attendees ?? []).map(newAttendee);
    const content = input.body?.content ?? '';
    const event: StoredEvent = {
      ...ids,
      mailboxId: owner.id,
      transactionId: input.transactionId ?? null,
      transactionBody: input.transactionId ? sentBody : null,
      extendedProperties: input.singleValueExtendedProperties ?? [],
      subject: input.subject ?? '',
      bodyPreview: content.replace(/<[^>]+>/g, '').slice(0, 255),
      body: { contentType: input.body?.contentType.toLowerCase() === 'html' ? 'html' : 'text', content },
      startUtc: start.toISOString(),
      endUtc: end.toISOString(),
      showAs: input.showAs ?? 'busy',
      isAllDay: false,
      isCancelled: false,
      isOrganizer: true,
      isOnlineMeeting: online,
      onlineMeetingProvider: online ? 'teamsForBusiness' : 'unknown',
      onlineMeeting: online
        ? {
            joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${Buffer.from(meetingId).toString('base64url')}%40thread.v2/0?context=%7b%22Tid%22%3a%22${tenantId}%22%2c%22Oid%22%3a%22${owner.id}%22%7d`,
          }
        : null,
      organizer: { emailAddress: { name: owner.displayName, address: owner.mail } },
      attendees,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      location: input.location ?? { displayName: online ? 'Microsoft Teams 会議' : '' },
      createdDateTime: stamp,
      lastModifiedDateTime: stamp,
      changeKey: randomUUID().slice(0, 12),
      seeded: false,
      ...(input.recurrence ? { type: 'seriesMaster' as const, recurrence: input.recurrence } : {}),
    };
    state.created.push(event);
    deliverInvitations(event, attendees);
    // A recurring meeting: one stored event per occurrence, each with its own id and its attendees' copies.
    const length = end.getTime() - start.getTime();
    for (const occurrenceStart of occurrenceStarts) {
      const occurrence: StoredEvent = {
        ...event,
        ...newEventIds(),
        transactionId: null,
        transactionBody: null,
        extendedProperties: [],
        attendees: attendees.map((attendee) => ({ ...attendee })),
        startUtc: new Date(occurrenceStart).toISOString(),
        endUtc: new Date(occurrenceStart + length).toISOString(),
        type: 'occurrence',
        seriesMasterId: event.id,
        originalStartUtc: new Date(occurrenceStart).toISOString(),
        recurrence: null,
      };
      state.created.push(occurrence);
      deliverInvitations(occurrence, occurrence.attendees);
    }
    if (occurrenceStarts.length > 0) {
      // Each attendee's occurrences name the attendee's own copy of the series master.
      const masterCopies = new Map(copiesOf(event).map((copy) => [copy.mailboxId, copy.id]));
      for (const copy of state.created)
        if (copy.seriesMasterId === event.id && !copy.isOrganizer)
          copy.seriesMasterId = masterCopies.get(copy.mailboxId) ?? null;
    }
    saveState();
    return { status: 201, event };
  };

  /** The organizer's occurrences and exceptions of a series master (none for a single event). */
  const instancesOf = (master: StoredEvent) =>
    master.type === 'seriesMaster'
      ? state.created.filter(
          (candidate) => candidate.seriesMasterId === master.id && candidate.mailboxId === master.mailboxId,
        )
      : [];

  /** Outlook delivers the invitation: each attendee in this tenant gets their own copy. */
  const deliverInvitations = (event: StoredEvent, attendees: Attendee[]) => {
    for (const attendee of attendees) {
      const invitee = findPerson(attendee.emailAddress.address);
      if (!invitee || invitee.id === event.mailboxId) continue;
      const existing = copiesOf(event).find((copy) => copy.mailboxId === invitee.id);
      if (existing) {
        existing.isCancelled = false;
        continue;
      }
      state.created.push({
        ...event,
        id: newEventIds().id,
        mailboxId: invitee.id,
        isOrganizer: false,
        transactionId: null,
        transactionBody: null,
        extendedProperties: [],
        responseStatus: { response: 'none', time: '0001-01-01T00:00:00Z' },
        showAs: 'tentative',
      });
    }
  };

  /**
   * PATCH attendees replaces the whole list, as in Graph: kept attendees keep their response, new ones
   * are invited, removed ones get a cancellation.
   */
  const replaceAttendees = (
    event: StoredEvent,
    next: NonNullable<z.infer<typeof eventPatch>['attendees']>,
  ) => {
    const previous = new Map(
      event.attendees.map((attendee) => [attendee.emailAddress.address.toLowerCase(), attendee]),
    );
    const nextAddresses = new Set(next.map((attendee) => attendee.emailAddress.address.toLowerCase()));
    countMessages(
      event.mailboxId,
      next.filter((attendee) => !previous.has(attendee.emailAddress.address.toLowerCase())).length +
        [...previous.keys()].filter((address) => !nextAddresses.has(address)).length,
    );
    const attendees: Attendee[] = next.map((attendee) => {
      const kept = previous.get(attendee.emailAddress.address.toLowerCase());
      if (kept) return { ...kept, type: attendee.type ?? kept.type };
      return newAttendee(attendee);
    });
    const invited = new Set(
      attendees.map((attendee) => findPerson(attendee.emailAddress.address)?.id).filter(Boolean),
    );
    event.attendees = attendees;
    for (const copy of copiesOf(event)) {
      copy.attendees = attendees;
      if (!invited.has(copy.mailboxId)) copy.isCancelled = true;
    }
    deliverInvitations(event, attendees);
  };

  const applyPatch = (event: StoredEvent, patch: z.infer<typeof eventPatch>) => {
    if (patch.subject !== undefined) event.subject = patch.subject;
    if (patch.body)
      event.body = {
        contentType: patch.body.contentType.toLowerCase() === 'html' ? 'html' : 'text',
        content: patch.body.content,
      };
    if (patch.start) event.startUtc = toUtc(patch.start).toISOString();
    if (patch.end) event.endUtc = toUtc(patch.end).toISOString();
    if (patch.location) event.location = patch.location;
    if (patch.showAs && event.isOrganizer) event.showAs = patch.showAs;
    if (new Date(event.endUtc).getTime() <= new Date(event.startUtc).getTime())
      throw new GraphFailure(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
    // An occurrence changed on its own is an exception from then on ("event resource type": type).
    if (event.type === 'occurrence') event.type = 'exception';
    event.lastModifiedDateTime = now().toISOString();
    event.changeKey = randomUUID().slice(0, 12);
  };

  return {
    countMessages,
    renderEvent,
    findEvent,
    copiesOf,
    instancesOf,
    createEvent,
    replaceAttendees,
    applyPatch,
    setOnlineMeetingProviders: (mailboxId: string, providers: Array<'teamsForBusiness'>) => {
      meetingProviders.set(mailboxId, [...providers]);
    },
    reset: () => meetingProviders.clear(),
  };
}
