// Keeps Outlook in step with training sessions: each session is ONE event in the training department's
// mailbox (TRAINING_MAILBOX), and confirmed people are added to it as attendees. Sessions that owe Outlook
// an action are an outbox (src/jobs/outbox.ts): claimed with a lease, acted on through the Calendar port,
// settled. The event carries the session's key as an extended property: a session tried before is first
// looked up by it, so a create that reached Graph before a crash is found and brought up to date (time,
// place, description) or cancelled, never made twice; each attempt sends its own transactionId, so an
// edit between attempts never re-sends an old transactionId with a new body. Attendees are added after
// the create, so a found event still gets everyone.
import type { NewCalendarEvent } from '../interviews/calendar.port.ts';
import { chunk } from '../graph/graph-calendar.ts';
import {
  readBackOptionsOf,
  type OutlookWorkerOptions,
  countSettle,
  runOutbox,
  type OutlookWorkerRun,
} from '../interviews/outlook-worker.ts';
import { readBackJoinUrls } from '../interviews/teams-link.ts';
import { attemptTransactionId, isRetryable, messageOf, retryAt, statusOf } from '../jobs/outbox.ts';
import type { CourseRow, SessionRow, TrainingStore } from './training.store.ts';

export interface TrainingOutlookOptions extends OutlookWorkerOptions {
  store: TrainingStore;
  /** The organizer of every session event (UPN or id of the training department's mailbox). */
  mailbox: string;
}

/** The mailbox has sent what a minute allows: the rest of the work waits until `retryAt`. */
class SendingLimitWait extends Error {
  constructor(readonly retryAt: Date) {
    super("Waiting for the training mailbox's sending limit (Exchange Online: 30 messages a minute)");
  }
}

const CLAIM_SIZE = 50;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The subject and body of a session's event (Japanese first: the city's working language). */
export function sessionEvent(
  session: SessionRow,
  course: CourseRow,
): Omit<NewCalendarEvent, 'organizer' | 'attendees'> {
  const paragraphs = [
    `<p><strong>${escapeHtml(course.titleJa)}</strong>${course.titleEn ? ` / ${escapeHtml(course.titleEn)}` : ''}</p>`,
    course.provider ? `<p>実施：${escapeHtml(course.provider)}</p>` : '',
    session.place ? `<p>会場：${escapeHtml(session.place)}</p>` : '',
    course.descriptionJa ? `<p>${escapeHtml(course.descriptionJa).replace(/\n/g, '<br>')}</p>` : '',
    '<p>受講後は Hagukumi から研修報告をお願いします。</p>',
  ];
  return {
    transactionId: attemptTransactionId(session.transactionId, session.outlookAttempts),
    key: session.transactionId,
    subject: `【研修】${course.titleJa}`,
    bodyHtml: paragraphs.filter(Boolean).join(''),
    start: session.startsAt.toISOString(),
    end: session.endsAt.toISOString(),
    online: session.online,
    ...(session.place ? { location: session.place } : {}),
  };
}

