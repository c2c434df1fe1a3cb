import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { unknownFrameworkLinks } from '../framework/framework-loader.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { knownPerson } from '../people/known-person.ts';
import { halfPeriodAt } from '../shared/fiscal-period.ts';
import type {
  GoalCommentInput,
  GoalCommentStage,
  GoalInput,
  GoalProgressInput,
  GoalReflectionInput,
  GoalUpdateInput,
  GoalView,
  WorkplaceGoalsResponse,
} from './goal.contract.ts';
import { goals } from './goal.schema.ts';

type Row = typeof goals.$inferSelect;

/** The cycle window kind each goal stage belongs to (src/cycles). */
export const STAGE_WINDOW_KINDS = {
  setting: 'goalSetting',
  mid: 'midYear',
  yearEnd: 'yearEnd',
} as const satisfies Record<GoalCommentStage, string>;

const STAGE_NAMES: Record<GoalCommentStage, string> = {
  setting: '期首 (goal setting)',
  mid: '中間 (mid-year)',
  yearEnd: '期末 (year-end)',
};

/**
 * HR's goal windows (src/cycles): a stage's window in a fiscal year as it stands today, or undefined when HR
 * has configured none for it.
 */
export interface GoalStageWindows {
  goalStageWindow(
    fiscalYear: number,
    kind: (typeof STAGE_WINDOW_KINDS)[GoalCommentStage],
  ): Promise<{ state: 'scheduled' | 'open' | 'closed'; opensOn: string; closesOn: string } | undefined>;
}

