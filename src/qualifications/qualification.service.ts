import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import type { PeopleStore, PersonRow } from '../people/people.store.ts';
import { halfPeriodAt } from '../shared/fiscal-period.ts';
import { jstDayOf, jstMidnight } from '../shared/japan-time.ts';
import {
  type ApplicationInput,
  type ApplicationResult,
  type ApplicationStatus,
  type ApplicationUpdate,
  type ApplicationView,
  type HrDecision,
  type SupervisorDecision,
} from './qualification.contract.ts';
import type { QualificationNotices } from './qualification-notices.ts';
import type { QualificationDecidedNotice } from './qualification-notice-cards.port.ts';
import { qualificationApplications } from './qualification.schema.ts';

type Row = typeof qualificationApplications.$inferSelect;

/** What the qualifications slice needs of career design (growth): add a pass to the qualifications held. */
export interface QualificationsHeld {
  addQualificationHeld(
    tx: Db,
    personId: string,
    qualification: { name: string; month: string | null },
  ): Promise<void>;
}

/** The fiscal year (April–March, Japan) a YYYY-MM-DD day falls in. */
export const fiscalYearOfDay = (day: string) => halfPeriodAt(new Date(jstMidnight(day))).fiscalYear;

/** Who may act on an application in each status, for the refusals' words. */
const WAITING_FOR: Record<ApplicationStatus, string> = {
  awaitingSupervisor: 'it waits for the supervisor’s approval',
  returned: 'the supervisor returned it to the applicant',
  awaitingHr: 'it waits for HR’s approval',
  approved: 'HR approved it',
  refused: 'HR refused it',
  passed: 'its result (passed) is recorded',
  failed: 'its result (failed) is recorded',
};

/**
 * 資格取得 support applications (issue 20 point 5): the applicant writes one, their supervisor in force
 * approves or returns it, HR approves or refuses it, the applicant records the result; a pass goes into
 * their career design's qualifications held. Every write is versioned and audited.
 */
