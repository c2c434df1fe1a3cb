// API contract shared with the tab: the personal tab's home, "what is next for me" (issue 18, item 2).
//
// GET /api/home → HomeSummary (signed in): what I have to do, what is coming up, what is new for me,
// and, for someone with direct reports, what waits on me. Everything is the caller's own: there is no
// person parameter, and the supervisor's part covers their direct reports only.
//
// One zod schema per shape: the route documents (and outside production checks) its answer with it, and
// the tab's types are inferred from it.
import { z } from 'zod';
import { dueItemSchema, teamDueItemSchema } from '../cycles/cycle.contract.ts';
import { todayInJapan } from '../http/contract-fragments.ts';
import { interviewTypeSchema } from '../interviews/interview.contract.ts';
import { dueReportSchema } from '../reports/report.contract.ts';
import { localizedTextSchema, sessionRefSchema } from '../training/training.contract.ts';

/** How long a comment or a piece of feedback counts as new, and a report waits for its comment. */
export const HOME_NEWS_DAYS = 30;
/** At most this many entries per list, nearest first: the home is a summary, each page has the rest. */
export const HOME_LIST_MAX = 10;

/** An interview ahead of me: as the attendee (my supervisor holds it) or as its organizer. */
export const homeInterviewSchema = z.object({
  id: z.string(),
  type: interviewTypeSchema,
  /** ISO instants. */
  start: z.string(),
  end: z.string(),
  role: z.enum(['attendee', 'organizer']),
  /** The other person: the organizer for an attendee, the attendee for an organizer. */
  withName: z.string(),
  /** pending: still being put into Outlook. */
  status: z.enum(['pending', 'booked']),
  /** The Teams meeting, when Outlook made one. */
  joinUrl: z.string().nullable(),
});
export type HomeInterview = z.infer<typeof homeInterviewSchema>;

/** A training session ahead of me that I applied to, was recommended or nominated for, or am confirmed on. */
export const homeTrainingSchema = z.object({
  enrolmentId: z.string(),
  ...sessionRefSchema.shape,
  status: z.enum(['applied', 'recommended', 'nominated', 'confirmed', 'waitlisted']),
});
export type HomeTraining = z.infer<typeof homeTrainingSchema>;

/** Something new for me from someone else in the last HOME_NEWS_DAYS days, newest first. */
export const homeNewsSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('selfCheck'),
    /** ISO instant of the latest feedback. */
    at: z.string(),
    byName: z.string(),
    /** The half, e.g. 2026-H2. */
    period: z.string(),
    /** How many items got feedback. */
    count: z.number(),
  }),
  z.object({
    source: z.literal('goal'),
    at: z.string(),
    byName: z.string(),
    goalId: z.string(),
    goalTitle: z.string(),
  }),
  z.object({
    source: z.literal('report'),
    at: z.string(),
    byName: z.string(),
    reportId: z.string(),
    courseTitle: localizedTextSchema,
  }),
]);
export type HomeNews = z.infer<typeof homeNewsSchema>;

/** Which direct report an entry of the team part is about. */
const directReportFields = { personId: z.string(), displayName: z.string() };

/**
 * A direct report's submitted self-check whose feedback is not complete yet: the team list's rule
 * (src/growth/self-check-feedback-state.ts), so comments on 2 of 7 items still leave it here.
 */
export const homeTeamSelfCheckSchema = z.object({
  ...directReportFields,
  period: z.string(),
  submittedAt: z.string().nullable(),
  /** How many of its items have a comment so far (0 before any), as the team list shows it. */
  feedback: z.object({ commented: z.number().int().min(0), items: z.number().int().min(0) }),
});

/** A direct report whose interview of an open window is not booked yet. */
export const homeTeamInterviewSchema = z.object({
  ...directReportFields,
  type: interviewTypeSchema,
  /** The last day of the window (YYYY-MM-DD, Japan time). */
  closesOn: z.string(),
});

/** A direct report's training report submitted in the last HOME_NEWS_DAYS days that I have not commented on. */
export const homeTeamReportSchema = z.object({
  reportId: z.string(),
  ...directReportFields,
  sessionId: z.string(),
  courseTitle: localizedTextSchema,
  submittedAt: z.string(),
});

export const homeSummarySchema = z.object({
  today: todayInJapan,
  /** What I have to do: forms owed in HR's open windows, training reports to write. */
  todo: z.object({
    cycles: z.array(dueItemSchema),
    reports: z.array(dueReportSchema),
  }),
  /** What is coming up: booked interviews and training sessions, nearest first. */
  upcoming: z.object({
    interviews: z.array(homeInterviewSchema),
    training: z.array(homeTrainingSchema),
  }),
  news: z.array(homeNewsSchema),
  /** Null for someone with no direct reports. */
  team: z
    .object({
      selfChecks: z.array(homeTeamSelfCheckSchema),
      interviews: z.array(homeTeamInterviewSchema),
      reports: z.array(homeTeamReportSchema),
      /**
       * How the whole team (everyone below me, as on the team page) stands in each open window, where
       * someone still owes it: GET /api/cycles/due's `team`. 自己申告 is never counted.
       */
      progress: z.array(teamDueItemSchema),
    })
    .nullable(),
});
export type HomeSummary = z.infer<typeof homeSummarySchema>;
export type HomeTeam = NonNullable<HomeSummary['team']>;
