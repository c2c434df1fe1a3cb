// What the interview and training slices need from Outlook calendars. The Graph adapter
// (src/graph/graph-calendar.ts) implements it with getSchedule and events, packed into $batch calls.
import type { CalendarItem } from './slot-finder.ts';

export interface ScheduleWindow {
  /** ISO instants; Graph requires the window to be shorter than 62 days. */
  start: string;
  end: string;
}

/** One mailbox's free/busy: only start, end and status are read, never subjects or locations. */
export interface MailboxSchedule {
  mailbox: string;
  /** null when Graph could not read this mailbox (unknown user, no permission, …). */
  items: CalendarItem[] | null;
  error?: { code: string; message: string };
}

export interface NewCalendarEvent {
  /**
   * Sent as Graph's transactionId, which only protects a POST retried with the same body. Callers use
   * one per attempt (see attemptTransactionId): Graph is reported to refuse a reused id with another body.
   */
  transactionId: string;
  /**
   * Our own id for the event, stored on it as a single-value extended property: a retry after a crash
   * finds the event by it (findEventByKey) instead of counting on transactionId.
   */
  key: string;
  /** The organizer's mailbox (id or UPN): the event is created in their calendar. */
  organizer: string;
  subject: string;
  /** HTML body (escaped by the caller). */
  bodyHtml: string;
  start: string;
  end: string;
  /** Required attendees' mailboxes (UPN or mail). */
  attendees: Array<{ address: string; name: string }>;
  /** Adds a Teams meeting (isOnlineMeeting + teamsForBusiness). */
  online: boolean;
  location?: string;
  /**
   * Makes it one recurring meeting: every `intervalWeeks` weeks on the start's weekday (Japan time), for
   * `occurrences` occurrences. The created event is then the series master.
   */
  recurrence?: { intervalWeeks: number; occurrences: number };
}

/** One occurrence (or exception) of a recurring meeting, as `GET …/events/{id}/instances` lists it. */
export interface EventInstance {
  eventId: string;
  /** Where the occurrence was first put by the recurrence (ISO instant); stays when it is moved. */
  originalStart: string;
  start: string;
  end: string;
}

export interface CreatedCalendarEvent {
  transactionId: string;
  eventId: string;
  joinUrl: string | null;
  webLink: string | null;
}

export type CreateEventOutcome =
  | { ok: true; event: CreatedCalendarEvent }
  | { ok: false; transactionId: string; status: number; code: string; message: string; retryable: boolean };

export interface AttendeeResponse {
  address: string;
  response: 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
}

export interface CalendarEventState {
  eventId: string;
  start: string;
  end: string;
  isCancelled: boolean;
  attendees: AttendeeResponse[];
}

export interface Calendar {
  /** Free/busy of many mailboxes: 20 per getSchedule call, several calls per $batch. */
  getSchedules(mailboxes: string[], window: ScheduleWindow, viewer: string): Promise<MailboxSchedule[]>;
  /** Creates events through $batch (20 per call); each outcome on its own, retried when throttled. */
  createEvents(events: NewCalendarEvent[]): Promise<CreateEventOutcome[]>;
  /**
   * Moves an event (organizer's calendar), and sets its place, subject or body when `details` gives them.
   */
  moveEvent(
    organizer: string,
    eventId: string,
    start: string,
    end: string,
    details?: { location?: string; subject?: string; bodyHtml?: string },
  ): Promise<void>;
  /** The organizer's event carrying our key (see NewCalendarEvent.key), or null when there is none. */
  findEventByKey(organizer: string, key: string): Promise<CreatedCalendarEvent | null>;
  /** Cancels an event, telling the attendees (organizer's calendar); already gone counts as done. */
  cancelEvent(organizer: string, eventId: string, comment: string): Promise<void>;
  /** Adds attendees to an existing event (training sessions grow as rosters are confirmed). */
  addAttendees(
    organizer: string,
    eventId: string,
    attendees: Array<{ address: string; name: string }>,
  ): Promise<void>;
  /** Takes attendees off an existing event; Outlook sends them a cancellation. Not on it: nothing to do. */
  removeAttendees(organizer: string, eventId: string, addresses: string[]): Promise<void>;
  /**
   * Reads events back for their Teams meeting: the join URL, or null when the event has none (yet) or no
   * longer exists. A create can answer 201 without one (the organizer's mailbox may not host Teams
   * meetings), so a link is only ever shown once it has been read here or in the create's answer.
   */
  getJoinUrls(events: Array<{ organizer: string; eventId: string }>): Promise<Array<string | null>>;
  /**
   * The occurrences and exceptions of a recurring meeting in a window (cancelled ones are not listed);
   * `seriesMasterId` is the event `createEvents` made with a recurrence.
   */
  listInstances(organizer: string, seriesMasterId: string, window: ScheduleWindow): Promise<EventInstance[]>;
  /** The current state of events (moved, cancelled, responses); null for an event that no longer exists. */
  getEvents(organizer: string, eventIds: string[]): Promise<Array<CalendarEventState | null>>;
}
