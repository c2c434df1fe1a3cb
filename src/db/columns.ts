// Column groups several tables declare alike. Each helper makes new column builders on every call, so a
// table never shares a builder with another; spread the groups into a table's columns.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** Every point in time the schema stores is a `timestamptz`. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A required reference to a person: the directory's object id (`people.id`), kept as text and without a
 * foreign key, so a row outlives the person's directory entry until erasure (src/privacy/erasure-plan.ts).
 */
export const personRef = (name = 'person_id') => text(name).notNull();

/** The fiscal year (April to March, named by the year it starts in) a row belongs to. */
export const fiscalYearColumn = () => integer('fiscal_year').notNull();

/** A person's row for one fiscal year: `person_id`, `fiscal_year`. */
export const personFiscalYear = () => ({
  personId: personRef(),
  fiscalYear: fiscalYearColumn(),
});

/** A generated uuid primary key named `id`. */
export const uuidPrimaryKey = () => uuid('id').primaryKey().defaultRandom();

/** When the row was written, set by the database. */
export const createdAt = () => timestamptz('created_at').notNull().defaultNow();

/** When the row last changed (a default on insert; writers set it on update). */
export const updatedAt = () => timestamptz('updated_at').notNull().defaultNow();

/** The optimistic-concurrency version an edit names (If-Match) and bumps. */
export const rowVersion = () => integer('version').notNull().default(1);

/** An edited row's version and times: `version`, `created_at`, `updated_at`. */
export const versionedRow = () => ({
  version: rowVersion(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A form that is a draft until its owner submits it (self-checks, 自己申告, training reports). */
export const draftStatus = () =>
  text('status', { enum: ['draft', 'submitted'] })
    .notNull()
    .default('draft');

/**
 * The Outlook event a row owes or has (interviews, training sessions), worked through an outbox
 * (src/jobs/outbox.ts). `transactionId` is fixed when the row is written and sent with every attempt to
 * create the event, so Graph drops duplicates of a retried POST.
 */
export const outlookEventColumns = () => ({
  /** A worker holds the row until then while it talks to Outlook; after a crash the lease runs out. */
  leaseUntil: timestamptz('lease_until'),
  /** How often the Outlook action was tried; a create that was never tried left nothing in Outlook. */
  outlookAttempts: integer('outlook_attempts').notNull().default(0),
  transactionId: text('transaction_id').notNull(),
  eventId: text('event_id'),
  joinUrl: text('join_url'),
  webLink: text('web_link'),
  /**
   * The event was created but no Teams meeting came with it, even after reading it back: the organizer's
   * mailbox cannot host Teams meetings (no Teams licence, or Teams not among its calendar's allowed
   * online meeting providers). Shown to the organizer; an administrator fixes the mailbox.
   */
  noTeamsLink: boolean('no_teams_link').notNull().default(false),
});

/** The framework competencies and guidelines a row links to (goals, training courses and reports). */
export const frameworkLinks = () => ({
  competencyIds: jsonb('competency_ids').$type<string[]>().notNull().default([]),
  guidelineIds: jsonb('guideline_ids').$type<string[]>().notNull().default([]),
});

/**
 * An index of only the rows where `column` is set: an outbox's rows that still owe Outlook an action
 * (`outlook_action`), a 課's own courses (`owner_department`).
 */
export const indexWhereSet = (name: string, column: AnyPgColumn) =>
  index(name)
    .on(column)
    .where(sql`${column} is not null`);
