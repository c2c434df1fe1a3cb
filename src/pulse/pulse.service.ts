import { and, count, desc, eq, gte, lte } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { updateAtVersion } from '../db/rows.ts';
import { AppError, type ErrorDetail, versionConflict } from '../http/app-error.ts';
import { departmentHeadcounts } from '../people/people.read.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { ledDepartmentOf } from '../shared/department-leads.ts';
import { fiscalQuarterDays, parseFiscalQuarter } from '../shared/fiscal-period.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import type {
  CurrentPulse,
  DepartmentPulse,
  DepartmentResult,
  PulseAction,
  PulseActionInput,
  PulseAnswer,
  PulseConfig,
  PulseCreateInput,
  PulseResults,
  PulseTrend,
  PulseUpdateInput,
  TrendPoint,
} from './pulse.contract.ts';
import { createPulseResults } from './pulse-results.ts';
import { pulseActions, pulseAnswers, pulseParticipations, pulses } from './pulse.schema.ts';

type PulseRow = typeof pulses.$inferSelect;
type ActionRow = typeof pulseActions.$inferSelect;

const onlyHr = () => new AppError('forbidden', 'Only HR (職員課) manages the pulse and reads its results.');

export function createPulseService(deps: {
  db: Db;
  people: Pick<PeopleStore, 'get'>;
  audit: Pick<AuditLog, 'record'>;
  now: () => Date;
}) {
  const { db } = deps;
  const audited = auditOf(deps.audit, 'pulse');
  const results = createPulseResults(db);
  const today = () => jstDayOf(deps.now().getTime());

  const statusOf = (pulse: PulseRow): PulseConfig['status'] => {
    const day = today();
    if (day < pulse.opensOn) return 'scheduled';
    return day > pulse.closesOn ? 'closed' : 'open';
  };

  const answeredCount = async (tx: Db, pulseId: string): Promise<number> =>
    (
      await tx
        .select({ answered: count() })
        .from(pulseParticipations)
        .where(eq(pulseParticipations.pulseId, pulseId))
    )[0]?.answered ?? 0;

  /** What every view shows of a pulse. */
  const shownOf = (pulse: PulseRow) => ({
    id: pulse.id,
    quarter: pulse.quarter,
    questions: pulse.questions,
    freeTextQuestion: pulse.freeTextQuestion ?? null,
    opensOn: pulse.opensOn,
    closesOn: pulse.closesOn,
  });

  const configOf = async (pulse: PulseRow): Promise<PulseConfig> => {
    const answered = await answeredCount(db, pulse.id);
    return {
      ...shownOf(pulse),
      status: statusOf(pulse),
      answered,
      questionsLocked: answered > 0,
      sentAt: pulse.sentAt?.toISOString() ?? null,
      version: pulse.version,
      updatedAt: pulse.updatedAt.toISOString(),
    };
  };

  const pulseById = async (pulseId: string): Promise<PulseRow> => {
    const [pulse] = await db.select().from(pulses).where(eq(pulses.id, pulseId)).limit(1);
    if (!pulse) throw new AppError('not_found', 'No such pulse.');
    return pulse;
  };

  /** The days must lie in the quarter and the pulse must not close before it opens. */
  const checkDays = (quarter: string, input: { opensOn: string; closesOn: string }) => {
    const parsed = parseFiscalQuarter(quarter);
    const details: ErrorDetail[] = [];
    if (!parsed) details.push({ path: 'body.quarter', message: 'must be a fiscal quarter such as 2026-Q1' });
    else {
      const { first, last } = fiscalQuarterDays(parsed);
      for (const field of ['opensOn', 'closesOn'] as const)
        if (input[field] < first || input[field] > last)
          details.push({ path: `body.${field}`, message: `must be within ${quarter} (${first} to ${last})` });
    }
    if (input.closesOn < input.opensOn)
      details.push({ path: 'body.closesOn', message: 'must not be before opensOn' });
    if (details.length > 0)
      throw new AppError('validation_failed', 'The pulse’s days do not add up.', details);
  };

  const requireHr = (actor: Actor) => {
    if (!actor.isHr) throw onlyHr();
  };

  /** The 課 the actor may read the pulse of: their own as its 課長/係長, any as HR. */
  const departmentReader = async (actor: Actor, department: string) => {
    const own = ledDepartmentOf(await deps.people.get(actor.id));
    if (own !== department && !actor.isHr)
      throw new AppError('forbidden', 'Only the 課’s 課長 and 係長 (and HR) read its pulse.');
    // HR may name any 課: one with no staff today is a typo or a 課 gone, not an empty trend.
    if (
      own !== department &&
      !(await departmentHeadcounts(db, today())).some((row) => row.department === department)
    )
      throw new AppError('not_found', `No 課 named ${department} has staff today.`, [
        { path: 'params.department', message: 'no such 課' },
      ]);
    return { canWriteAction: own === department };
  };

  const pointsOf = (
    quarters: string[],
    rows: Array<{ quarter: string; answered: number; score: number }>,
  ): TrendPoint[] =>
    quarters.map((quarter) => {
      const row = rows.find((entry) => entry.quarter === quarter);
      return row
        ? { quarter, withheld: false, answered: row.answered, score: row.score }
        : { quarter, withheld: true, answered: null, score: null };
    });

  /** The quarters whose pulse has opened, oldest first. */
  const openedQuarters = async (): Promise<string[]> =>
    (
      await db
        .select({ quarter: pulses.quarter })
        .from(pulses)
        .where(lte(pulses.opensOn, today()))
        .orderBy(pulses.quarter)
    ).map((row) => row.quarter);

  const actionOf = (row: ActionRow): PulseAction => ({
    department: row.department,
    quarter: row.quarter,
    text: row.text,
    updatedById: row.updatedById,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  });

  return {
    async list(actor: Actor): Promise<PulseConfig[]> {
      requireHr(actor);
      const rows = await db.select().from(pulses).orderBy(desc(pulses.quarter));
      return Promise.all(rows.map(configOf));
    },

    async create(actor: Actor, input: PulseCreateInput): Promise<PulseConfig> {
      requireHr(actor);
      checkDays(input.quarter, input);
      const now = deps.now();
      const [inserted] = await db
        .insert(pulses)
        .values({
          quarter: input.quarter,
          questions: input.questions,
          freeTextQuestion: input.freeTextQuestion,
          opensOn: input.opensOn,
          closesOn: input.closesOn,
          createdById: actor.id,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!inserted)
        throw new AppError('conflict', `There is already a pulse for ${input.quarter}. Edit it instead.`, [
          { path: 'body.quarter', message: 'already has a pulse' },
        ]);
      await audited('write', actor, null, { pulseId: inserted.id, quarter: inserted.quarter, created: true });
      return configOf(inserted);
    },

    async update(actor: Actor, pulseId: string, input: PulseUpdateInput): Promise<PulseConfig> {
      requireHr(actor);
      const pulse = await pulseById(pulseId);
      checkDays(pulse.quarter, input);
      const updated = await db.transaction(async (tx) => {
        const questionsChanged =
          JSON.stringify(input.questions) !== JSON.stringify(pulse.questions) ||
          JSON.stringify(input.freeTextQuestion) !== JSON.stringify(pulse.freeTextQuestion ?? null);
        if (questionsChanged && (await answeredCount(tx, pulseId)) > 0)
          throw new AppError(
            'conflict',
            'Someone has answered this pulse: its questions can no longer change (the dates still can).',
            [{ path: 'body.questions', message: 'locked after the first answer' }],
          );
        const row = await updateAtVersion(
          tx,
          pulses,
          pulseId,
          input.version,
          {
            questions: input.questions,
            freeTextQuestion: input.freeTextQuestion,
            opensOn: input.opensOn,
            closesOn: input.closesOn,
          },
          deps.now(),
        );
        if (!row)
          throw versionConflict(
            `The pulse was changed elsewhere in the meantime (now version ${pulse.version}). Reload to see it.`,
            pulse.version,
          );
        return row;
      });
      await audited('write', actor, null, { pulseId, quarter: pulse.quarter });
      return configOf(updated);
    },

    /** The pulse open today, and whether the caller answered it. */
    async current(actor: Actor): Promise<CurrentPulse> {
      const day = today();
      const [pulse] = await db
        .select()
        .from(pulses)
        .where(and(lte(pulses.opensOn, day), gte(pulses.closesOn, day)))
        .limit(1);
      if (!pulse) return { pulse: null };
      const [mine] = await db
        .select({ personId: pulseParticipations.personId })
        .from(pulseParticipations)
        .where(and(eq(pulseParticipations.pulseId, pulse.id), eq(pulseParticipations.personId, actor.id)))
        .limit(1);
      return {
        pulse: {
          ...shownOf(pulse),
          answered: mine !== undefined,
        },
      };
    },

    /** A pulse's questions and days, as its card shows them to everyone it was sent to (the bot's answer). */
    async shown(pulseId: string) {
      return shownOf(await pulseById(pulseId));
    },

    /**
     * One answer per person per pulse, while it is open. A second is refused (409): the answer is stored
     * without the person, so there is nothing to replace it by (docs/pulse.md).
     */
    async answer(
      actor: Actor,
      pulseId: string,
      input: PulseAnswer,
    ): Promise<{ pulseId: string; answered: true }> {
      const pulse = await pulseById(pulseId);
      const status = statusOf(pulse);
      if (status === 'closed')
        throw new AppError(
          'conflict',
          `This pulse closed on ${pulse.closesOn}; answers are no longer taken.`,
          [{ path: 'pulse', message: 'closed' }],
        );
      if (status === 'scheduled')
        throw new AppError('conflict', `This pulse opens on ${pulse.opensOn}; answer it then.`, [
          { path: 'pulse', message: 'not open yet' },
        ]);
      const details: ErrorDetail[] = [];
      if (input.ratings.length !== pulse.questions.length)
        details.push({
          path: 'body.ratings',
          message: `must rate each of the ${pulse.questions.length} questions`,
        });
      if (!pulse.freeTextQuestion && input.freeText.trim() !== '')
        details.push({ path: 'body.freeText', message: 'this pulse has no free-text question' });
      if (details.length > 0)
        throw new AppError('validation_failed', 'The answer does not fit the pulse.', details);
      const person = await deps.people.get(actor.id);
      await db.transaction(async (tx) => {
        const [joined] = await tx
          .insert(pulseParticipations)
          .values({ pulseId, personId: actor.id })
          .onConflictDoNothing()
          .returning();
        if (!joined)
          throw new AppError('conflict', 'You have already answered this pulse. Thank you!', [
            { path: 'pulse', message: 'already answered' },
          ]);
        await tx.insert(pulseAnswers).values({
          pulseId,
          department: person?.department ?? null,
          ratings: input.ratings,
          freeText: input.freeText.trim(),
        });
      });
      // That they answered, never what.
      await audited('write', actor, actor.id, { pulseId, answered: true });
      return { pulseId, answered: true };
    },

    async results(actor: Actor, pulseId: string): Promise<PulseResults> {
      requireHr(actor);
      const pulse = await pulseById(pulseId);
      const [groups, overall, freeTexts, headcounts] = await Promise.all([
        results.byDepartment(pulseId),
        results.overall(pulseId),
        results.freeTexts(pulseId),
        departmentHeadcounts(db, today()),
      ]);
      const shown = new Map(groups.map((group) => [group.department, group]));
      const departments = [
        ...new Set([
          ...headcounts.map((row) => row.department),
          ...groups.flatMap((group) => (group.department ? [group.department] : [])),
        ]),
      ].sort((a, b) => a.localeCompare(b, 'ja'));
      const resultOf = (department: string): DepartmentResult => {
        const group = shown.get(department);
        return group
          ? {
              department,
              withheld: false,
              answered: group.answered,
              averages: group.averages,
              score: group.score,
            }
          : { department, withheld: true, answered: null, averages: null, score: null };
      };
      await audited('read', actor, null, { pulseId, results: true });
      return {
        pulse: await configOf(pulse),
        minGroupSize: results.minGroupSize,
        overall: overall
          ? { withheld: false, ...overall }
          : { withheld: true, answered: null, averages: null, score: null },
        departments: departments.map(resultOf),
        freeTexts,
      };
    },

    async trend(actor: Actor): Promise<PulseTrend> {
      requireHr(actor);
      const [quarters, rows, headcounts] = await Promise.all([
        openedQuarters(),
        results.trend(),
        departmentHeadcounts(db, today()),
      ]);
      const departments = [
        ...new Set([
          ...headcounts.map((row) => row.department),
          ...rows.flatMap((row) => (row.department ? [row.department] : [])),
        ]),
      ].sort((a, b) => a.localeCompare(b, 'ja'));
      await audited('read', actor, null, { trend: true });
      return {
        minGroupSize: results.minGroupSize,
        quarters,
        overall: pointsOf(
          quarters,
          rows.filter((row) => row.department === null),
        ),
        departments: departments.map((department) => ({
          department,
          points: pointsOf(
            quarters,
            rows.filter((row) => row.department === department),
          ),
        })),
      };
    },

    async department(actor: Actor, department: string): Promise<DepartmentPulse> {
      const { canWriteAction } = await departmentReader(actor, department);
      const [quarters, rows, actions] = await Promise.all([
        openedQuarters(),
        results.trend(department),
        db
          .select()
          .from(pulseActions)
          .where(eq(pulseActions.department, department))
          .orderBy(pulseActions.quarter),
      ]);
      await audited('read', actor, null, { department });
      return {
        department,
        minGroupSize: results.minGroupSize,
        points: pointsOf(quarters, rows),
        actions: actions.map(actionOf),
        canWriteAction,
      };
    },

    /** The 課's action for a quarter whose pulse exists: written by its 課長 or 係長, versioned. */
    async writeAction(
      actor: Actor,
      department: string,
      quarter: string,
      input: PulseActionInput,
    ): Promise<PulseAction> {
      const own = ledDepartmentOf(await deps.people.get(actor.id));
      if (own !== department)
        throw new AppError('forbidden', 'Only the 課’s 課長 and 係長 write its action for the quarter.');
      const [pulse] = await db
        .select({ id: pulses.id })
        .from(pulses)
        .where(eq(pulses.quarter, quarter))
        .limit(1);
      if (!pulse) throw new AppError('not_found', `There is no pulse for ${quarter}.`);
      const now = deps.now();
      const [existing] = await db
        .select()
        .from(pulseActions)
        .where(and(eq(pulseActions.department, department), eq(pulseActions.quarter, quarter)))
        .limit(1);
      const conflict = (current: number) =>
        versionConflict(
          `The 課's action was changed elsewhere in the meantime (now version ${current}). Reload to see it; what you typed is still in the form.`,
          current,
        );
      let row: ActionRow | undefined;
      if (input.version === 0) {
        if (existing) throw conflict(existing.version);
        [row] = await db
          .insert(pulseActions)
          .values({
            department,
            quarter,
            text: input.text,
            updatedById: actor.id,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning();
      } else if (existing) {
        row = await updateAtVersion(
          db,
          pulseActions,
          existing.id,
          input.version,
          { text: input.text, updatedById: actor.id },
          now,
        );
      }
      if (!row) throw conflict(existing?.version ?? 0);
      await audited('write', actor, null, { department, quarter, action: true });
      return actionOf(row);
    },
  };
}

export type PulseService = ReturnType<typeof createPulseService>;
