// Training: catalog, sessions, enrolment, and one Outlook event per session in the training mailbox.
import { createDevelopmentTraining } from './development-training.adapter.ts';
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AccessPolicy } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { createCareerWishes } from '../growth/career-wishes.ts';
import { createLatestSelfCheck } from '../growth/latest-self-check.ts';
import type { EventChange } from '../interviews/calendar-changes.ts';
import { outlookWorkerOptionsOf, outlookWorkQueue } from '../interviews/outlook-worker.ts';
import { job, loggedPass } from '../jobs/job-table.ts';
import type { PeopleStore } from '../people/people.store.ts';
import type { BotMessages } from '../reports/bot-messages.port.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import { createTabLinks } from '../shared/tab-links.ts';
import { announcementRoutes } from './announcement.routes.ts';
import { createAnnouncements } from './announcements.ts';
import type { NoticeLocale, TrainingNoticeCards } from './training-notice-cards.port.ts';
import { createStatusNotices } from './training-notices.ts';
import { attendanceRoutes } from './attendance.routes.ts';
import { createCourseInterests } from './course-interests.ts';
import { createAttendanceService } from './attendance.service.ts';
import { createGraphMeetingAttendance } from './teams-attendance.ts';
import { createLearningPathsReader } from './learning-paths.read.ts';
import { learningRoutes } from './learning.routes.ts';
import { createLearningService } from './learning.service.ts';
import { createTrainingOutlook } from './training-outlook.ts';
import { createTrainingResponses } from './training-responses.ts';
import { trainingRoutes } from './training.routes.ts';
import { createTrainingService } from './training.service.ts';
import { createTrainingStore, type TrainingStore } from './training.store.ts';

/** Training sessions that owe Outlook an action (create, move, attendees, cancel); `{ sessionId }` or a sweep. */
export const TRAINING_OUTLOOK_QUEUE = 'training.outlook';
/** Announcements whose fan-out was cut short (a crash, a restart), taken up again; every minute. */
export const TRAINING_ANNOUNCEMENTS_QUEUE = 'training.announcements';
/** Reads ended sessions' Teams attendance reports and proposes attendance (stored by pg-boss: never rename). */
export const TRAINING_ATTENDANCE_QUEUE = 'training.attendance';

export async function createTrainingModule(
  ctx: AppContext,
  deps: {
    people: PeopleStore;
    access: AccessPolicy;
    audit: AuditLog;
    /** The bot's outbox and card builders: 受講案内 and personal status notices (docs/training.md). */
    notices: {
      messages: BotMessages;
      cards: TrainingNoticeCards;
      /** Each person's language for the bot's 1:1 messages (people left out get Japanese). */
      languagesOf: (personIds: string[], db: Db) => Promise<Map<string, NoticeLocale>>;
    };
    /** Local mode: seeds the demo catalog (src/dev, which production never loads); how many were added. */
    seedCatalog?: ((store: TrainingStore) => Promise<number>) | undefined;
  },
) {
  const { queue, logger } = ctx;
  const mailbox = ctx.microsoft.trainingMailbox;
  if (!mailbox) throw new Error('TRAINING_MAILBOX is not configured');
  const store = createTrainingStore(ctx.db, ctx.now);
  const outlookWork = outlookWorkQueue(queue, TRAINING_OUTLOOK_QUEUE, 'sessionId', 'training sessions');
  if (deps.seedCatalog) {
    const seeded = await deps.seedCatalog(store);
    if (seeded > 0) logger.info({ seeded }, 'demo training catalog seeded');
  }
  // Through the same outbox rules as interviews.
  const worker = outlookWorkerOptionsOf(ctx, deps.people);
  const outlook = createTrainingOutlook({ store, mailbox, ...worker });
  const responses = createTrainingResponses({ db: ctx.db, people: deps.people, now: ctx.now });
  const tabLinks = createTabLinks(ctx.config);
  const statusNotices = createStatusNotices({
    messages: deps.notices.messages,
    cards: deps.notices.cards,
    languagesOf: deps.notices.languagesOf,
    tabLink: tabLinks,
    now: ctx.now,
  });
  const announcements = createAnnouncements({
    db: ctx.db,
    store,
    people: deps.people,
    framework: ctx.framework,
    audit: deps.audit,
    messages: deps.notices.messages,
    cards: deps.notices.cards,
    languagesOf: deps.notices.languagesOf,
    tabLink: tabLinks,
    logger,
    now: ctx.now,
  });
  const interests = createCourseInterests({
    db: ctx.db,
    notices: {
      messages: deps.notices.messages,
      cards: deps.notices.cards,
      languagesOf: deps.notices.languagesOf,
      tabLink: tabLinks,
    },
    now: ctx.now,
  });
  const service = createTrainingService({
    store,
    people: deps.people,
    access: deps.access,
    audit: deps.audit,
    framework: ctx.framework,
    paths: createLearningPathsReader(ctx.db, () => jstDayOf(ctx.now().getTime())),
    interests,
    growth: {
      ...createLatestSelfCheck(ctx.db),
      ...createCareerWishes(ctx.db),
    },
    notifyOutlookWork: outlookWork.notify,
    notices: statusNotices,
    now: ctx.now,
  });
  const attendance = createAttendanceService({
    db: ctx.db,
    store,
    people: deps.people,
    audit: deps.audit,
    meetings: createGraphMeetingAttendance(ctx.graph),
    organizer: mailbox,
    policy: {
      minSharePercent: ctx.config.attendanceMinSharePercent,
      delayMinutes: ctx.config.attendanceReportDelayMinutes,
    },
    now: ctx.now,
  });
  const learning = createLearningService({
    db: ctx.db,
    people: deps.people,
    access: deps.access,
    audit: deps.audit,
    framework: ctx.framework,
    interests,
    now: ctx.now,
  });
  const jobs = [
    outlookWork.job(worker, { applyPending: (sessionId) => outlook.applyPending(sessionId) }),
    job({
      queue: TRAINING_ANNOUNCEMENTS_QUEUE,
      create: { retryLimit: 3, retryDelaySeconds: 30 },
      handler: loggedPass(logger, 'resumed', 'training announcement fan-outs taken up again', () =>
        announcements.resume(),
      ),
      schedule: '* * * * *',
    }),
    job({
      queue: TRAINING_ATTENDANCE_QUEUE,
      create: { retryLimit: 2, retryDelaySeconds: 60 },
      handler: loggedPass(logger, 'read', 'attendance reports read', () => attendance.runOnce()),
      schedule: '*/10 * * * *',
    }),
  ];
  return {
    routes: [
      ...trainingRoutes(service),
      ...announcementRoutes(announcements),
      ...attendanceRoutes(attendance),
      ...learningRoutes(learning),
    ],
    jobs,
    store,
    service,
    announcements,
    /** The recommendations each supervisor made (the 育成 page). */
    development: createDevelopmentTraining(ctx.db),
    /** Proposed attendance from Teams attendance reports; `runOnce` is the job's pass (tests run it on demand). */
    attendance,
    /** The training department's mailbox, organizer of every session event. */
    mailbox,
    /** Applies attendees' answers in the training mailbox's calendar to their enrolments. */
    reconcile: (changes: EventChange[]) => responses.reconcile(changes),
    /** The courses still offered, titled in both languages (the report cards list them). */
    liveCourses: async () =>
      (await store.courses())
        .filter((course) => course.archivedAt === null)
        .map((course) => ({ id: course.id, title: { ja: course.titleJa, en: course.titleEn } })),
  } satisfies SliceModule & Record<string, unknown>;
}
