// Keeps Outlook in step with the interviews table. Rows that owe Outlook an action (create, move,
// cancel) are an outbox: a worker claims them with a lease, acts through the Calendar port and settles
// them. A crash leaves the lease to run out and the next run takes the rows again. Every event carries
// the row's key as an extended property, so a row tried before is first looked up by it: an event a
// POST made before the crash is brought up to date (time, agenda) or cancelled, never booked twice,
// and a booking edited in between is never re-sent under the transactionId of its first body.
import {
  attemptTransactionId,
  isRetryable,
  messageOf,
  retryAt as nextTry,
  statusOf,
} from '../jobs/outbox.ts';
import type { EventChange } from './calendar-changes.ts';
import type { CalendarEventState, CreatedCalendarEvent, NewCalendarEvent } from './calendar.port.ts';
import { eventBody, eventSubject } from './interview-content.ts';
import type { InterviewRow, InterviewStore } from './interview.store.ts';
import {
  readBackOptionsOf,
  countSettle,
  runOutbox,
  type OutlookWorkerOptions,
  type OutlookWorkerRun,
} from './outlook-worker.ts';
import { readBackJoinUrls } from './teams-link.ts';

export interface OutlookSyncOptions extends OutlookWorkerOptions {
  store: InterviewStore;
}

/** Interviews claimed per round. */
const CLAIM_SIZE = 100;
/** The reason a pending interview waits for its organizer's sending limit (the tab localises it). */
export const SENDING_LIMIT_WAIT =
  "Waiting for the organizer mailbox's sending limit (Exchange Online: 30 messages a minute)";

