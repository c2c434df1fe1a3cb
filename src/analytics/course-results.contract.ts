// API contract shared with the tab: HR's results of one course (研修効果; issue 19 ⑤, policy 7(5)②). HR
// only (the HR app role); every read is written to the audit log (action `read`, resource
// `analytics.training.course-results`).
//
// GET /api/hr/training/courses/:courseId/results?fiscalYear= → CourseResults
// GET /api/hr/training/courses/:courseId/results.csv?fiscalYear=&lang=ja|en → the same as CSV (`export`)
//
// Over the course's sessions that start in the fiscal year (April–March, Japan time) and were not
// cancelled: the satisfaction of the submitted reports, the attendees' follow-up answers
// (「業務に反映できましたか」), and per competency the course develops the mean self-rating before and
// after. Each block is withheld below MIN_GROUP_SIZE people (analytics.contract.ts): then it says only
// `hidden` (1 to MIN_GROUP_SIZE − 1 people) — never a value, a count or a text.

import { z } from 'zod';
import {
  analyticsYearCsvQuerySchema,
  analyticsYearQuerySchema,
  courseTitleSchema,
} from './analytics.contract.ts';
import { followUpAnswerSchema } from '../reports/follow-up.contract.ts';

export const courseResultsQuerySchema = analyticsYearQuerySchema;
export type CourseResultsQuery = z.infer<typeof courseResultsQuerySchema>;
export const courseResultsCsvQuerySchema = analyticsYearCsvQuerySchema;

/** Nobody to count (`none`), or fewer than MIN_GROUP_SIZE people (`hidden`): nothing else is said. */
const nothing = z.object({ state: z.literal('none') });
const hidden = z.object({ state: z.literal('hidden') });
/** A block of results: `none`, `hidden`, or `shown` with `fields`. */
const resultBlock = <Fields extends z.ZodRawShape>(fields: Fields) =>
  z.discriminatedUnion('state', [nothing, hidden, z.object({ state: z.literal('shown'), ...fields })]);

export const satisfactionResultSchema = resultBlock({
  /** People who rated (each person's latest submitted report of the period). */
  raters: z.number(),
  /** Their mean rating, 1–5, two decimals. */
  mean: z.number(),
  /** People per rating, every rating of the scale (SATISFACTION_MIN…MAX), the lowest first. */
  distribution: z.array(z.object({ rating: z.number(), people: z.number() })),
});
export type SatisfactionResult = z.infer<typeof satisfactionResultSchema>;

export const followUpExampleSchema = z.object({
  answer: followUpAnswerSchema,
  /** What the attendee wrote as their example, without their name. */
  text: z.string(),
});
export type FollowUpExample = z.infer<typeof followUpExampleSchema>;

export const followUpResultSchema = resultBlock({
  /** Attendees who answered. */
  answered: z.number(),
  counts: z.object({ applied: z.number(), partly: z.number(), notYet: z.number() }),
  /** The examples written, without names, sorted by answer and text (the order tells nothing). */
  examples: z.array(followUpExampleSchema),
});
export type FollowUpResult = z.infer<typeof followUpResultSchema>;

export const beforeAfterResultSchema = resultBlock({
  /** Attendees whose last submitted self-check before and first after both rated the competency. */
  people: z.number(),
  /** Mean self-rating (1–5, two decimals) before and after, and after − before. */
  before: z.number(),
  after: z.number(),
  change: z.number(),
});
export type BeforeAfterResult = z.infer<typeof beforeAfterResultSchema>;

export const courseResultsSchema = z.object({
  courseId: z.string(),
  title: courseTitleSchema,
  fiscalYear: z.number(),
  minGroupSize: z.number(),
  /** Sessions of the course starting in the year, not cancelled. */
  sessions: z.number(),
  /** People recorded as having attended them (counts are not withheld: they say nothing of anyone’s view). */
  attendees: z.number(),
  satisfaction: satisfactionResultSchema,
  followUps: z.object({
    /** Attendees asked 「業務に反映できましたか」. */
    asked: z.number(),
    /** Supervisors' observations given: counted only; their text is about one person and not shown here. */
    observations: z.number(),
    answers: followUpResultSchema,
  }),
  /** One row per competency the course develops, in the course's order. */
  beforeAfter: z.array(z.object({ competencyId: z.string(), result: beforeAfterResultSchema })),
});
export type CourseResults = z.infer<typeof courseResultsSchema>;
