import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, personRef, timestamptz, updatedAt, uuidPrimaryKey } from '../db/columns.ts';

/**
 * Staff as the directory (Entra ID via Graph) describes them, kept locally so lists, reporting lines and
 * authorization checks need no Graph call. Job level and employment type are derived from the directory
 * for now; HR's import (effective-dated) takes over later.
 */
export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    userPrincipalName: text('user_principal_name').notNull(),
    displayName: text('display_name').notNull(),
    mail: text('mail'),
    /** 職員番号 (Graph: employeeId): how HR's files name people. */
    employeeId: text('employee_id'),
    jobTitle: text('job_title'),
    department: text('department'),
    division: text('division'),
    employeeType: text('employee_type'),
    hireDate: date('hire_date'),
    managerId: text('manager_id'),
    levelId: text('level_id'),
    /**
     * The directory's own 課, 部 and manager as the last sync read them. The columns above hold the
     * values in force (HR's record wins over the directory, see docs/people.md); these keep what the
     * directory says, so HR can see where the two disagree and a transfer's supervisor can hold exactly
     * while the directory still names the manager it replaced.
     */
    directoryDepartment: text('directory_department'),
    directoryDivision: text('directory_division'),
    directoryManagerId: text('directory_manager_id'),
    employmentType: text('employment_type', { enum: ['regular', 'fiscalYear'] })
      .notNull()
      .default('regular'),
    syncedAt: timestamptz('synced_at').notNull().defaultNow(),
  },
  (table) => [
    index('people_manager_idx').on(table.managerId),
    index('people_upn_idx').on(table.userPrincipalName),
    index('people_employee_id_idx').on(table.employeeId),
    // The team view walks down the lines in force: who the directory names as manager is one source.
    index('people_directory_manager_idx').on(table.directoryManagerId),
  ],
);

/** Completed full copies of the directory. Until one exists, the table may lack reporting lines. */
export const directorySyncs = pgTable('directory_syncs', {
  id: serial('id').primaryKey(),
  /** When the run read the directory (null for runs recorded before this was kept). */
  startedAt: timestamptz('started_at'),
  completedAt: timestamptz('completed_at').notNull().defaultNow(),
  people: integer('people').notNull(),
  /** What the run changed: new people, people with any field changed, supervisors changed. */
  added: integer('added').notNull().default(0),
  changed: integer('changed').notNull().default(0),
  supervisorsChanged: integer('supervisors_changed').notNull().default(0),
  interviewsReassigned: integer('interviews_reassigned').notNull().default(0),
  /** Graph's users @odata.deltaLink after this run: the next run reads only what changed since. */
  deltaLink: text('delta_link'),
  /** Whether this run read the whole directory (first run, or the stored delta link was refused). */
  full: boolean('full').notNull().default(true),
});

/** HR asked for a sync now; a run that started after the request answers it. */
export const directorySyncRequests = pgTable('directory_sync_requests', {
  id: serial('id').primaryKey(),
  requestedAt: timestamptz('requested_at').notNull().defaultNow(),
  requestedBy: text('requested_by').notNull(),
});

/** One applied HR file (levels, employment types, hire dates, departments). */
export const peopleImports = pgTable('people_imports', {
  id: uuidPrimaryKey(),
  importedBy: text('imported_by').notNull(),
  importedAt: timestamptz('imported_at').notNull().defaultNow(),
  fileName: text('file_name'),
  encoding: text('encoding').notNull(),
  rows: integer('rows').notNull(),
  summary: jsonb('summary').$type<Record<string, number>>().notNull().default({}),
});

/**
 * A person's line from an HR import, in force from `effectiveFrom`: `supervisorId` supervises them while
 * the directory still names the manager it replaced (`replacedManagerId`). Shared by a 発令's transfer
 * and by the overrides an import makes for people it has no row for.
 */
const importedLine = () => ({
  personId: personRef(),
  effectiveFrom: date('effective_from').notNull(),
  supervisorId: text('supervisor_id'),
  replacedManagerId: text('replaced_manager_id'),
  importId: uuid('import_id')
    .notNull()
    .references(() => peopleImports.id),
  createdAt: createdAt(),
});