export function createOutlookSync(options: OutlookSyncOptions) {
  const { store, people, calendar, logger } = options;

  const retryAt = (attempts: number) => nextTry(options.now(), attempts, options.retryBaseMs);

  const mailboxes = async (rows: InterviewRow[]) => {
    const ids = [...new Set(rows.flatMap((row) => [row.organizerId, row.personId]))];
    return new Map((await people.getMany(ids)).map((person) => [person.id, person]));
  };

  type Directory = Awaited<ReturnType<typeof mailboxes>>;

  /** The event's subject and body as the interview is now; undefined when someone left the directory. */
  const contentOf = (row: InterviewRow, directory: Directory) => {
    const organizer = directory.get(row.organizerId);
    const person = directory.get(row.personId);
    if (!organizer || !person) return undefined;
    return {
      organizer,
      person,
      subject: eventSubject(row.type, person.displayName),
      bodyHtml: eventBody({
        type: row.type,
        personName: person.displayName,
        organizerName: organizer.displayName,
        agenda: row.agenda,
        actionItems: row.actionItems,
      }),
    };
  };

  /** The recurrence of a series' first occurrence (its create makes the recurring meeting). */
  const recurrences = async (rows: InterviewRow[]) => {
    const found = new Map<string, { intervalWeeks: number; occurrences: number }>();
    for (const row of rows)
      if (row.seriesId && row.seriesIndex === 0) {
        const series = await store.getSeries(row.seriesId);
        if (series)
          found.set(row.id, { intervalWeeks: series.intervalWeeks, occurrences: series.occurrences });
      }
    return found;
  };

  const toEvent = (
    row: InterviewRow,
    directory: Directory,
    recurrence?: { intervalWeeks: number; occurrences: number },
  ): NewCalendarEvent => {
    const content = contentOf(row, directory);
    if (!content) throw new Error(`interview ${row.id}: organizer or attendee not in the directory`);
    const { organizer, person, subject, bodyHtml } = content;
    return {
      transactionId: attemptTransactionId(row.transactionId, row.outlookAttempts),
      key: row.transactionId,
      organizer: organizer.id,
      subject,
      bodyHtml,
      start: row.startsAt.toISOString(),
      end: row.endsAt.toISOString(),
      attendees: [{ address: person.mail ?? person.userPrincipalName, name: person.displayName }],
      online: true,
      ...(recurrence ? { recurrence } : {}),
    };
  };

  /**
   * A series' recurring meeting was made (or found again by our key): note its master, give every later
   * occurrence its own occurrence's event (matched by the occurrence's original start, which a move in
   * Outlook keeps), and hand back the first occurrence's event for its own row to settle. An occurrence
   * Outlook no longer lists was deleted there: its record says so.
   */
  async function expandSeries(
    row: InterviewRow,
    organizer: string,
    master: CreatedCalendarEvent,
  ): Promise<CreatedCalendarEvent> {
    const occurrences = await store.occurrencesOf(row.seriesId!);
    await store.noteSeriesEvent(row.seriesId!, master.eventId);
    const first = occurrences[0]?.startsAt.getTime() ?? row.startsAt.getTime();
    const last = occurrences.at(-1)?.endsAt.getTime() ?? row.endsAt.getTime();
    const instances = await calendar.listInstances(organizer, master.eventId, {
      start: new Date(first - 24 * 60 * 60_000).toISOString(),
      end: new Date(last + 24 * 60 * 60_000).toISOString(),
    });
    const byOriginalStart = new Map(
      instances.map((instance) => [Date.parse(instance.originalStart), instance.eventId]),
    );
    for (const occurrence of occurrences) {
      if (occurrence.id === row.id) continue;
      const eventId = byOriginalStart.get(occurrence.startsAt.getTime()) ?? null;
      await store.attachOccurrence(
        occurrence.id,
        { eventId, joinUrl: master.joinUrl, webLink: master.webLink, noTeamsLink: !master.joinUrl },
        eventId ? null : 'deleted',
      );
    }
    return { ...master, eventId: byOriginalStart.get(row.startsAt.getTime()) ?? master.eventId };
  }

  async function create(rows: InterviewRow[], run: OutlookWorkerRun): Promise<void> {
    const directory = await mailboxes(rows);
    const recurrenceOf = await recurrences(rows);
    const ready: Array<{ row: InterviewRow; event: NewCalendarEvent }> = [];
    for (const row of rows) {
      try {
        ready.push({ row, event: toEvent(row, directory, recurrenceOf.get(row.id)) });
      } catch (error) {
        countSettle(
          run,
          'failed',
          await store.settle(row, {}, { status: 'failed', error: messageOf(error) }),
        );
      }
    }
    // Each invitation is a message from the organizer's mailbox: those over its sending limit wait, not
    // counted as an attempt, until the minute has room.
    const paced: typeof ready = [];
    for (const entry of ready) {
      const decision = await options.pacer.acquire(entry.event.organizer, entry.event.attendees.length);
      if (decision.granted) {
        paced.push(entry);
      } else {
        await store.postpone(entry.row.id, decision.retryAt, SENDING_LIMIT_WAIT);
        run.postponed += 1;
      }
    }
    ready.splice(0, ready.length, ...paced);
    if (ready.length === 0) return;
    for (const { row } of ready) await store.countAttempt(row.id);
    // Events made (or found) in this run: settled once their Teams link has been read back.
    const made: Array<{ row: InterviewRow; organizer: string; event: CreatedCalendarEvent }> = [];
    // Tried before: the POST may have reached Graph before we could record it. Find that event by our
    // key and bring it to the booking as it is now (it may have moved, or its agenda changed).
    const toCreate: typeof ready = [];
    for (const entry of ready) {
      const { row, event } = entry;
      if (row.outlookAttempts === 0) {
        toCreate.push(entry);
        continue;
      }
      try {
        const found = await calendar.findEventByKey(event.organizer, event.key);
        if (!found) {
          toCreate.push(entry);
          continue;
        }
        // A series master is left as it was made: moving it would move every occurrence.
        if (event.recurrence) {
          made.push({ row, organizer: event.organizer, event: found });
          continue;
        }
        await calendar.moveEvent(event.organizer, found.eventId, event.start, event.end, {
          subject: event.subject,
          bodyHtml: event.bodyHtml,
        });
        made.push({ row, organizer: event.organizer, event: found });
      } catch (error) {
        if (isRetryable(error)) {
          await store.postpone(row.id, retryAt(row.outlookAttempts + 1), messageOf(error));
          run.postponed += 1;
        } else {
          countSettle(
            run,
            'failed',
            await store.settle(row, {}, { status: 'failed', error: messageOf(error) }),
          );
        }
      }
    }
    const outcomes =
      toCreate.length > 0 ? await calendar.createEvents(toCreate.map((entry) => entry.event)) : [];
    for (const [index, outcome] of outcomes.entries()) {
      const { row, event } = toCreate[index]!;
      if (outcome.ok) {
        made.push({ row, organizer: event.organizer, event: outcome.event });
      } else if (outcome.retryable) {
        await store.postpone(row.id, retryAt(row.outlookAttempts + 1), outcome.message);
        run.postponed += 1;
      } else {
        countSettle(
          run,
          'failed',
          await store.settle(row, {}, { status: 'failed', error: `${outcome.code}: ${outcome.message}` }),
        );
      }
    }
    await settleBooked(await withOccurrences(made, run), run);
  }

  /** Series among the events made: expanded into their occurrences; the first keeps its own event. */
  async function withOccurrences(
    made: Array<{ row: InterviewRow; organizer: string; event: CreatedCalendarEvent }>,
    run: OutlookWorkerRun,
  ) {
    const ready: typeof made = [];
    for (const entry of made) {
      if (!entry.row.seriesId || entry.row.seriesIndex !== 0) {
        ready.push(entry);
        continue;
      }
      try {
        ready.push({ ...entry, event: await expandSeries(entry.row, entry.organizer, entry.event) });
      } catch (error) {
        // The meeting exists and carries our key: the next run finds it and expands it again.
        await store.postpone(entry.row.id, retryAt(entry.row.outlookAttempts + 1), messageOf(error));
        run.postponed += 1;
      }
    }
    return ready;
  }

  /**
   * Books the events made, each with its Teams link read back when the create (or the lookup after a
   * crash) had none; still none after the last try: booked, marked "no Teams link". A crash before this
   * settles nothing, so the next run finds the event by our key and reads it back again.
   */
  async function settleBooked(
    made: Array<{ row: InterviewRow; organizer: string; event: CreatedCalendarEvent }>,
    run: OutlookWorkerRun,
  ): Promise<void> {
    const unlinked = made.filter((entry) => !entry.event.joinUrl);
    let urls: Array<string | null> = [];
    try {
      urls = await readBackJoinUrls(
        calendar,
        unlinked.map((entry) => ({ organizer: entry.organizer, eventId: entry.event.eventId })),
        readBackOptionsOf(options),
      );
    } catch (error) {
      // Outlook could not be read now: leave these rows owing their create. The next run finds each
      // event by our key (nothing is made twice) and reads its link back again.
      for (const entry of unlinked) {
        await store.postpone(entry.row.id, retryAt(entry.row.outlookAttempts + 1), messageOf(error));
        run.postponed += 1;
      }
      made = made.filter((entry) => entry.event.joinUrl);
    }
    const readBack = new Map(unlinked.map((entry, index) => [entry, urls[index] ?? null]));
    for (const entry of made) {
      const joinUrl = entry.event.joinUrl ?? readBack.get(entry) ?? null;
      if (!joinUrl)
        logger.warn(
          { interviewId: entry.row.id, organizer: entry.organizer },
          'Outlook made the interview without a Teams meeting: the organizer mailbox cannot host one',
        );
      const current = await store.settle(
        entry.row,
        { eventId: entry.event.eventId, joinUrl, webLink: entry.event.webLink, noTeamsLink: !joinUrl },
        { status: 'booked', error: null },
      );
      countSettle(run, 'settled', current);
    }
  }

  async function moveOrCancel(row: InterviewRow, directory: Directory, run: OutlookWorkerRun): Promise<void> {
    // A create a change overtook after Graph made its event comes back as a move of that event, still
    // pending: the move done, it is booked like any other.
    const booked = row.status === 'pending' && row.eventId ? { status: 'booked' as const, error: null } : {};
    try {
      await store.countAttempt(row.id);
      if (row.outlookAction === 'move' && row.eventId) {
        // The subject and body go along as the interview is now: a move may be a create that a change
        // overtook after its event was made from the earlier agenda.
        const content = contentOf(row, directory);
        await calendar.moveEvent(
          row.organizerId,
          row.eventId,
          row.startsAt.toISOString(),
          row.endsAt.toISOString(),
          content ? { subject: content.subject, bodyHtml: content.bodyHtml } : {},
        );
      } else if (row.outlookAction === 'cancel') {
        let eventId = row.eventId;
        // A create was tried but never settled (a crash in between): if it made an event, it carries
        // our key, so it is found and cancelled too (nothing is created just to be cancelled).
        if (!eventId && row.outlookAttempts > 0)
          eventId = (await calendar.findEventByKey(row.organizerId, row.transactionId))?.eventId ?? null;
        if (eventId) await calendar.cancelEvent(row.organizerId, eventId, row.cancelReason ?? '');
      }
      countSettle(run, 'settled', await store.settle(row, {}, booked));
    } catch (error) {
      if (statusOf(error) === 404 && row.outlookAction === 'move') {
        // The event was deleted in Outlook: nothing to move; the supervisor sees it.
        const deleted = { ...booked, changedInOutlook: 'deleted' as const };
        countSettle(run, 'settled', await store.settle(row, {}, deleted));
      } else if (isRetryable(error)) {
        await store.postpone(row.id, retryAt(row.outlookAttempts + 1), messageOf(error));
        run.postponed += 1;
      } else {
        countSettle(run, 'failed', await store.settle(row, {}, { error: messageOf(error) }));
        logger.warn({ interviewId: row.id, err: error }, 'Outlook refused an interview change');
      }
    }
  }

  const RESPONSES = {
    accepted: 'accepted',
    tentativelyAccepted: 'tentative',
    declined: 'declined',
  } as const;

  /** Notes what Outlook shows for one booked interview (null: the event is gone); true when it changed. */
  async function applyState(
    row: InterviewRow,
    state: CalendarEventState | null,
    directory: Directory,
  ): Promise<boolean> {
    if (!state || state.isCancelled) {
      if (row.changedInOutlook === 'deleted') return false;
      await store.noteOutlookState(row.id, { changedInOutlook: 'deleted' });
      return true;
    }
    const person = directory.get(row.personId);
    const address = (person?.mail ?? person?.userPrincipalName ?? '').toLowerCase();
    const answer = state.attendees.find((attendee) => attendee.address.toLowerCase() === address)?.response;
    const response = answer && answer in RESPONSES ? RESPONSES[answer as keyof typeof RESPONSES] : 'none';
    const start = new Date(state.start);
    const end = new Date(state.end);
    const moved = start.getTime() !== row.startsAt.getTime() || end.getTime() !== row.endsAt.getTime();
    if (response === row.response && !moved) return false;
    await store.noteOutlookState(row.id, {
      response,
      ...(moved ? { startsAt: start, endsAt: end, changedInOutlook: 'moved' as const } : {}),
    });
    return true;
  }

  return {
    /**
     * Applies what people did in Outlook, as a delta round of the organizer's calendar reports it: the
     * attendee's answer, and events moved or deleted there rather than in the app. The supervisor sees
     * it in the tab. Delta also reports an event as removed when it left the round's window, so a
     * removal is confirmed by reading the event before the interview is marked deleted.
     */
    async reconcile(organizerId: string, changes: EventChange[]): Promise<number> {
      const rows = await store.bookedWithEvents(
        organizerId,
        changes.map((change) => change.eventId),
      );
      if (rows.length === 0) return 0;
      const byEvent = new Map(changes.map((change) => [change.eventId, change]));
      const removed = rows.filter((row) => byEvent.get(row.eventId!)?.removed);
      const confirmed = new Map<string, CalendarEventState | null>();
      if (removed.length > 0) {
        const states = await calendar.getEvents(
          organizerId,
          removed.map((row) => row.eventId!),
        );
        for (const [index, row] of removed.entries()) confirmed.set(row.eventId!, states[index] ?? null);
      }
      const directory = await mailboxes(rows);
      let changed = 0;
      for (const row of rows) {
        const change = byEvent.get(row.eventId!)!;
        const state = change.removed ? (confirmed.get(row.eventId!) ?? null) : change.state;
        if (await applyState(row, state, directory)) changed += 1;
      }
      return changed;
    },

    /** Does what Outlook is owed, for one booking or for everyone. Postponed rows wait for a later run. */
    async applyPending(bookingId?: string): Promise<OutlookWorkerRun> {
      const run = await runOutbox(
        CLAIM_SIZE,
        (limit) => store.claimOutlookWork(limit, options.leaseMs, bookingId),
        async (rows, run) => {
          await create(
            rows.filter((row) => row.outlookAction === 'create'),
            run,
          );
          const others = rows.filter((candidate) => candidate.outlookAction !== 'create');
          const directory = await mailboxes(others);
          for (const row of others) await moveOrCancel(row, directory, run);
        },
      );
      if (run.settled + run.postponed + run.failed + run.overtaken > 0)
        logger.info({ ...run, bookingId }, 'interviews synced to Outlook');
      return run;
    },
  };
}

export type OutlookSync = ReturnType<typeof createOutlookSync>;
