// Interviews: the slot finder, booking into Outlook through a durable outbox, and interview records.
import { createDevelopmentInterviews } from './development-interviews.adapter.ts';
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AccessPolicy } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import { createGoalTitles } from '../growth/goal-titles.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { PeopleStore } from '../people/people.store.ts';
import type { ChainChangeHandler } from '../people/supervisor-changes.ts';
import type { EventChange } from './calendar-changes.ts';
import { createInterviewRequestStore, createInterviewRequests } from './interview-requests.ts';
import { createCareerInterviewStarts, createInterviewStatus } from './interview-status.ts';
import { createInterviewTransfer } from './interview-transfer.ts';
import { interviewRoutes } from './interview.routes.ts';
import { createInterviewService } from './interview.service.ts';
import { createInterviewStore } from './interview.store.ts';
import { createOutlookSync } from './outlook-sync.ts';
import type { RequestNotices } from './request-notices.ts';
import { outlookWorkerOptionsOf, outlookWorkQueue } from './outlook-worker.ts';

/** Interviews that owe Outlook an action (create, move, cancel); `{ bookingId }` or a sweep of all. */
export const INTERVIEW_OUTLOOK_QUEUE = 'interviews.outlook';

const DAY_MS = 24 * 60 * 60_000;

const outlookWorkOf = (queue: JobQueue) =>
  outlookWorkQueue(queue, INTERVIEW_OUTLOOK_QUEUE, 'bookingId', 'interviews');

/**
 * Interviews a supervisor no longer above someone had arranged move to the new one (docs/people.md).
 * Apart from the module: people's sync needs it before interviews can be built on people's store.
 */
export function createInterviewChainHandler(
  queue: JobQueue,
  /** The bot's notice to a new supervisor of the 1:1 requests moved to them (docs/interviews.md). */
  requestNotices?: Pick<RequestNotices, 'arrived'>,
): ChainChangeHandler {
  return createInterviewTransfer({ notifyOutlookWork: outlookWorkOf(queue).notify, requestNotices });
}

export function createInterviewsModule(
  ctx: AppContext,
  deps: {
    people: PeopleStore;
    access: AccessPolicy;
    audit: AuditLog;
    /** Asks the calendar watch to look at the organizers again (a new one's mailbox is watched). */
    watchOrganizers: () => Promise<void>;
    /** The bot's notices of 1:1 requests (made, declined, booked); none without it. */
    requestNotices?: RequestNotices | undefined;
  },
) {
  const outlookWork = outlookWorkOf(ctx.queue);
  const store = createInterviewStore(ctx.db, ctx.now);
  const worker = outlookWorkerOptionsOf(ctx, deps.people);
  const outlookSync = createOutlookSync({ store, ...worker });
  const requests = createInterviewRequests({
    store: createInterviewRequestStore(ctx.db),
    people: deps.people,
    audit: deps.audit,
    notices: deps.requestNotices,
    now: ctx.now,
  });
  const service = createInterviewService({
    requests,
    store,
    people: deps.people,
    access: deps.access,
    audit: deps.audit,
    calendar: ctx.calendar,
    goals: createGoalTitles(ctx.db),
    framework: ctx.framework,
    notifyOutlookWork: outlookWork.notify,
    requestNotices: deps.requestNotices,
    now: ctx.now,
  });
  const jobs = [
    outlookWork.job(worker, {
      applyPending: (bookingId) => outlookSync.applyPending(bookingId),
      // A new organizer's calendar is watched from now on (changes there are pushed to us).
      afterSettled: () => deps.watchOrganizers(),
    }),
  ];
  return {
    routes: interviewRoutes(service, requests),
    jobs,
    /** The service behind the routes (the bot's 「次の予定」 lists my interviews through it). */
    service,
    /** Where each person's interview stands (the team view). */
    status: {
      ...createInterviewStatus(store),
      careerInterviewStarts: createCareerInterviewStarts(store),
    },
    /** The interviews each supervisor held (the 育成 page). */
    development: createDevelopmentInterviews(ctx.db),
    /** The organizers whose mailboxes the calendar watch keeps: those with bookings since yesterday. */
    organizers: () => store.organizersWithBookings(new Date(ctx.now().getTime() - DAY_MS)),
    /** Applies Outlook's changes to one organizer's events to the interviews they belong to. */
    reconcile: (organizerId: string, changes: EventChange[]) => outlookSync.reconcile(organizerId, changes),
  } satisfies SliceModule & Record<string, unknown>;
}