/**
 * Effective-dated personnel records (発令) from HR's imports. The row with the latest effective date
 * not after today is in force and is copied onto `people`; later rows wait for their date, earlier ones
 * are history. A transfer (another 課) also names the supervisor it brings, which holds while the
 * directory still names the manager from before the transfer (`replacedManagerId`).
 */
export const personLevels = pgTable(
  'person_levels',
  {
    id: uuidPrimaryKey(),
    ...importedLine(),
    levelId: text('level_id').notNull(),
    employmentType: text('employment_type', { enum: ['regular', 'fiscalYear'] }).notNull(),
    /** 課 */
    department: text('department'),
    /** 部 */
    division: text('division'),
    hireDate: date('hire_date'),
  },
  (table) => [
    uniqueIndex('person_levels_person_date').on(table.personId, table.effectiveFrom),
    // The team view walks down the lines in force: a transfer's supervisor is one source.
    index('person_levels_supervisor_idx').on(table.supervisorId),
  ],
);

/**
 * Supervisors an import gives to people it has no row for: staff who stay in a 課 whose head (or their
 * own supervisor inside the 課) leaves it in the same file. Like a transfer's supervisor, it holds from
 * its date while the directory still names the manager it replaced (`replacedManagerId`), so the person
 * who left stops supervising them on the day they leave, not when IT updates Entra ID.
 */
export const lineOverrides = pgTable(
  'line_overrides',
  {
    id: uuidPrimaryKey(),
    ...importedLine(),
  },
  (table) => [
    uniqueIndex('line_overrides_person_date').on(table.personId, table.effectiveFrom),
    // The team view walks down the lines in force: an override's supervisor is one source.
    index('line_overrides_supervisor_idx').on(table.supervisorId),
  ],
);

/**
 * People whose data HR erased: the directory sync and first sign-in do not bring them back until HR
 * lifts the exclusion (docs/people.md, "Erased people"). Ids only, never deleted; lifting stamps it.
 */
export const directoryExclusions = pgTable('directory_exclusions', {
  personId: text('person_id').primaryKey(),
  erasureId: uuid('erasure_id').notNull(),
  excludedAt: timestamptz('excluded_at').notNull().defaultNow(),
  liftedAt: timestamptz('lifted_at'),
  liftedBy: text('lifted_by'),
});

/**
 * The directory sync in progress (one row): where the current round of users delta stands, so a run that
 * failed or died resumes from its last completed page, on any instance; and the lease that lets only one
 * instance run the sync at a time (docs/people.md, "Directory sync").
 */
export const directorySyncProgress = pgTable('directory_sync_progress', {
  name: text('name').primaryKey(),
  /** `full`: the round lists everyone (whoever it does not list has left); `delta`: only changes. */
  mode: text('mode', { enum: ['full', 'delta'] }),
  /** The @odata.nextLink to read next; null when no round is in progress. */
  nextLink: text('next_link'),
  /** The round's last page has been staged: where the next round starts, once this one is applied. */
  deltaLink: text('delta_link'),
  /** Pages and entries of the round staged so far. */
  pages: integer('pages').notNull().default(0),
  entries: integer('entries').notNull().default(0),
  roundStartedAt: timestamptz('round_started_at'),
  /** The instance running the sync, and until when its lease holds (renewed on every page). */
  owner: text('owner'),
  leaseUntil: timestamptz('lease_until'),
  updatedAt: updatedAt(),
});

/**
 * The entries of the round in progress, one per person (a later page's entry replaces an earlier one).
 * Applied to `people` in one transaction when the round completes: a full round must see everyone before
 * it can tell who has left.
 */
export const directorySyncEntries = pgTable('directory_sync_entries', {
  personId: text('person_id').primaryKey(),
  /** Deleted, or no longer staff (disabled, guest, unlicensed). */
  gone: boolean('gone').notNull(),
  /** The directory's user (directory.port.ts ChangedStaff) when not gone. */
  user: jsonb('user'),
  page: integer('page').notNull(),
});
