import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  frameworkLinks,
  indexWhereSet,
  outlookEventColumns,
  personRef,
  timestamptz,
  uuidPrimaryKey,
  versionedRow,
} from '../db/columns.ts';
import { COURSE_CATEGORIES, COURSE_FORMATS, COURSE_SCOPES, ENROLMENT_STATUSES } from './training.contract.ts';

/** A course of the catalog (研修). `seedKey` marks the local-mode demo catalog, so seeding is idempotent. */
export const trainingCourses = pgTable(
  'training_courses',
  {
    id: uuidPrimaryKey(),
    category: text('category', { enum: COURSE_CATEGORIES }).notNull(),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en'),
    descriptionJa: text('description_ja').notNull().default(''),
    descriptionEn: text('description_en'),
    targetLevelIds: jsonb('target_level_ids').$type<string[]>().notNull().default([]),
    minYearsOfService: integer('min_years_of_service'),
    maxYearsOfService: integer('max_years_of_service'),
    ...frameworkLinks(),
    format: text('format', { enum: COURSE_FORMATS }).notNull(),
    provider: text('provider').notNull().default(''),
    /** YYYY-MM: when HR expects the next session, shown while none is open (issue 18). */
    nextSessionMonth: text('next_session_month'),
    /** Yen per attendee (受講料 etc.), for HR's training budget (issue 20 point 5); null when not said. */
    costYen: integer('cost_yen'),
    archivedAt: timestamptz('archived_at'),
    /**
     * catalog: HR's course for the whole city. workplace: a 職場研修 run by a 課 (issue 19): its 課
     * (people.department in force when it was made) and the 課長/係長 who made it (docs/training.md).
     */
    scope: text('scope', { enum: COURSE_SCOPES }).notNull().default('catalog'),
    ownerDepartment: text('owner_department'),
    organiserId: text('organiser_id'),
    seedKey: text('seed_key'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('training_courses_seed_key').on(table.seedKey),
    // A 課's 職場研修 panel lists its own courses.
    indexWhereSet('training_courses_owner_idx', table.ownerDepartment),
    // A workplace course always has its 課 (HR's roll-up and the catalog name it); the service sets it.
    check(
      'training_courses_workplace_owner',
      sql`${table.scope} <> 'workplace' OR ${table.ownerDepartment} IS NOT NULL`,
    ),
  ],
);

/**
 * A session of a course and its one Outlook event in the training mailbox. The Outlook columns are an
 * outbox (src/jobs/outbox.ts): `outlookAction` says what Outlook is owed, `outboxSeq` moves on with every
 * new request so a worker settling an older claim does not wipe a newer one.
 */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuidPrimaryKey(),
    courseId: uuid('course_id').notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    place: text('place').notNull().default(''),
    online: boolean('online').notNull().default(false),
    capacity: integer('capacity').notNull(),
    /** Last day (Japan time, inclusive) to apply or be recommended. */
    applicationDeadline: date('application_deadline').notNull(),
    status: text('status', { enum: ['scheduled', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    cancelReason: text('cancel_reason'),
    /** create, move, attendees (add the newly confirmed) or cancel; null: Outlook is in step. */
    outlookAction: text('outlook_action', { enum: ['create', 'move', 'attendees', 'cancel'] }),
    outboxSeq: integer('outbox_seq').notNull().default(0),
    outlookFailed: boolean('outlook_failed').notNull().default(false),
    /** `noTeamsLink`: an online session's event has no Teams meeting even after reading it back. */
    ...outlookEventColumns(),
    error: text('error'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('training_sessions_transaction_id').on(table.transactionId),
    index('training_sessions_course_idx').on(table.courseId, table.startsAt),
    // HR's dashboards read a fiscal year's sessions of every course.
    index('training_sessions_starts_idx').on(table.startsAt),
    indexWhereSet('training_sessions_outlook_action_idx', table.outlookAction),
  ],
);

/** One person on one session's roster. One live enrolment per person and session (partial unique index). */
export const trainingEnrolments = pgTable(
  'training_enrolments',
  {
    id: uuidPrimaryKey(),
    sessionId: uuid('session_id').notNull(),
    personId: personRef(),
    status: text('status', { enum: ENROLMENT_STATUSES }).notNull(),
    origin: text('origin', { enum: ['application', 'recommendation', 'nomination'] }).notNull(),
    requestedById: text('requested_by_id'),
    reason: text('reason').notNull().default(''),
    note: text('note').notNull().default(''),
    eligibilityOverridden: boolean('eligibility_overridden').notNull().default(false),
    /** When HR put the person on the waiting list: the list is served in this order. */
    waitlistedAt: timestamptz('waitlisted_at'),
    confirmedAt: timestamptz('confirmed_at'),
    /** When the person was added to the session's Outlook event. */
    invitedAt: timestamptz('invited_at'),
    /** Their answer to the session's invitation in Outlook, read back from the event's attendees. */
    outlookResponse: text('outlook_response', { enum: ['none', 'accepted', 'tentative', 'declined'] }),
    outlookResponseAt: timestamptz('outlook_response_at'),
    closingReason: text('closing_reason'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('training_enrolments_one_live')
      .on(table.sessionId, table.personId)
      .where(sql`${table.status} not in ('withdrawn', 'declined')`),
    index('training_enrolments_person_idx').on(table.personId),
  ],
);

/**
 * 開講されたら知らせてほしい: a person waiting for a course with no open session to get one. Scheduling a
 * session tells them (a bot notice) and removes the row, so a row means "not told yet"
 * (src/training/course-interests.ts, docs/training.md).
 */
export const trainingCourseInterests = pgTable(
  'training_course_interests',
  {
    courseId: uuid('course_id').notNull(),
    personId: personRef(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.courseId, table.personId] }),
    index('training_course_interests_person_idx').on(table.personId),
  ],
);
