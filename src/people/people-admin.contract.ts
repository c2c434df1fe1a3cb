// API contract of HR's people tools, shared with the tab (tab/ may import *.contract.ts files only). One zod
// schema per shape: the routes validate, answer and document with them, and the types are inferred from them.
//
// GET  /api/hr/people/sync                  → SyncStatus (HR)
// POST /api/hr/people/sync                  → 202 SyncStatus (HR; queued, poll GET)
// POST /api/hr/people/imports               ← ImportRequest → ImportSummary, or 422 ImportRefusal (HR)
// GET  /api/hr/people/disagreements         → DepartmentDisagreements (HR)
// POST /api/hr/people/:personId/reinstate   → ExclusionLifted (HR)
// GET  /api/hr/people/:personId/levels      → LevelHistory (HR)
import { z } from 'zod';
import { userText } from '../http/user-input.ts';
import { employmentTypeSchema } from './people.contract.ts';

/** The largest import file, in bytes (the tab checks it before sending). */
export const MAX_IMPORT_BYTES = 1024 * 1024;
// base64 of MAX_IMPORT_BYTES is 4/3 as long; the margin lets a slightly larger file reach the size check
// (and its clear message) instead of a generic validation error.
export const MAX_IMPORT_BASE64 = 1_500_000;

/** Why a line of an import file was refused (also the `code` of each error detail). */
export const IMPORT_PROBLEM_CODES = [
  'empty_file',
  'file_too_large',
  'too_many_rows',
  'unreadable_encoding',
  'unterminated_quote',
  'unstorable_character',
  'unknown_column',
  'duplicate_column',
  'missing_column',
  'wrong_column_count',
  'missing_value',
  'unknown_person',
  'person_mismatch',
  'unknown_level',
  'bad_employment_type',
  'employment_type_mismatch',
  'bad_date',
  'too_long',
  'duplicate_row',
] as const;
export const importProblemCodeSchema = z.enum(IMPORT_PROBLEM_CODES);
export type ImportProblemCode = z.infer<typeof importProblemCodeSchema>;

/** POST /api/hr/people/imports: the file as base64 (any bytes: UTF-8, UTF-8 with BOM or Shift_JIS). */
export const importRequestSchema = z
  .object({
    fileName: userText.trim().max(255).optional(),
    contentBase64: z.string().min(1).max(MAX_IMPORT_BASE64).base64(),
    /** Check and count only; nothing is stored. */
    dryRun: z.boolean().default(false),
  })
  .strict();
export type ImportRequest = z.infer<typeof importRequestSchema>;

/**
 * A refused file answers 422 `unprocessable`; each `details` entry is one problem:
 * `path` = `line <n>` or `line <n> <column>`, `code` = an ImportProblemCode, `line`, `column`, `value`.
 */
export const importProblemDetailSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: importProblemCodeSchema,
  line: z.number(),
  column: z.string().nullable(),
  value: z.string().optional(),
});
export type ImportProblemDetail = z.infer<typeof importProblemDetailSchema>;

/** The 422 answer to a refused file: every problem with its line; nothing was changed. */
export const importRefusalSchema = z.object({
  error: z.object({
    code: z.literal('unprocessable'),
    message: z.string(),
    details: z.array(importProblemDetailSchema),
    requestId: z.string().optional(),
  }),
});

/** What an import did (or, with dryRun, would do). */
export const importSummarySchema = z.object({
  importId: z.string().nullable(),
  dryRun: z.boolean(),
  fileName: z.string().nullable(),
  encoding: z.enum(['utf-8', 'utf-8-bom', 'shift_jis']),
  rows: z.number(),
  /** History rows new, replaced (same person and date, other values) and already so. */
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** Rows in force today and rows waiting for a later 発令日. */
  effectiveNow: z.number(),
  scheduled: z.number(),
  /** People whose current level, employment type or 課 changed today. */
  peopleChanged: z.number(),
  /** People whose supervisor changed (a transfer to another 課). */
  supervisorsChanged: z.number(),
  interviewsReassigned: z.number(),
  /** Transfers to a 課 with nobody to supervise: the supervisor stays until the directory names one. */
  departmentsWithoutHead: z.array(z.string()),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const directorySyncRunSchema = z.object({
  startedAt: z.string().nullable(),
  completedAt: z.string(),
  people: z.number(),
  added: z.number(),
  changed: z.number(),
  supervisorsChanged: z.number(),
  interviewsReassigned: z.number(),
});
export type DirectorySyncRun = z.infer<typeof directorySyncRunSchema>;

/** GET /api/hr/people/sync */
export const syncStatusSchema = z.object({
  lastSync: directorySyncRunSchema.nullable(),
  /** The latest request for a sync now, and whether a run has answered it yet. */
  requestedAt: z.string().nullable(),
  pending: z.boolean(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const levelRecordSchema = z.object({
  levelId: z.string(),
  employmentType: employmentTypeSchema,
  department: z.string().nullable(),
  division: z.string().nullable(),
  hireDate: z.string().nullable(),
  effectiveFrom: z.string(),
  importId: z.string(),
  importedAt: z.string(),
  /** In force today (the latest row not after today). */
  current: z.boolean(),
  /** Its date is still to come. */
  scheduled: z.boolean(),
});
export type LevelRecord = z.infer<typeof levelRecordSchema>;

/** GET /api/hr/people/:personId/levels */
export const levelHistorySchema = z.object({
  person: z.object({
    id: z.string(),
    displayName: z.string(),
    employeeId: z.string().nullable(),
    department: z.string().nullable(),
    division: z.string().nullable(),
    jobTitle: z.string().nullable(),
    levelId: z.string().nullable(),
    employmentType: employmentTypeSchema,
    hireDate: z.string().nullable(),
    managerId: z.string().nullable(),
    managerName: z.string().nullable(),
  }),
  /** Where today's level comes from: an HR import, or the directory's job title. */
  levelSource: z.enum(['import', 'jobTitle']),
  /** Newest first. */
  records: z.array(levelRecordSchema),
});
export type LevelHistory = z.infer<typeof levelHistorySchema>;

/** Someone whose 課 or 部 in HR's record in force differs from the directory's. */
export const departmentDisagreementSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  employeeId: z.string().nullable(),
  /** In force: HR's record wins until HR's next file (docs/people.md, "Which source wins"). */
  department: z.string().nullable(),
  division: z.string().nullable(),
  /** What Entra ID says, as of the last sync. */
  directoryDepartment: z.string().nullable(),
  directoryDivision: z.string().nullable(),
  /** The 発令日 of the record in force. */
  effectiveFrom: z.string(),
});
export type DepartmentDisagreement = z.infer<typeof departmentDisagreementSchema>;

/** GET /api/hr/people/disagreements */
export const departmentDisagreementsSchema = z.object({ people: z.array(departmentDisagreementSchema) });
export type DepartmentDisagreements = z.infer<typeof departmentDisagreementsSchema>;

/** `:personId` of HR's per-person tools: a directory id. */
export const adminPersonParamsSchema = z.object({
  personId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/),
});

/** POST /api/hr/people/:personId/reinstate: the exclusion lifted (a sync is queued). */
export const exclusionLiftedSchema = z.object({ personId: z.string(), liftedAt: z.string() });
export type ExclusionLifted = z.infer<typeof exclusionLiftedSchema>;