export function createQualificationService(deps: {
  db: Db;
  people: Pick<PeopleStore, 'get' | 'getMany' | 'managerOf' | 'reportsBelow'>;
  access: AccessPolicy;
  audit: AuditLog;
  career: QualificationsHeld;
  /** The bot notices of each step (qualification-notices.ts); without them the steps are only in the tab. */
  notices?: QualificationNotices | undefined;
  now: () => Date;
}) {
  const { db } = deps;
  const audited = auditOf(deps.audit, 'qualification-application');
  const today = () => jstDayOf(deps.now().getTime());

  const views = async (rows: Row[]): Promise<ApplicationView[]> => {
    const ids = new Set<string>();
    for (const row of rows)
      for (const id of [row.personId, row.supervisorId, row.hrDecidedById]) if (id) ids.add(id);
    const people = new Map<string, PersonRow>(
      (await deps.people.getMany([...ids])).map((person) => [person.id, person]),
    );
    const decision = (byId: string | null, comment: string, at: Date | null) =>
      at === null
        ? null
        : { byId, byName: (byId && people.get(byId)?.displayName) ?? null, comment, at: at.toISOString() };
    return rows.map((row) => ({
      id: row.id,
      personId: row.personId,
      personName: people.get(row.personId)?.displayName ?? null,
      department: people.get(row.personId)?.department ?? null,
      qualificationName: row.qualificationName,
      examDate: row.examDate,
      fiscalYear: row.fiscalYear,
      costYen: row.costYen,
      reason: row.reason,
      status: row.status,
      supervisorDecision: decision(row.supervisorId, row.supervisorComment, row.supervisorDecidedAt),
      hrDecision: decision(row.hrDecidedById, row.hrComment, row.hrDecidedAt),
      resultDate: row.resultDate,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    }));
  };
  const viewOf = async (row: Row) => (await views([row]))[0] as ApplicationView;

  const load = async (id: string): Promise<Row> => {
    const [row] = await db
      .select()
      .from(qualificationApplications)
      .where(eq(qualificationApplications.id, id))
      .limit(1);
    if (!row) throw new AppError('not_found', 'No such 資格取得 application.');
    return row;
  };

  /** Refuses (409) an action the application's status does not allow, naming where it stands. */
  const requireStatus = (row: Row, allowed: readonly ApplicationStatus[], action: string) => {
    if (!allowed.includes(row.status))
      throw new AppError('conflict', `This application cannot be ${action} now: ${WAITING_FOR[row.status]}.`);
  };

  const notBeforeToday = (examDate: string) => {
    if (examDate < today())
      throw new AppError('validation_failed', 'The exam day has passed.', [
        { path: 'body.examDate', message: 'must not be a day already past' },
      ]);
  };

  /** The versioned write of a change the caller may make; a stale version is 409 and changes nothing. */
  const write = async (
    row: Row,
    version: number,
    changes: Partial<typeof qualificationApplications.$inferInsert>,
    tx: Db = db,
  ): Promise<Row> => {
    const [saved] = await tx
      .update(qualificationApplications)
      .set({ ...changes, version: row.version + 1, updatedAt: deps.now() })
      .where(and(eq(qualificationApplications.id, row.id), eq(qualificationApplications.version, version)))
      .returning();
    if (!saved)
      throw versionConflict(
        `This application changed in the meantime (now version ${row.version}). Reload to see it.`,
        row.version,
      );
    return saved;
  };

  /** Audits a write of the application under its person, and answers the application as it now is. */
  const recorded = async (
    actor: Actor,
    saved: Row,
    change: string,
    details: Record<string, unknown> = {},
  ): Promise<ApplicationView> => {
    await audited('write', actor, saved.personId, {
      change,
      applicationId: saved.id,
      version: saved.version,
      ...details,
    });
    return viewOf(saved);
  };

  /**
   * A supervisor's or HR's decision on an application waiting for them (`step.waiting`): a decision that
   * sends the application back (`step.commentFor`) must say why (422), else it is written and audited as
   * `${step.audit}-${decision}`.
   */
  const decide = async <D extends string>(
    actor: Actor,
    row: Row,
    input: { decision: D; comment: string; version: number },
    step: {
      waiting: ApplicationStatus;
      action: string;
      commentFor: D;
      commentMissing: string;
      commentRule: string;
      audit: string;
      /** What the applicant is told the decision was. */
      outcome: (decision: D) => QualificationDecidedNotice['outcome'];
    },
    changes: Partial<typeof qualificationApplications.$inferInsert>,
    details: Record<string, unknown> = {},
  ): Promise<ApplicationView> => {
    requireStatus(row, [step.waiting], step.action);
    if (input.decision === step.commentFor && input.comment === '')
      throw new AppError('validation_failed', step.commentMissing, [
        { path: 'body.comment', message: step.commentRule },
      ]);
    // The decision and the applicant's notice of it: both or neither.
    const saved = await db.transaction(async (tx) => {
      const written = await write(row, input.version, changes, tx);
      await deps.notices?.decided(
        tx,
        written,
        { outcome: step.outcome(input.decision), deciderId: actor.id, comment: input.comment },
        deps.now(),
      );
      return written;
    });
    return recorded(actor, saved, `${step.audit}-${input.decision}`, details);
  };

  /**
   * Where an application goes once sent: to the applicant's supervisor in force, who is told (inside `tx`,
   * with the write); to HR directly when they have none (HR sees it in the console).
   */
  const sendTo = async (personId: string) => {
    const supervisorId = await deps.people.managerOf(personId);
    return {
      status: (supervisorId ? 'awaitingSupervisor' : 'awaitingHr') as ApplicationStatus,
      tell: async (tx: Db, saved: Row, resubmitted: boolean) => {
        if (supervisorId) await deps.notices?.submitted(tx, saved, supervisorId, resubmitted, deps.now());
      },
    };
  };

  const byNewest = [desc(qualificationApplications.examDate), desc(qualificationApplications.createdAt)];

  return {
    async mine(actor: Actor): Promise<ApplicationView[]> {
      const rows = await db
        .select()
        .from(qualificationApplications)
        .where(eq(qualificationApplications.personId, actor.id))
        .orderBy(...byNewest);
      return views(rows);
    },

    async apply(actor: Actor, input: ApplicationInput): Promise<ApplicationView> {
      notBeforeToday(input.examDate);
      const sent = await sendTo(actor.id);
      const created = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(qualificationApplications)
          .values({
            personId: actor.id,
            ...input,
            fiscalYear: fiscalYearOfDay(input.examDate),
            status: sent.status,
            createdAt: deps.now(),
            updatedAt: deps.now(),
          })
          .returning();
        await sent.tell(tx, row as Row, false);
        return row as Row;
      });
      await audited('write', actor, actor.id, {
        change: 'apply',
        applicationId: created.id,
        costYen: created.costYen,
      });
      return viewOf(created);
    },

    async update(actor: Actor, id: string, input: ApplicationUpdate): Promise<ApplicationView> {
      const row = await load(id);
      if (row.personId !== actor.id)
        throw new AppError('forbidden', 'Only the applicant may change their application.');
      requireStatus(row, ['awaitingSupervisor', 'returned'], 'changed');
      notBeforeToday(input.examDate);
      const { version, ...fields } = input;
      // A returned application, once changed, goes back to the supervisor, who is told.
      const sent = row.status === 'returned' ? await sendTo(row.personId) : undefined;
      const saved = await db.transaction(async (tx) => {
        const written = await write(
          row,
          version,
          {
            ...fields,
            fiscalYear: fiscalYearOfDay(fields.examDate),
            ...(sent ? { status: sent.status } : {}),
          },
          tx,
        );
        await sent?.tell(tx, written, true);
        return written;
      });
      return recorded(actor, saved, 'edit');
    },

    async supervisorDecision(actor: Actor, id: string, input: SupervisorDecision): Promise<ApplicationView> {
      const row = await load(id);
      if (row.personId === actor.id || (await deps.people.managerOf(row.personId)) !== actor.id)
        throw new AppError(
          'forbidden',
          'Only the applicant’s supervisor may approve or return the application.',
        );
      return decide(
        actor,
        row,
        input,
        {
          waiting: 'awaitingSupervisor',
          action: 'decided by the supervisor',
          commentFor: 'return',
          commentMissing: 'Say what to change when returning an application.',
          commentRule: 'is required when returning',
          audit: 'supervisor',
          outcome: (decision) => (decision === 'approve' ? 'approved' : 'returned'),
        },
        {
          status: input.decision === 'approve' ? 'awaitingHr' : 'returned',
          supervisorId: actor.id,
          supervisorComment: input.comment,
          supervisorDecidedAt: deps.now(),
        },
      );
    },

    async hrDecision(actor: Actor, id: string, input: HrDecision): Promise<ApplicationView> {
      if (!actor.isHr) throw new AppError('forbidden', 'Only HR may approve or refuse an application.');
      const row = await load(id);
      if (row.personId === actor.id)
        throw new AppError(
          'forbidden',
          'HR may not decide their own application: another HR member decides it.',
        );
      return decide(
        actor,
        row,
        input,
        {
          waiting: 'awaitingHr',
          action: 'decided by HR',
          commentFor: 'refuse',
          commentMissing: 'Say why when refusing an application.',
          commentRule: 'is required when refusing',
          audit: 'hr',
          outcome: (decision) => (decision === 'approve' ? 'granted' : 'refused'),
        },
        {
          status: input.decision === 'approve' ? 'approved' : 'refused',
          hrDecidedById: actor.id,
          hrComment: input.comment,
          hrDecidedAt: deps.now(),
        },
        { costYen: row.costYen },
      );
    },

    async recordResult(actor: Actor, id: string, input: ApplicationResult): Promise<ApplicationView> {
      const row = await load(id);
      if (row.personId !== actor.id)
        throw new AppError('forbidden', 'Only the applicant records the result of their application.');
      requireStatus(row, ['approved'], 'given a result');
      if (input.resultDate > today() || input.resultDate < row.examDate)
        throw new AppError('validation_failed', 'The result day must be between the exam day and today.', [
          { path: 'body.resultDate', message: `must be from ${row.examDate} to today` },
        ]);
      // The pass and the career design's new version are one transaction: both or neither.
      const saved = await db.transaction(async (tx) => {
        const written = await write(
          row,
          input.version,
          { status: input.result, resultDate: input.resultDate },
          tx,
        );
        if (input.result === 'passed')
          await deps.career.addQualificationHeld(tx, row.personId, {
            name: row.qualificationName,
            month: input.resultDate.slice(0, 7),
          });
        return written;
      });
      return recorded(actor, saved, `result-${input.result}`);
    },

    /** What waits for the caller as supervisor: their direct reports' applications awaiting them. */
    async approvals(actor: Actor): Promise<ApplicationView[]> {
      const reports = (await deps.people.reportsBelow(actor.id)).filter((person) => person.depth === 1);
      if (reports.length === 0) return [];
      const rows = await db
        .select()
        .from(qualificationApplications)
        .where(
          and(
            inArray(
              qualificationApplications.personId,
              reports.map((person) => person.id),
            ),
            eq(qualificationApplications.status, 'awaitingSupervisor'),
          ),
        )
        .orderBy(qualificationApplications.examDate);
      if (rows.length > 0) await audited('read', actor, null, { list: 'approvals', count: rows.length });
      return views(rows);
    },

    /** Every application of a fiscal year (HR; audited): those awaiting HR first, then by exam day. */
    async ofYear(actor: Actor, fiscalYear: number): Promise<ApplicationView[]> {
      if (!actor.isHr) throw new AppError('forbidden', 'Only HR sees every application.');
      const rows = await db
        .select()
        .from(qualificationApplications)
        .where(eq(qualificationApplications.fiscalYear, fiscalYear))
        .orderBy(
          sql`${qualificationApplications.status} = 'awaitingHr' desc`,
          qualificationApplications.examDate,
        );
      await audited('read', actor, null, { list: 'year', fiscalYear });
      return views(rows);
    },
  };
}

export type QualificationService = ReturnType<typeof createQualificationService>;
