// API contract of HR's people tools, shared with the tab (tab/ may import *.contract.ts files only). One zod
// schema per shape: the routes validate, answer and document with them, and the types are inferred from them.
//
// GET  /api/hr/people/sync                  → SyncStatus (HR)
// POST /api/hr/people/sync                  → 202 SyncStatus (HR; queued, poll GET)
// POST /api/hr/people/imports               ← ImportRequest → ImportSummary, or 422 ImportRefusal (HR)
// GET  /api/hr/people/disagreements         → DepartmentDisagreements (HR)
// POST /api/hr/people/:personId/reinstate   → ExclusionLifted (HR)
// GET  /api/hr/people/:personId/levels      → LevelHistory (HR)
// GET  /api/hr/people?q=&department=&levelId=&employmentType=&page=&pageSize= → StaffList (HR, audited)
import { z } from 'zod';
import { todayInJapan } from '../http/contract-fragments.ts';
import { dbIntegerFromText, userText } from '../http/user-input.ts';
import { employmentTypeSchema, personPlacementFields, personSummarySchema } from './people.contract.ts';

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

const placeSchema = z.object({ department: z.string().nullable(), division: z.string().nullable() });

/** One person's change by one row of the file (or a new supervisor the file gives them), as people read it. */
export const importChangeSchema = z.object({
  personId: z.string(),
  displayName: z.string(),
  employeeId: z.string().nullable(),
  /** 発令日 */
  effectiveFrom: z.string(),
  /** The date is still to come: it takes effect then. */
  scheduled: z.boolean(),
  /** HR has no earlier record of this person: the change is measured against the directory. */
  firstRecord: z.boolean(),
  /** Hired on or after the 発令日 (採用日 of the row): someone joining. */
  joining: z.boolean(),
  level: z.object({ from: z.string().nullable(), to: z.string() }).nullable(),
  employmentType: z.object({ from: employmentTypeSchema, to: employmentTypeSchema }).nullable(),
  department: z.object({ from: placeSchema, to: placeSchema }).nullable(),
  supervisor: z
    .object({
      fromId: z.string().nullable(),
      fromName: z.string().nullable(),
      toId: z.string().nullable(),
      toName: z.string().nullable(),
    })
    .nullable(),
});
export type ImportChange = z.infer<typeof importChangeSchema>;

/** At most this many changes are listed in an import's answer (`changesTotal` says how many there are). */
export const IMPORT_CHANGES_MAX = 2000;

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
  /** Who changes and how, by 発令日 then name (rows that change nothing are left out). */
  changes: z.array(importChangeSchema).default([]),
  changesTotal: z.number().default(0),
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
  /** The supervisor a transfer to another 課 brings (null: the directory's manager stays). */
  supervisorId: z.string().nullable().default(null),
  supervisorName: z.string().nullable().default(null),
});
export type LevelRecord = z.infer<typeof levelRecordSchema>;

/** A person as HR's tools show them: the directory's summary with HR's record in force, supervisor named. */
export const staffPersonSchema = personSummarySchema.extend({
  /** 職員番号 */
  employeeId: z.string().nullable(),
  ...personPlacementFields,
  hireDate: z.string().nullable(),
  managerName: z.string().nullable(),
});

/** GET /api/hr/people/:personId/levels */
export const levelHistorySchema = z.object({
  person: staffPersonSchema,
  /** Where today's level comes from: an HR import, or the directory's job title. */
  levelSource: z.enum(['import', 'jobTitle']),
  /** Newest first. */
  records: z.array(levelRecordSchema),
  /**
   * Supervisors an import gave this person without a record of their own (their 課's head or their own
   * supervisor left it), newest first. The directory's own manager changes are not kept as history.
   */
  supervisorChanges: z
    .array(
      z.object({
        effectiveFrom: z.string(),
        supervisorId: z.string().nullable(),
        supervisorName: z.string().nullable(),
        scheduled: z.boolean(),
      }),
    )
    .default([]),
});
export type LevelHistory = z.infer<typeof levelHistorySchema>;

/** Someone whose 課 or 部 in HR's record in force differs from the directory's. */
export const departmentDisagreementSchema = staffPersonSchema
  /** 課 and 部 in force: HR's record wins until HR's next file (docs/people.md, "Which source wins"). */
  .pick({ id: true, displayName: true, employeeId: true, department: true, division: true })
  .extend({
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

/** `levelId=` of the staff list that asks for people whose level is not known (not counted as staff). */
export const NO_LEVEL_FILTER = 'none';
export const STAFF_PAGE_SIZE_MAX = 200;
/** The staff list's search words. */
export const STAFF_QUERY_MAX = 100;

/** GET /api/hr/people: filters (all optional, combined with AND) and the page. */
export const staffListQuerySchema = z.object({
  q: userText
    .trim()
    .max(STAFF_QUERY_MAX)
    .optional()
    .describe('Part of the name, 職員番号, sign-in name or job title (case-insensitive)'),
  department: userText.trim().min(1).max(100).optional().describe('The 課, exactly'),
  levelId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional()
    .describe(`A level id of the framework, or "${NO_LEVEL_FILTER}" for people without one`),
  employmentType: employmentTypeSchema.optional(),
  page: dbIntegerFromText.min(1).max(100_000).default(1),
  pageSize: dbIntegerFromText.min(1).max(STAFF_PAGE_SIZE_MAX).default(50),
});
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;

/** A 発令 still to come for someone (the earliest). */
export const scheduledChangeSchema = z.object({
  effectiveFrom: z.string(),
  levelId: z.string(),
  employmentType: employmentTypeSchema,
  department: z.string().nullable(),
  division: z.string().nullable(),
});
export type ScheduledChange = z.infer<typeof scheduledChangeSchema>;

/** One line of the staff list: the person as in force today. */
export const staffMemberSchema = staffPersonSchema.extend({
  /** Counted in 職員数 (docs/people.md, "Head count"): has a level of the policy. */
  counted: z.boolean(),
  nextChange: scheduledChangeSchema.nullable(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** GET /api/hr/people */
export const staffListSchema = z.object({
  /** The day (Japan) the list is as of: 発令 of later dates are in `nextChange`, not yet in force. */
  today: todayInJapan,
  page: z.number(),
  pageSize: z.number(),
  /** People matching the filters (the pages hold them all). */
  total: z.number(),
  people: z.array(staffMemberSchema),
  /** 職員数 of the whole organisation, by the one definition, and people listed but not counted. */
  headcount: z.object({ staff: z.number(), notCounted: z.number() }),
  /** Every 課 with its 部 and 職員数 (for the 課 filter), by 部 then 課. */
  departments: z.array(
    z.object({ department: z.string(), division: z.string().nullable(), staff: z.number() }),
  ),
});
export type StaffList = z.infer<typeof staffListSchema>;