export function createGoalService(deps: {
  db: Db;
  people: Pick<PeopleStore, 'get' | 'inDepartment'>;
  framework: Framework;
  access: AccessPolicy;
  audit: AuditLog;
  /**
   * Stage-specific writes (a reflection, a supervisor's comment) follow the stage's window once HR has
   * configured one, as self-checks and 自己申告 do; without it (or for a year HR has not configured) any
   * stage is accepted, the rule before issue 18.
   */
  windows?: GoalStageWindows;
  /** Whether an id is a goal of the 課's policy for the fiscal year (部・課の方針, org-policy.service.ts). */
  departmentGoals?: (department: string, fiscalYear: number, goalId: string) => Promise<boolean>;
  now: () => Date;
}) {
  const { db, framework } = deps;
  const audited = auditOf(deps.audit, 'goals');

  const checkStageWindow = async (fiscalYear: number, stage: GoalCommentStage) => {
    const window = await deps.windows?.goalStageWindow(fiscalYear, STAGE_WINDOW_KINDS[stage]);
    if (!window || window.state === 'open') return;
    const when =
      window.state === 'scheduled'
        ? `it is planned from ${window.opensOn} to ${window.closesOn} and HR has not opened it yet`
        : `it closed (last day ${window.closesOn})`;
    throw new AppError(
      'conflict',
      `The ${STAGE_NAMES[stage]} window for fiscal year ${fiscalYear} is not open: ${when}.`,
      [{ path: 'body.stage', message: `the ${stage} window is ${window.state}` }],
    );
  };

  const view = (row: Row, full: boolean): GoalView => {
    const shared = {
      id: row.id,
      personId: row.personId,
      fiscalYear: row.fiscalYear,
      title: row.title,
      dueDate: row.dueDate,
      progress: row.progress,
      version: row.version,
      shared: !full,
    };
    return full
      ? {
          ...shared,
          successCriteria: row.successCriteria,
          competencyIds: row.competencyIds,
          guidelineIds: row.guidelineIds,
          visibility: row.visibility,
          midReflection: row.midReflection,
          yearEndReflection: row.yearEndReflection,
          comments: row.comments,
          departmentGoalId: row.departmentGoalId,
        }
      : shared;
  };

  const checkLinks = (
    input: { competencyIds: string[]; guidelineIds: string[]; dueDate: string },
    fiscalYear: number,
  ) => {
    const details = [...unknownFrameworkLinks(framework, input)];
    const due = new Date(`${input.dueDate}T00:00:00Z`);
    if (
      Number.isNaN(due.getTime()) ||
      due < new Date(Date.UTC(fiscalYear, 3, 1)) ||
      due > new Date(Date.UTC(fiscalYear + 1, 2, 31))
    ) {
      details.push({
        path: 'body.dueDate',
        message: `must fall in fiscal year ${fiscalYear} (${fiscalYear}-04-01 to ${fiscalYear + 1}-03-31)`,
      });
    }
    if (details.length > 0)
      throw new AppError('validation_failed', 'The goal refers to things that do not fit.', details);
  };

  /** A personal goal links only a goal of the person's own 課, of the goal's fiscal year. */
  const checkDepartmentGoal = async (
    personId: string,
    fiscalYear: number,
    departmentGoalId: string | null | undefined,
  ) => {
    if (departmentGoalId === null || departmentGoalId === undefined) return;
    const department = (await deps.people.get(personId))?.department;
    if (department && (await deps.departmentGoals?.(department, fiscalYear, departmentGoalId))) return;
    throw new AppError('validation_failed', 'The goal refers to things that do not fit.', [
      {
        path: 'body.departmentGoalId',
        message: `is not a goal of ${department ?? 'your 課'} for fiscal year ${fiscalYear}`,
      },
    ]);
  };

  const load = async (personId: string, goalId: string): Promise<Row> => {
    const rows = await db
      .select()
      .from(goals)
      .where(and(eq(goals.id, goalId), eq(goals.personId, personId)))
      .limit(1);
    if (!rows[0]) throw new AppError('not_found', 'No such goal.');
    return rows[0];
  };

  const write = async (
    row: Row,
    expected: number,
    changes: Partial<typeof goals.$inferInsert>,
  ): Promise<Row> => {
    const updated = await db
      .update(goals)
      .set({ ...changes, version: row.version + 1, updatedAt: deps.now() })
      .where(and(eq(goals.id, row.id), eq(goals.version, expected)))
      .returning();
    if (!updated[0]) {
      throw versionConflict(
        `Someone changed this goal in the meantime (now version ${row.version}). Reload to see it.`,
        row.version,
      );
    }
    return updated[0];
  };

  const currentFiscalYear = () => halfPeriodAt(deps.now()).fiscalYear;
  const closedYear = (fiscalYear: number) => fiscalYear < currentFiscalYear();

  /** One of my own goals that I may still change: not of a past fiscal year. */
  const ownOpenGoal = async (actor: Actor, personId: string, goalId: string) => {
    await deps.access.require(actor, personId, ['self']);
    const row = await load(personId, goalId);
    if (closedYear(row.fiscalYear))
      throw new AppError('conflict', 'Goals of a past fiscal year are read-only.');
    return row;
  };

  return {
    async list(actor: Actor, personId: string, fiscalYear: number | undefined): Promise<GoalView[]> {
      const relation = await deps.access.require(actor, personId, ['self', 'supervisor', 'hr', 'colleague']);
      // HR reaches anyone's goals by role, so an id nobody has must say so rather than look like no goals.
      if (relation === 'hr') await knownPerson(deps.people, personId);
      const year = fiscalYear ?? currentFiscalYear();
      const rows = await db
        .select()
        .from(goals)
        .where(and(eq(goals.personId, personId), eq(goals.fiscalYear, year)))
        .orderBy(asc(goals.createdAt));
      if (relation === 'supervisor' || relation === 'hr')
        await audited('read', actor, personId, { fiscalYear: year });
      // A colleague sees only what the person chose to share with the 課.
      if (relation === 'colleague')
        return rows.filter((row) => row.visibility === 'workplace').map((row) => view(row, false));
      return rows.map((row) => view(row, true));
    },

    /** The shared part of every colleague's goals in my 課: what the workplace sees anyway, not audited. */
    async workplace(actor: Actor, fiscalYear: number | undefined): Promise<WorkplaceGoalsResponse> {
      const year = fiscalYear ?? currentFiscalYear();
      const department = (await deps.people.get(actor.id))?.department ?? null;
      if (!department) return { department, fiscalYear: year, people: [] };
      const colleagues = (await deps.people.inDepartment(department)).filter(
        (person) => person.id !== actor.id,
      );
      if (colleagues.length === 0) return { department, fiscalYear: year, people: [] };
      const rows = await db
        .select()
        .from(goals)
        .where(
          and(
            inArray(
              goals.personId,
              colleagues.map((person) => person.id),
            ),
            eq(goals.fiscalYear, year),
            eq(goals.visibility, 'workplace'),
          ),
        )
        .orderBy(asc(goals.createdAt));
      return {
        department,
        fiscalYear: year,
        people: colleagues
          .map((person) => ({
            id: person.id,
            displayName: person.displayName,
            jobTitle: person.jobTitle,
            goals: rows.filter((row) => row.personId === person.id).map((row) => view(row, false)),
          }))
          .filter((person) => person.goals.length > 0),
      };
    },

    /** Makes a goal once per idempotency key; `created` is false when the key made one before. */
    async create(
      actor: Actor,
      personId: string,
      input: GoalInput,
    ): Promise<{ goal: GoalView; created: boolean }> {
      await deps.access.require(actor, personId, ['self']);
      if (closedYear(input.fiscalYear) || input.fiscalYear > currentFiscalYear() + 1) {
        throw new AppError('conflict', `Goals for fiscal year ${input.fiscalYear} cannot be added now.`);
      }
      checkLinks(input, input.fiscalYear);
      await checkDepartmentGoal(personId, input.fiscalYear, input.departmentGoalId);
      const [row] = await db
        .insert(goals)
        .values({ ...input, personId })
        .onConflictDoNothing({ target: [goals.personId, goals.idempotencyKey] })
        .returning();
      if (row) return { goal: view(row, true), created: true };
      // The same form sent again (a double click, a retry): the goal the first request made.
      const [first] = await db
        .select()
        .from(goals)
        .where(and(eq(goals.personId, personId), eq(goals.idempotencyKey, input.idempotencyKey)))
        .limit(1);
      if (!first) throw new Error('goal with this idempotency key vanished while creating');
      return { goal: view(first, true), created: false };
    },

    async update(actor: Actor, personId: string, goalId: string, input: GoalUpdateInput): Promise<GoalView> {
      const row = await ownOpenGoal(actor, personId, goalId);
      checkLinks(input, row.fiscalYear);
      await checkDepartmentGoal(personId, row.fiscalYear, input.departmentGoalId);
      const { version, ...changes } = input;
      return view(await write(row, version, changes), true);
    },

    async addProgress(
      actor: Actor,
      personId: string,
      goalId: string,
      input: GoalProgressInput,
    ): Promise<GoalView> {
      const row = await ownOpenGoal(actor, personId, goalId);
      const entry = { at: deps.now().toISOString(), percent: input.percent, note: input.note };
      return view(await write(row, input.version, { progress: [...row.progress, entry] }), true);
    },

    async reflect(
      actor: Actor,
      personId: string,
      goalId: string,
      input: GoalReflectionInput,
    ): Promise<GoalView> {
      const row = await ownOpenGoal(actor, personId, goalId);
      await checkStageWindow(row.fiscalYear, input.stage);
      const changes =
        input.stage === 'mid' ? { midReflection: input.text } : { yearEndReflection: input.text };
      return view(await write(row, input.version, changes), true);
    },

    async comment(
      actor: Actor,
      personId: string,
      goalId: string,
      input: GoalCommentInput,
    ): Promise<GoalView> {
      await deps.access.require(actor, personId, ['supervisor']);
      const row = await load(personId, goalId);
      await checkStageWindow(row.fiscalYear, input.stage);
      const entry = {
        at: deps.now().toISOString(),
        authorId: actor.id,
        stage: input.stage,
        text: input.text,
      };
      const updated = await write(row, input.version, { comments: [...row.comments, entry] });
      await audited('write', actor, personId, { goalId, stage: input.stage });
      return view(updated, true);
    },
  };
}

export type GoalService = ReturnType<typeof createGoalService>;