export function createTrainingOutlook(options: TrainingOutlookOptions) {
  const { store, people, calendar, logger, mailbox } = options;

  const postpone = async (row: SessionRow, error: unknown, run: OutlookWorkerRun) => {
    await store.postpone(
      row.id,
      retryAt(options.now(), row.outlookAttempts + 1, options.retryBaseMs),
      messageOf(error),
    );
    run.postponed += 1;
  };

  /**
   * Creates the event, or, for a session tried before, finds the one an earlier attempt made (by our key)
   * and brings it to the session as it is now.
   */
  const ensureEvent = async (row: SessionRow, course: CourseRow) => {
    const event = sessionEvent(row, course);
    if (row.outlookAttempts > 0) {
      const found = await calendar.findEventByKey(mailbox, event.key);
      if (found) {
        await calendar.moveEvent(mailbox, found.eventId, event.start, event.end, {
          location: row.place,
          subject: event.subject,
          bodyHtml: event.bodyHtml,
        });
        return found;
      }
    }
    const [outcome] = await calendar.createEvents([{ ...event, organizer: mailbox, attendees: [] }]);
    if (!outcome) throw new Error('Outlook answered nothing for the event');
    if (!outcome.ok)
      throw Object.assign(new Error(`${outcome.code}: ${outcome.message}`), {
        // The port already decided what may succeed later; carry that as a status isRetryable reads.
        status: outcome.retryable ? 503 : outcome.status,
      });
    return outcome.event;
  };

  /**
   * An online session's Teams link, read back when the create (or the lookup after a crash) gave none.
   * A read that fails throws, so the session is retried: the next run finds the event by our key.
   */
  const verifiedJoinUrl = async (row: SessionRow, event: { eventId: string; joinUrl: string | null }) => {
    if (!row.online || event.joinUrl) return event.joinUrl;
    const [joinUrl] = await readBackJoinUrls(
      calendar,
      [{ organizer: mailbox, eventId: event.eventId }],
      readBackOptionsOf(options),
    );
    if (!joinUrl)
      logger.warn(
        { sessionId: row.id, mailbox },
        'Outlook made the session without a Teams meeting: the training mailbox cannot host one',
      );
    return joinUrl ?? null;
  };

  /** Sends to `count` people only once the training mailbox's minute has room for them. */
  const paceMessages = async (count: number) => {
    const decision = await options.pacer.acquire(mailbox, count);
    if (!decision.granted) throw new SendingLimitWait(decision.retryAt);
  };

  /** The event's attendees follow the roster: confirmed people on it, those who left off it. */
  const syncAttendees = async (row: SessionRow, eventId: string) => {
    const leaving = await store.toUninvite(row.id);
    if (leaving.length > 0) {
      // Each one taken off gets a cancellation from the mailbox: it counts like an invitation.
      await paceMessages(leaving.length);
      const gone = await people.getMany(leaving.map((entry) => entry.personId));
      await calendar.removeAttendees(
        mailbox,
        eventId,
        gone.map((person) => person.mail ?? person.userPrincipalName),
      );
      await store.markUninvited(leaving.map((entry) => entry.id));
    }
    const waiting = await store.uninvited(row.id);
    if (waiting.length === 0) return;
    // A big session is invited a minute's worth of people at a time; each part is recorded as it goes,
    // so a session that has to wait (or a crash) goes on with the people not invited yet.
    for (const part of chunk(waiting, options.pacer.messagesPerMinute)) {
      await paceMessages(part.length);
      const directory = new Map(
        (await people.getMany(part.map((entry) => entry.personId))).map((person) => [person.id, person]),
      );
      const attendees = part.flatMap((entry) => {
        const person = directory.get(entry.personId);
        return person ? [{ address: person.mail ?? person.userPrincipalName, name: person.displayName }] : [];
      });
      await calendar.addAttendees(mailbox, eventId, attendees);
      await store.markInvited(
        part.map((entry) => entry.id),
        options.now(),
      );
    }
  };

  async function sync(row: SessionRow, run: OutlookWorkerRun): Promise<void> {
    const course = await store.course(row.courseId);
    if (!course) {
      countSettle(
        run,
        'failed',
        await store.settle(row, {}, { outlookFailed: true, error: 'the course no longer exists' }),
      );
      return;
    }
    const facts: {
      eventId?: string;
      joinUrl?: string | null;
      webLink?: string | null;
      noTeamsLink?: boolean;
    } = {};
    try {
      await store.countAttempt(row.id);
      if (row.outlookAction === 'cancel') {
        let eventId = row.eventId;
        // A create was tried but never settled (a crash in between): if it made an event, it carries
        // our key, so it is found and cancelled too (nothing is created just to be cancelled).
        if (!eventId && row.outlookAttempts > 0)
          eventId = (await calendar.findEventByKey(mailbox, row.transactionId))?.eventId ?? null;
        if (eventId) await calendar.cancelEvent(mailbox, eventId, row.cancelReason ?? '');
      } else {
        let eventId = row.eventId;
        if (!eventId) {
          const event = await ensureEvent(row, course);
          eventId = event.eventId;
          const joinUrl = await verifiedJoinUrl(row, event);
          Object.assign(facts, {
            eventId,
            joinUrl,
            webLink: event.webLink,
            noTeamsLink: row.online && !joinUrl,
          });
        } else if (row.outlookAction === 'move') {
          await calendar.moveEvent(mailbox, eventId, row.startsAt.toISOString(), row.endsAt.toISOString(), {
            location: row.place,
          });
        }
        await syncAttendees(row, eventId);
      }
      countSettle(run, 'settled', await store.settle(row, facts, { outlookFailed: false, error: null }));
    } catch (error) {
      if (error instanceof SendingLimitWait) {
        // Not a failure: the rest waits for the mailbox's next minute (what is done so far is kept).
        if (facts.eventId) await store.settle({ ...row, outboxSeq: -1 }, facts, {});
        await store.postpone(row.id, error.retryAt, error.message);
        run.postponed += 1;
      } else if (isRetryable(error)) {
        // The event exists but adding attendees failed: keep its id (settling as if a newer request
        // came in keeps the action, a create turning into a move) and retry the rest later.
        if (facts.eventId) await store.settle({ ...row, outboxSeq: -1 }, facts, {});
        await postpone(row, error, run);
      } else {
        const gone =
          statusOf(error) === 404 && row.eventId ? 'the event was deleted in Outlook' : messageOf(error);
        countSettle(run, 'failed', await store.settle(row, facts, { outlookFailed: true, error: gone }));
      }
    }
  }

  return {
    /** Does what Outlook is owed, for one session or for all. Postponed sessions wait for a later run. */
    async applyPending(sessionId?: string): Promise<OutlookWorkerRun> {
      const run = await runOutbox(
        CLAIM_SIZE,
        (limit) => store.claimOutlookWork(limit, options.leaseMs, sessionId),
        async (rows, run) => {
          for (const row of rows) await sync(row, run);
        },
      );
      if (run.settled + run.postponed + run.failed + run.overtaken > 0)
        logger.info({ ...run, sessionId }, 'training sessions synced to Outlook');
      return run;
    },
  };
}

export type TrainingOutlook = ReturnType<typeof createTrainingOutlook>;
