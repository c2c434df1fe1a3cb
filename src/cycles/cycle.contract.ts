// API contract shared with the tab: fiscal-year cycles (policy 7(3)①③, self-checks per half). HR (職員課)
// opens and closes the year's windows; everyone reads them and what they still owe.
//
// GET  /api/cycles?fiscalYear=YYYY               → CycleYearResponse (anyone; who/when and history for HR only)
// POST /api/cycles/windows                       ← CycleWindowInput → CycleWindow (HR; 409 if the year has that kind)
// PUT  /api/cycles/windows/:windowId             ← CycleRescheduleInput → CycleWindow (HR; planned days)
// POST /api/cycles/windows/:windowId/open        ← CycleOpenInput → CycleWindow (HR; also reopens a closed one)
// POST /api/cycles/windows/:windowId/close       ← CycleVersionInput → CycleWindow (HR)
// GET  /api/cycles/due                           → DueResponse (anyone: what is open and what I, and my team, still owe)
//
// One zod schema per shape: the server validates requests and (outside production) checks its answers with
// them, the OpenAPI document is built from them, and the types below (which the tab imports) are inferred.

import { z } from 'zod';
import { auditPersonSchema } from '../auth/audit.contract.ts';
import {
  calendarDay,
  fiscalYearInput,
  todayInJapan,
  versionedInput,
  versionInputSchema,
} from '../http/contract-fragments.ts';

export const CYCLE_KINDS = [
  'goalSetting',
  'midYear',
  'yearEnd',
  'selfCheckH1',
  'selfCheckH2',
  'declaration',
] as const;
/** 期首 goal setting, 中間 (mid-year review), 期末 (year-end review), self-check 上期/下期, 自己申告. */
export const cycleKindSchema = z.enum(CYCLE_KINDS);
export type CycleKind = z.infer<typeof cycleKindSchema>;

/** scheduled: planned, not opened yet; open: HR opened it and its last day has not passed; closed. */
export const cycleWindowStateSchema = z.enum(['scheduled', 'open', 'closed']);
export type CycleWindowState = z.infer<typeof cycleWindowStateSchema>;

/**
 * A day of the calendar as YYYY-MM-DD that exists (not 2026-02-30): the planned days of a window, and the
 * last day of a 自己申告 window, which is one of them.
 */
export const calendarDateSchema = calendarDay('must be YYYY-MM-DD');

/** Who scheduled, opened or closed a window: the audit log's person (name null once they left). */
export const cycleActorSchema = auditPersonSchema;
export type CycleActor = z.infer<typeof cycleActorSchema>;

export const cycleWindowEventSchema = z.object({
  /** ISO instant. */
  at: z.string(),
  action: z.enum(['scheduled', 'rescheduled', 'opened', 'reopened', 'closed']),
  actor: cycleActorSchema,
  state: cycleWindowStateSchema,
  opensOn: z.string(),
  closesOn: z.string(),
});
export type CycleWindowEvent = z.infer<typeof cycleWindowEventSchema>;

export const cycleWindowSchema = z.object({
  id: z.string(),
  fiscalYear: z.number(),
  kind: cycleKindSchema,
  state: cycleWindowStateSchema,
  opensOn: z.string().describe('Planned first day (YYYY-MM-DD, Japan time)'),
  closesOn: z.string().describe('Last day, the deadline (YYYY-MM-DD, Japan time, inclusive)'),
  /** ISO instants of the last opening and closing (null when not yet). */
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  ended: z
    .boolean()
    .describe('Closed because its last day passed while HR left it open (closedAt stays null)'),
  version: z.number(),
  openedBy: cycleActorSchema.nullable().optional().describe('HR only'),
  closedBy: cycleActorSchema.nullable().optional().describe('HR only'),
  history: z.array(cycleWindowEventSchema).optional().describe('HR only: every change, oldest first'),
});
export type CycleWindow = z.infer<typeof cycleWindowSchema>;

export const cycleYearResponseSchema = z.object({
  fiscalYear: z.number(),
  /** The fiscal year of today (Japan time), so the tab need not work it out. */
  currentFiscalYear: z.number(),
  today: todayInJapan,
  /** Configured windows, in CYCLE_KINDS order; a kind HR has not configured is absent. */
  windows: z.array(cycleWindowSchema),
});
export type CycleYearResponse = z.infer<typeof cycleYearResponseSchema>;

/** `?fiscalYear=` of GET /api/cycles: the current fiscal year when absent. */
export const cycleYearQuerySchema = z.object({
  fiscalYear: z
    .string()
    .regex(/^\d{4}$/, 'must be a fiscal year, e.g. 2026')
    .transform(Number)
    .optional()
    .describe('Fiscal year (April to March); default: the current one'),
});

export const cycleWindowInputSchema = z
  .object({
    fiscalYear: fiscalYearInput,
    kind: cycleKindSchema,
    opensOn: calendarDateSchema,
    closesOn: calendarDateSchema,
  })
  .strict();
export type CycleWindowInput = z.infer<typeof cycleWindowInputSchema>;

export const cycleRescheduleInputSchema = versionedInput({
  opensOn: calendarDateSchema,
  closesOn: calendarDateSchema,
});
export type CycleRescheduleInput = z.infer<typeof cycleRescheduleInputSchema>;

export const cycleOpenInputSchema = versionedInput({
  /** A new last day, e.g. when reopening a window whose last day has passed. */
  closesOn: calendarDateSchema.optional(),
});
export type CycleOpenInput = z.infer<typeof cycleOpenInputSchema>;

export const cycleVersionInputSchema = versionInputSchema;
export type CycleVersionInput = z.infer<typeof cycleVersionInputSchema>;

const dueTaskSchema = z.enum([
  'setGoals',
  'recordMidYear',
  'writeYearEnd',
  'submitSelfCheck',
  'submitDeclaration',
]);

/** A window open now, as the due lists name it. */
const openWindowSchema = z.object({
  kind: cycleKindSchema,
  /** Null when no window is configured and the default rule applies (the current self-check half). */
  windowId: z.string().nullable(),
  fiscalYear: z.number(),
  /** The last day (YYYY-MM-DD, Japan time). */
  closesOn: z.string(),
});

/** Something I still owe in an open window. */
export const dueItemSchema = openWindowSchema.extend({
  /** What to do. */
  task: dueTaskSchema,
  /** Goals still lacking what the window asks for; 1 for a form to submit. */
  count: z.number(),
  /** The self-check half (e.g. 2026-H2) for self-check items. */
  period: z.string().optional(),
  /** The tab page where it is done. */
  page: z.enum(['goals', 'self-check', 'declaration']),
});
export type DueItem = z.infer<typeof dueItemSchema>;

/** How many of my team (everyone below me) still owe something in an open window. 自己申告 is never counted: it is confidential to HR. */
export const teamDueItemSchema = openWindowSchema.omit({ fiscalYear: true }).extend({
  task: dueTaskSchema,
  /** People who still owe it. */
  owing: z.number(),
  /** People it applies to. */
  of: z.number(),
});
export type TeamDueItem = z.infer<typeof teamDueItemSchema>;

export const dueResponseSchema = z.object({
  today: todayInJapan,
  /** Windows open now (HR-configured ones, plus the default self-check half where none is configured). */
  open: z.array(openWindowSchema),
  mine: z.array(dueItemSchema),
  /** Null for someone with nobody below them. */
  team: z.array(teamDueItemSchema).nullable(),
});
export type DueResponse = z.infer<typeof dueResponseSchema>;
