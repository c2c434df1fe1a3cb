// Training reports (issue 8): requests when a session ends, sharing on submission, comments, reminders,
// and the mapping of workplaces to the Teams channels their reports are shared to.
import { createDevelopmentReports } from './development-reports.adapter.ts';
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AccessPolicy } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import { createLatestSelfCheck } from '../growth/latest-self-check.ts';
import { job, loggedPass } from '../jobs/job-table.ts';
import type { PeopleStore } from '../people/people.store.ts';
import type { TrainingService } from '../training/training.service.ts';
import type { TrainingStore } from '../training/training.store.ts';
import type { BotMessages } from './bot-messages.port.ts';
import { channelMappingRoutes } from './channel-mapping.routes.ts';
import { createChannelMappingService } from './channel-mapping.service.ts';
import { createChannelMappingStore } from './channel-mapping.store.ts';
import type { ConversationReferenceStore } from './conversation-references.store.ts';
import type { FollowUpCardBuilders } from './follow-up-cards.port.ts';
import { followUpRoutes } from './follow-up.routes.ts';
import { createFollowUps } from './follow-ups.ts';
import type { ReportCardBuilders } from './report-cards.port.ts';
import { createReportComments } from './report-comments.ts';
import { createReportContext, trainingTabLink } from './report-context.ts';
import { createReportLibrary } from './report-library.ts';
import { createReportReminders } from './report-reminders.ts';
import { createReportRequests } from './report-requests.ts';
import { reportRoutes } from './report.routes.ts';
import { createReportService } from './report.service.ts';
import { createReportSharing } from './report-sharing.ts';

/** Report forms to attendees of sessions that have ended (docs/reports.md); every 5 minutes. */
export const REPORT_REQUESTS_QUEUE = 'reports.requests';
/** Reminders to attendees who have not reported; every 15 minutes, sent in office hours only. */
export const REPORT_REMINDERS_QUEUE = 'reports.reminders';
/** The DRILL follow-up: attendees and supervisors asked months after a session (docs/training.md); hourly. */
export const TRAINING_FOLLOW_UPS_QUEUE = 'reports.follow-ups';

export function createReportsModule(
  ctx: AppContext,
  deps: {
    people: PeopleStore;
    access: AccessPolicy;
    audit: AuditLog;
    training: { store: TrainingStore; service: TrainingService };
    messages: BotMessages;
    conversations: ConversationReferenceStore;
    /** The bot's card builders (bot/report-cards.ts), handed in: src/ does not import bot/. */
    cards: ReportCardBuilders;
    /** The DRILL follow-up's cards (bot/follow-up-cards.ts). */
    followUpCards: FollowUpCardBuilders;
  },
) {
  const { config, logger } = ctx;
  const { messages: botMessages, cards } = deps;
  const sharing = createReportSharing({
    db: ctx.db,
    botMessages,
    cards,
    tabLink: trainingTabLink(config, 'team'),
    now: ctx.now,
  });
  const comments = createReportComments({
    db: ctx.db,
    access: deps.access,
    audit: deps.audit,
    people: deps.people,
    botMessages,
    cards,
    tabLink: trainingTabLink(config, 'mine'),
    now: ctx.now,
  });
  const service = createReportService({
    db: ctx.db,
    store: deps.training.store,
    training: deps.training.service,
    framework: ctx.framework,
    now: ctx.now,
    onSubmitted: (tx, report) => sharing.onSubmitted(tx, report),
    details: async (reportIds) => {
      const [shared, commented] = await Promise.all([sharing.sharingOf(reportIds), comments.of(reportIds)]);
      return new Map(
        reportIds.map((id) => [id, { sharing: shared.get(id) ?? null, comments: commented.get(id) ?? [] }]),
      );
    },
  });
  const library = createReportLibrary({
    db: ctx.db,
    audit: deps.audit,
    framework: ctx.framework,
    courses: deps.training.store,
    now: ctx.now,
  });
  const requests = createReportRequests({ db: ctx.db, botMessages, cards, now: ctx.now });
  const reminders = createReportReminders({
    db: ctx.db,
    botMessages,
    cards,
    policy: { afterDays: config.reportReminderAfterDays, max: config.reportReminderMax },
    now: ctx.now,
  });
  const followUps = createFollowUps({
    db: ctx.db,
    botMessages,
    cards: deps.followUpCards,
    people: deps.people,
    training: deps.training.store,
    audit: deps.audit,
    selfChecks: createLatestSelfCheck(ctx.db),
    months: config.trainingFollowUpMonths,
    now: ctx.now,
  });
  const channelMapping = createChannelMappingService({
    store: createChannelMappingStore(ctx.db),
    installations: deps.conversations,
    audit: deps.audit,
    now: ctx.now,
  });
  const jobs = [
    job({
      queue: REPORT_REQUESTS_QUEUE,
      create: { retryLimit: 3, retryDelaySeconds: 30 },
      handler: loggedPass(logger, 'requested', 'training reports requested', () => requests.runOnce()),
      schedule: '*/5 * * * *',
    }),
    job({
      queue: REPORT_REMINDERS_QUEUE,
      create: { retryLimit: 3, retryDelaySeconds: 60 },
      handler: loggedPass(logger, 'reminded', 'training report reminders queued', () => reminders.runOnce()),
      schedule: '*/15 * * * *',
    }),
    job({
      queue: TRAINING_FOLLOW_UPS_QUEUE,
      create: { retryLimit: 3, retryDelaySeconds: 60 },
      handler: loggedPass(logger, 'asked', 'training follow-ups asked', () => followUps.runOnce()),
      // Hourly: a follow-up falls due by the day; its messages wait for office hours in the outbox.
      schedule: '7 * * * *',
    }),
  ];
  return {
    routes: [
      ...reportRoutes(service, comments, library),
      ...channelMappingRoutes(channelMapping),
      ...followUpRoutes(followUps),
    ],
    jobs,
    service,
    comments,
    /** The report comments each supervisor wrote (the 育成 page). */
    development: createDevelopmentReports(ctx.db),
    followUps,
    /** What the bot's cards show of a session and of a report's author. */
    context: createReportContext({
      sessions: deps.training.store,
      reports: sharing,
      people: deps.people,
    }),
    /** The report jobs, run on demand (tests, the Playground walk-through) besides their schedule. */
    runJobs: {
      requests: () => requests.runOnce(),
      reminders: () => reminders.runOnce(),
      followUps: () => followUps.runOnce(),
    },
  } satisfies SliceModule & Record<string, unknown>;
}
