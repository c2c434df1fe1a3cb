// API contract of HR's people tools, shared with the tab (tab/ may import *.contract.ts files only).
import type { EmploymentType } from './people.contract.ts';

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
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/** POST /api/hr/people/imports: the file as base64 (any bytes: UTF-8, UTF-8 with BOM or Shift_JIS). */
export interface ImportRequest {
  fileName?: string;
  contentBase64: string;
  /** Check and count only; nothing is stored. */
  dryRun?: boolean;
}

/**
 * A refused file answers 422 `unprocessable`; each `details` entry is one problem:
 * `path` = `line <n>` or `line <n> <column>`, `code` = an ImportProblemCode, `line`, `column`, `value`.
 */
export interface ImportProblemDetail {
  path: string;
  message: string;
  code: ImportProblemCode;
  line: number;
  column: string | null;
  value?: string;
}

/** What an import did (or, with dryRun, would do). */
export interface ImportSummary {
  importId: string | null;
  dryRun: boolean;
  fileName: string | null;
  encoding: 'utf-8' | 'utf-8-bom' | 'shift_jis';
  rows: number;
  /** History rows new, replaced (same person and date, other values) and already so. */
  added: number;
  updated: number;
  unchanged: number;
  /** Rows in force today and rows waiting for a later 発令日. */
  effectiveNow: number;
  scheduled: number;
  /** People whose current level, employment type or 課 changed today. */
  peopleChanged: number;
  /** People whose supervisor changed (a transfer to another 課). */
  supervisorsChanged: number;
  interviewsReassigned: number;
  /** Transfers to a 課 with nobody to supervise: the supervisor stays until the directory names one. */
  departmentsWithoutHead: string[];
}

export interface DirectorySyncRun {
  startedAt: string | null;
  completedAt: string;
  people: number;
  added: number;
  changed: number;
  supervisorsChanged: number;
  interviewsReassigned: number;
}

/** GET /api/hr/people/sync */
export interface SyncStatus {
  lastSync: DirectorySyncRun | null;
  /** The latest request for a sync now, and whether a run has answered it yet. */
  requestedAt: string | null;
  pending: boolean;
}

export interface LevelRecord {
  levelId: string;
  employmentType: EmploymentType;
  department: string | null;
  division: string | null;
  hireDate: string | null;
  effectiveFrom: string;
  importId: string;
  importedAt: string;
  /** In force today (the latest row not after today). */
  current: boolean;
  /** Its date is still to come. */
  scheduled: boolean;
}

/** GET /api/hr/people/:personId/levels */
export interface LevelHistory {
  person: {
    id: string;
    displayName: string;
    employeeId: string | null;
    department: string | null;
    division: string | null;
    jobTitle: string | null;
    levelId: string | null;
    employmentType: EmploymentType;
    hireDate: string | null;
    managerId: string | null;
    managerName: string | null;
  };
  /** Where today's level comes from: an HR import, or the directory's job title. */
  levelSource: 'import' | 'jobTitle';
  /** Newest first. */
  records: LevelRecord[];
}

/** Someone whose 課 or 部 in HR's record in force differs from the directory's. */
export interface DepartmentDisagreement {
  id: string;
  displayName: string;
  employeeId: string | null;
  /** In force: HR's record wins until HR's next file (docs/people.md, "Which source wins"). */
  department: string | null;
  division: string | null;
  /** What Entra ID says, as of the last sync. */
  directoryDepartment: string | null;
  directoryDivision: string | null;
  /** The 発令日 of the record in force. */
  effectiveFrom: string;
}

/** GET /api/hr/people/disagreements */
export interface DepartmentDisagreements {
  people: DepartmentDisagreement[];
}
