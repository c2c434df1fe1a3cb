import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { firstRow, updateAtVersion } from '../db/rows.ts';
import { markFor } from '../framework/framework-loader.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { goalsOfYear, goalTitles } from '../growth/goal.read.ts';
import { latestSelfRatings } from '../growth/self-check.read.ts';
import { AppError, type ErrorDetail, versionConflict } from '../http/app-error.ts';
import type { PeopleStore, PersonRow } from '../people/people.store.ts';
import { knownPerson } from '../people/known-person.ts';
import type { CsvCell } from '../shared/csv.ts';
import { halfPeriodAt } from '../shared/fiscal-period.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import type { EvaluationConfig } from './evaluation-config.schema.ts';
import type {
  CalibrationQuery,
  CalibrationView,
  EvaluateeRow,
  EvaluationFirst,
  EvaluationItemKind,
  EvaluationItemView,
  EvaluationSecondInput,
  EvaluationStatus,
  EvaluationView,
  EvaluatorOverrideInput,
  EvaluatorOverrideRow,
  EvaluatorOverrideView,
  EvaluatorTrainingRow,
  EvaluatorTrainingView,
} from './evaluation.contract.ts';
import {
  evaluationRatings,
  evaluations,
  evaluatorOverrides,
  evaluatorTrainings,
} from './evaluation.schema.ts';

type EvaluationRow = typeof evaluations.$inferSelect;
type RatingRow = typeof evaluationRatings.$inferSelect;
type Stage = 'first' | 'second';

export const EVALUATION_RESOURCE = 'evaluation';

/** The item of a form, as the framework and the person's goals give it. */
interface FormItem {
  kind: EvaluationItemKind;
  itemId: string;
  title: string | null;
}

/** Lists of people by name (an erased name last), then id. */
const byPersonName = (
  a: { person: { id: string; displayName: string | null } },
  b: { person: { id: string; displayName: string | null } },
) =>
  (a.person.displayName ?? '\uffff').localeCompare(b.person.displayName ?? '\uffff', 'ja') ||
  a.person.id.localeCompare(b.person.id);

const keyOf = (item: { kind: string; itemId: string }) => `${item.kind}:${item.itemId}`;

export function createEvaluationService(deps: {
  db: Db;
  framework: Framework;
  config: EvaluationConfig;
  people: PeopleStore;
  access: AccessPolicy;
  audit: AuditLog;
  now: () => Date;
}) {
  const { db, config } = deps;
  const audited = auditOf(deps.audit, EVALUATION_RESOURCE);
  const scaleIds = new Set(config.scale.map((entry) => entry.id));

  const requirePerson = (personId: string): Promise<PersonRow> => knownPerson(deps.people, personId);

  const evaluationOf = async (personId: string, fiscalYear: number): Promise<EvaluationRow | undefined> =>
    firstRow(
      db
        .select()
        .from(evaluations)
        .where(and(eq(evaluations.personId, personId), eq(evaluations.fiscalYear, fiscalYear))),
    );

  const ratingsOf = async (evaluationId: string): Promise<RatingRow[]> =>
    db
      .select()
      .from(evaluationRatings)
      .where(eq(evaluationRatings.evaluationId, evaluationId))
      .orderBy(asc(evaluationRatings.position));

  const overrideOf = async (personId: string, fiscalYear: number) =>
    firstRow(
      db
        .select()
        .from(evaluatorOverrides)
        .where(and(eq(evaluatorOverrides.personId, personId), eq(evaluatorOverrides.fiscalYear, fiscalYear))),
    );

  /**
   * The configured evaluators of a person for a year: HR's override where it names one, else the
   * reporting lines in force (1次 = the direct supervisor, 2次 = that supervisor's supervisor).
   */
  const evaluatorsOf = async (personId: string, fiscalYear: number) => {
    const override = await overrideOf(personId, fiscalYear);
    const supervisor = await deps.people.managerOf(personId);
    const supervisorsSupervisor = supervisor ? await deps.people.managerOf(supervisor) : null;
    return {
      first: override?.firstEvaluatorId ?? supervisor,
      second: override?.secondEvaluatorId ?? supervisorsSupervisor,
      firstOverridden: Boolean(override?.firstEvaluatorId),
      secondOverridden: Boolean(override?.secondEvaluatorId),
      override,
    };
  };

  const trainedIn = async (ids: string[], fiscalYear: number): Promise<Set<string>> => {
    if (ids.length === 0) return new Set();
    const rows = await db
      .select({ personId: evaluatorTrainings.personId })
      .from(evaluatorTrainings)
      .where(
        and(
          inArray(evaluatorTrainings.personId, ids),
          eq(evaluatorTrainings.fiscalYear, fiscalYear),
          eq(evaluatorTrainings.completed, true),
        ),
      );
    return new Set(rows.map((row) => row.personId));
  };

  /** The evaluators as a view shows them: name, 評価者研修, whether HR named them. */
  const evaluatorViews = async (evaluators: Awaited<ReturnType<typeof evaluatorsOf>>, fiscalYear: number) => {
    const ids = [evaluators.first, evaluators.second].filter((id): id is string => id !== null);
    const names = new Map((await deps.people.getMany(ids)).map((row) => [row.id, row.displayName]));
    const trained = await trainedIn(ids, fiscalYear);
    const view = (id: string | null, overridden: boolean) =>
      id === null ? null : { id, displayName: names.get(id) ?? null, trained: trained.has(id), overridden };
    return {
      firstEvaluator: view(evaluators.first, evaluators.firstOverridden),
      secondEvaluator: view(evaluators.second, evaluators.secondOverridden),
    };
  };

  const nameOf = async (personId: string) => (await deps.people.get(personId))?.displayName ?? null;

  /** What the form rates: each ● competency of the level, in policy order, then the year's goals. */
  const formItems = async (
    personId: string,
    fiscalYear: number,
    levelId: string | null,
  ): Promise<FormItem[]> => {
    const competencies = levelId
      ? deps.framework.competencies
          .filter((competency) => markFor(deps.framework, levelId, competency.id) === 'evaluated')
          .map((competency) => ({ kind: 'competency' as const, itemId: competency.id, title: null }))
      : [];
    const goals = (await goalsOfYear(db, personId, fiscalYear)).map((goal) => ({
      kind: 'goal' as const,
      itemId: goal.id,
      title: goal.title,
    }));
    return [...competencies, ...goals];
  };

  const itemViews = (items: FormItem[], ratings: RatingRow[]): EvaluationItemView[] => {
    const byKey = new Map(ratings.map((rating) => [keyOf(rating), rating]));
    const known = new Set(items.map(keyOf));
    // A rated goal since deleted stays on the form with its rating (nothing rated is lost).
    const gone = ratings
      .filter((rating) => !known.has(keyOf(rating)))
      .map((rating) => ({ kind: rating.kind, itemId: rating.itemId, title: null }));
    return [...items, ...gone].map((item) => {
      const rating = byKey.get(keyOf(item));
      return {
        kind: item.kind,
        itemId: item.itemId,
        title: item.title,
        firstRating: rating?.firstRating ?? null,
        firstComment: rating?.firstComment ?? '',
        adjustedRating: rating?.adjustedRating ?? null,
        adjustReason: rating?.adjustReason ?? null,
        finalRating: rating ? (rating.adjustedRating ?? rating.firstRating) : null,
      };
    });
  };

  const statusOf = (row: EvaluationRow | undefined): EvaluationStatus => row?.status ?? 'notStarted';

  const view = async (
    person: PersonRow,
    fiscalYear: number,
    role: EvaluationView['role'],
    row: EvaluationRow | undefined,
  ): Promise<EvaluationView> => {
    const evaluators = await evaluatorsOf(person.id, fiscalYear);
    const hidden = role === 'self' && row?.status !== 'confirmed';
    const items = hidden
      ? []
      : itemViews(
          await formItems(person.id, fiscalYear, row?.levelId ?? person.levelId),
          row ? await ratingsOf(row.id) : [],
        );
    return {
      personId: person.id,
      person: {
        id: person.id,
        displayName: person.displayName,
        department: person.department,
        levelId: person.levelId,
      },
      fiscalYear,
      status: statusOf(row),
      role,
      ...(await evaluatorViews(evaluators, fiscalYear)),
      items,
      submittedAt: hidden ? null : (row?.submittedAt?.toISOString() ?? null),
      confirmedAt: row?.confirmedAt?.toISOString() ?? null,
      version: row?.version ?? 0,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  };

  /** The caller must be the configured evaluator of the stage for this person and year. */
  const requireStage = async (actor: Actor, personId: string, fiscalYear: number, stage: Stage) => {
    const evaluators = await evaluatorsOf(personId, fiscalYear);
    if (evaluators[stage] !== actor.id)
      throw new AppError(
        'forbidden',
        stage === 'first'
          ? 'Only the person’s 1次評価者 (their direct supervisor, or whom HR named) drafts and submits the evaluation.'
          : 'Only the person’s 2次評価者 (their supervisor’s supervisor, or whom HR named) adjusts and confirms the evaluation.',
      );
    return evaluators;
  };

  const conflict = (current: number) =>
    versionConflict(
      `The evaluation was changed elsewhere in the meantime (now version ${current}). Reload to see it; what you entered is still in the form.`,
      current,
    );

  const confirmedAlready = () =>
    new AppError('conflict', 'The evaluation is confirmed: it can no longer be changed.');

  /**
   * A write of a stage: the caller must be that stage's evaluator and the person must exist; nothing
   * changes after confirmation. The evaluators, the person and the evaluation (if any) as they stand.
   */
  const staged = async (actor: Actor, personId: string, fiscalYear: number, stage: Stage) => {
    const evaluators = await requireStage(actor, personId, fiscalYear, stage);
    const person = await requirePerson(personId);
    const row = await evaluationOf(personId, fiscalYear);
    if (row?.status === 'confirmed') throw confirmedAlready();
    return { evaluators, person, row };
  };

  const checkVersion = (row: EvaluationRow | undefined, version: number) => {
    if ((row?.version ?? 0) !== version) throw conflict(row?.version ?? 0);
  };

  /** A write to the evaluation row: bumps the version (stale → 409) in the same transaction. */
  const bump = async (tx: Db, row: EvaluationRow, version: number, changes: Partial<EvaluationRow>) => {
    const updated = await updateAtVersion(tx, evaluations, row.id, version, changes, deps.now());
    if (!updated) throw conflict(row.version);
    return updated;
  };

  const ratingProblem = (path: string, rating: string): ErrorDetail[] =>
    scaleIds.has(rating)
      ? []
      : [{ path, message: `must be one of the scale: ${config.scale.map((entry) => entry.id).join(', ')}` }];

  /** The caller's part in a read: their stage, the person, or a reader of the chain or HR (audited). */
  const readerRole = async (
    actor: Actor,
    personId: string,
    fiscalYear: number,
  ): Promise<EvaluationView['role']> => {
    const evaluators = await evaluatorsOf(personId, fiscalYear);
    if (actor.id === personId) return 'self';
    const role = evaluators.first === actor.id ? 'first' : evaluators.second === actor.id ? 'second' : null;
    if (!role) await deps.access.require(actor, personId, ['supervisor', 'hr']);
    return role ?? 'reader';
  };

  return {
    config: () => config,

    async get(actor: Actor, personId: string, fiscalYear: number): Promise<EvaluationView> {
      const role = await readerRole(actor, personId, fiscalYear);
      const person = await requirePerson(personId);
      if (role !== 'self') await audited('read', actor, personId, { fiscalYear });
      return view(person, fiscalYear, role, await evaluationOf(personId, fiscalYear));
    },

    /** The 1次 saves the draft: every rating it holds replaces the last save's. */
    async saveFirst(
      actor: Actor,
      personId: string,
      fiscalYear: number,
      input: EvaluationFirst,
    ): Promise<EvaluationView> {
      const { evaluators, person, row } = await staged(actor, personId, fiscalYear, 'first');
      if (row?.status === 'submitted')
        throw new AppError(
          'conflict',
          'The evaluation is submitted to the 2次評価者: the 1次 no longer edits it.',
        );
      checkVersion(row, input.version);
      const levelId = row?.levelId ?? person.levelId;
      const items = new Map(
        (await formItems(personId, fiscalYear, levelId)).map((item) => [keyOf(item), item]),
      );
      const details: ErrorDetail[] = [];
      const seen = new Set<string>();
      input.ratings.forEach((rating, index) => {
        const path = `body.ratings[${index}]`;
        const key = keyOf(rating);
        if (seen.has(key)) details.push({ path: `${path}.itemId`, message: 'rated twice' });
        seen.add(key);
        if (!items.has(key))
          details.push({
            path: `${path}.itemId`,
            message:
              rating.kind === 'competency'
                ? `not a ● item of the level ${levelId ?? '(none)'}`
                : `not a goal of this person for fiscal year ${fiscalYear}`,
          });
        details.push(...ratingProblem(`${path}.rating`, rating.rating));
      });
      if (details.length > 0)
        throw new AppError('validation_failed', 'The evaluation does not fit the form.', details);
      const now = deps.now();
      const saved = await db.transaction(async (tx) => {
        const current = row
          ? await bump(tx, row, input.version, {
              firstEvaluatorId: actor.id,
              secondEvaluatorId: evaluators.second,
            })
          : (
              await tx
                .insert(evaluations)
                .values({
                  personId,
                  fiscalYear,
                  levelId,
                  firstEvaluatorId: actor.id,
                  secondEvaluatorId: evaluators.second,
                  createdAt: now,
                  updatedAt: now,
                })
                .onConflictDoNothing()
                .returning()
            )[0];
        // Someone else made the first save at the same moment.
        if (!current) throw conflict(1);
        await tx.delete(evaluationRatings).where(eq(evaluationRatings.evaluationId, current.id));
        if (input.ratings.length > 0)
          await tx.insert(evaluationRatings).values(
            input.ratings.map((rating, position) => ({
              evaluationId: current.id,
              kind: rating.kind,
              itemId: rating.itemId,
              position,
              firstRating: rating.rating,
              firstComment: rating.comment,
            })),
          );
        return current;
      });
      await audited('write', actor, personId, { fiscalYear, stage: 'first', ratings: input.ratings.length });
      return view(person, fiscalYear, 'first', saved);
    },

    /** The 1次 submits: every item of the form rated; the 2次 takes it from here. */
    async submit(
      actor: Actor,
      personId: string,
      fiscalYear: number,
      { version }: { version: number },
    ): Promise<EvaluationView> {
      const { person, row } = await staged(actor, personId, fiscalYear, 'first');
      if (!row) throw new AppError('not_found', 'There is no evaluation to submit yet: save a draft first.');
      if (row.status === 'submitted') throw new AppError('conflict', 'The evaluation is already submitted.');
      checkVersion(row, version);
      const rated = new Set((await ratingsOf(row.id)).map(keyOf));
      const missing = (await formItems(personId, fiscalYear, row.levelId)).filter(
        (item) => !rated.has(keyOf(item)),
      );
      if (missing.length > 0)
        throw new AppError(
          'validation_failed',
          'Rate every item of the form before submitting.',
          missing.map((item) => ({ path: 'body', message: `${item.kind} ${item.itemId} is not rated` })),
        );
      const saved = await bump(db, row, version, { status: 'submitted', submittedAt: deps.now() });
      await audited('write', actor, personId, { fiscalYear, stage: 'first', submitted: true });
      return view(person, fiscalYear, 'first', saved);
    },

    /** The 2次 adjusts ratings, each with a reason; the 1次's rating stays beside the adjusted one. */
    async saveSecond(
      actor: Actor,
      personId: string,
      fiscalYear: number,
      input: EvaluationSecondInput,
    ): Promise<EvaluationView> {
      const { person, row } = await staged(actor, personId, fiscalYear, 'second');
      if (row?.status !== 'submitted')
        throw new AppError('conflict', 'The 1次評価者 has not submitted the evaluation yet.');
      checkVersion(row, input.version);
      const rated = new Set((await ratingsOf(row.id)).map(keyOf));
      const details: ErrorDetail[] = [];
      const seen = new Set<string>();
      input.adjustments.forEach((adjustment, index) => {
        const path = `body.adjustments[${index}]`;
        const key = keyOf(adjustment);
        if (seen.has(key)) details.push({ path: `${path}.itemId`, message: 'adjusted twice' });
        seen.add(key);
        if (!rated.has(key)) details.push({ path: `${path}.itemId`, message: 'not an item the 1次 rated' });
        details.push(...ratingProblem(`${path}.rating`, adjustment.rating));
      });
      if (details.length > 0)
        throw new AppError('validation_failed', 'The adjustments do not fit the evaluation.', details);
      const saved = await db.transaction(async (tx) => {
        const updated = await bump(tx, row, input.version, { secondEvaluatorId: actor.id });
        await tx
          .update(evaluationRatings)
          .set({ adjustedRating: null, adjustReason: null })
          .where(eq(evaluationRatings.evaluationId, row.id));
        for (const adjustment of input.adjustments)
          await tx
            .update(evaluationRatings)
            .set({ adjustedRating: adjustment.rating, adjustReason: adjustment.reason })
            .where(
              and(
                eq(evaluationRatings.evaluationId, row.id),
                eq(evaluationRatings.kind, adjustment.kind),
                eq(evaluationRatings.itemId, adjustment.itemId),
              ),
            );
        return updated;
      });
      await audited('write', actor, personId, {
        fiscalYear,
        stage: 'second',
        adjustments: input.adjustments.map((adjustment) => keyOf(adjustment)),
      });
      return view(person, fiscalYear, 'second', saved);
    },

    /** The 2次 confirms: the result is final, and the person sees it. */
    async confirm(
      actor: Actor,
      personId: string,
      fiscalYear: number,
      { version }: { version: number },
    ): Promise<EvaluationView> {
      const { person, row } = await staged(actor, personId, fiscalYear, 'second');
      if (row?.status !== 'submitted')
        throw new AppError(
          'conflict',
          'The 1次評価者 has not submitted the evaluation yet: nothing to confirm.',
        );
      checkVersion(row, version);
      const saved = await bump(db, row, version, {
        status: 'confirmed',
        confirmedAt: deps.now(),
        secondEvaluatorId: actor.id,
      });
      await audited('write', actor, personId, { fiscalYear, stage: 'second', confirmed: true });
      return view(person, fiscalYear, 'second', saved);
    },

    /**
     * The people the caller evaluates in the fiscal year (this one when absent), with their stage and
     * where each evaluation stands: their direct reports as 1次 and the reports' reports as 2次 (as the
     * reporting lines give them), less those HR gave to someone else, plus those HR gave to the caller.
     */
    async evaluatees(actor: Actor, fiscalYear: number | undefined): Promise<EvaluateeRow[]> {
      const year = fiscalYear ?? halfPeriodAt(deps.now()).fiscalYear;
      const below = (await deps.people.reportsBelow(actor.id)).filter((row) => row.depth <= 2);
      const overrides = await db
        .select()
        .from(evaluatorOverrides)
        .where(
          and(
            eq(evaluatorOverrides.fiscalYear, year),
            or(
              inArray(evaluatorOverrides.personId, [actor.id, ...below.map((row) => row.id)]),
              eq(evaluatorOverrides.firstEvaluatorId, actor.id),
              eq(evaluatorOverrides.secondEvaluatorId, actor.id),
            ),
          ),
        );
      const overrideByPerson = new Map(overrides.map((row) => [row.personId, row]));
      const stages = new Map<string, Stage>();
      for (const row of below) {
        const stage: Stage = row.depth === 1 ? 'first' : 'second';
        const named = overrideByPerson.get(row.id);
        const chosen = stage === 'first' ? named?.firstEvaluatorId : named?.secondEvaluatorId;
        if (!chosen || chosen === actor.id) stages.set(row.id, stage);
      }
      for (const row of overrides) {
        if (row.firstEvaluatorId === actor.id) stages.set(row.personId, 'first');
        else if (row.secondEvaluatorId === actor.id) stages.set(row.personId, 'second');
      }
      const ids = [...stages.keys()];
      if (ids.length === 0) return [];
      const people = await deps.people.getMany(ids);
      const rows = await db
        .select({ personId: evaluations.personId, status: evaluations.status })
        .from(evaluations)
        .where(and(eq(evaluations.fiscalYear, year), inArray(evaluations.personId, ids)));
      const status = new Map(rows.map((row) => [row.personId, row.status]));
      return people
        .map((person) => ({
          person: { id: person.id, displayName: person.displayName },
          department: person.department,
          fiscalYear: year,
          stage: stages.get(person.id)!,
          status: status.get(person.id) ?? ('notStarted' as const),
        }))
        .sort(
          (a, b) =>
            a.stage.localeCompare(b.stage) ||
            (a.person.displayName ?? '').localeCompare(b.person.displayName ?? '', 'ja'),
        );
    },

    /**
     * HR's export for the 人事給与 system: one row per item of each confirmed evaluation of the fiscal year,
     * by 職員番号 (docs/evaluation.md, "CSV export", for the columns). Audited as one read of many.
     */
    async exportRows(
      actor: Actor,
      fiscalYear: number,
    ): Promise<{ name: string; header: string[]; rows: CsvCell[][] }> {
      if (!actor.isHr) throw new AppError('forbidden', 'Only HR exports the evaluations.');
      const rows = await db
        .select({
          personId: evaluations.personId,
          levelId: evaluations.levelId,
          firstEvaluatorId: evaluations.firstEvaluatorId,
          secondEvaluatorId: evaluations.secondEvaluatorId,
          confirmedAt: evaluations.confirmedAt,
          kind: evaluationRatings.kind,
          itemId: evaluationRatings.itemId,
          firstRating: evaluationRatings.firstRating,
          adjustedRating: evaluationRatings.adjustedRating,
          adjustReason: evaluationRatings.adjustReason,
        })
        .from(evaluations)
        .innerJoin(evaluationRatings, eq(evaluationRatings.evaluationId, evaluations.id))
        .where(and(eq(evaluations.fiscalYear, fiscalYear), eq(evaluations.status, 'confirmed')))
        .orderBy(asc(evaluations.personId), asc(evaluationRatings.position));
      const people = new Map(
        (
          await deps.people.getMany([
            ...new Set(
              rows.flatMap((row) => [row.personId, row.firstEvaluatorId, row.secondEvaluatorId ?? '']),
            ),
          ])
        ).map((person) => [person.id, person]),
      );
      const titles = await goalTitles(
        db,
        rows.filter((row) => row.kind === 'goal').map((row) => row.itemId),
      );
      const competencies = new Map(
        deps.framework.competencies.map((competency) => [competency.id, competency]),
      );
      const points = new Map(config.scale.map((entry) => [entry.id, entry.points]));
      const employeeId = (id: string | null) => (id ? (people.get(id)?.employeeId ?? null) : null);
      await audited('read', actor, null, { export: 'csv', fiscalYear, rows: rows.length });
      return {
        name: `人事評価_${fiscalYear}`,
        header: [
          '年度',
          '職員番号',
          '氏名',
          '所属',
          '職層',
          '区分',
          '評価項目ID',
          '評価項目',
          '1次評価',
          '2次調整評価',
          '調整理由',
          '最終評価',
          '最終評価点',
          '1次評価者職員番号',
          '2次評価者職員番号',
          '確定日',
          '職員ID',
        ],
        rows: rows.map((row) => {
          const person = people.get(row.personId);
          const final = row.adjustedRating ?? row.firstRating;
          return [
            fiscalYear,
            person?.employeeId ?? null,
            person?.displayName ?? null,
            person?.department ?? null,
            row.levelId,
            row.kind === 'competency' ? '能力・態度' : '業績',
            row.itemId,
            row.kind === 'competency'
              ? (competencies.get(row.itemId)?.name.ja ?? row.itemId)
              : (titles.get(row.itemId) ?? ''),
            row.firstRating,
            row.adjustedRating,
            row.adjustReason,
            final,
            points.get(final) ?? null,
            employeeId(row.firstEvaluatorId),
            employeeId(row.secondEvaluatorId),
            row.confirmedAt ? jstDayOf(row.confirmedAt.getTime()) : null,
            row.personId,
          ];
        }),
      };
    },

    /**
     * The 調整 view of a 課 (department) or 部 (division): how the final ratings of the confirmed
     * evaluations spread, per item and overall, and the outliers (a final rating 2 or more steps from the
     * person's own latest self-check rating of the item). HR sees the whole 課 or 部; anyone else only its
     * people below them in the reporting lines (the 課長 their 課, the 部長 their 部), and 403 when none
     * are. Counted in SQL; audited as one read of many.
     */
    async calibration(actor: Actor, query: CalibrationQuery): Promise<CalibrationView> {
      const year = query.fiscalYear ?? halfPeriodAt(deps.now()).fiscalYear;
      const inScope = (person: PersonRow) =>
        query.department !== undefined
          ? person.department === query.department
          : person.division === query.division;
      const people = actor.isHr
        ? query.department !== undefined
          ? await deps.people.inDepartment(query.department)
          : await deps.people.inDivision(query.division!)
        : (await deps.people.reportsBelow(actor.id)).filter(inScope);
      if (!actor.isHr && people.length === 0)
        throw new AppError(
          'forbidden',
          'Only the 課長 or 部長 above its people (or HR) calibrates a 課 or 部.',
        );
      const ids = people.map((person) => person.id);
      const confirmed = sql`${evaluations.fiscalYear} = ${year} and ${evaluations.status} = 'confirmed'
        and ${evaluations.personId} = any(${sql.param(ids)}::text[])`;
      const final = sql`coalesce(${evaluationRatings.adjustedRating}, ${evaluationRatings.firstRating})`;
      const counted: unknown = await db.execute(sql`
        select ${evaluationRatings.kind} as kind, ${evaluationRatings.itemId} as item_id, ${final} as final,
          count(*)::int as n, grouping(${evaluationRatings.kind}) as overall
        from ${evaluations} join ${evaluationRatings} on ${evaluationRatings.evaluationId} = ${evaluations.id}
        where ${confirmed}
        group by grouping sets ((${evaluationRatings.kind}, ${evaluationRatings.itemId}, ${final}), (${final}))`);
      const evaluated: unknown = await db.execute(
        sql`select count(*)::int as n from ${evaluations} where ${confirmed}`,
      );
      const scale = sql.join(
        config.scale.map((entry) => sql`(${entry.id}::text, ${entry.points}::int)`),
        sql`, `,
      );
      const far: unknown = await db.execute(sql`
        select ${evaluations.personId} as person_id, ${evaluationRatings.itemId} as item_id, ${final} as final,
          own.rating::float8 as self_rating, (scale.points - own.rating)::float8 as steps
        from ${evaluations} join ${evaluationRatings} on ${evaluationRatings.evaluationId} = ${evaluations.id}
        join (values ${scale}) as scale(id, points) on scale.id = ${final}
        join (${latestSelfRatings()}) as own
          on own.person_id = ${evaluations.personId} and own.competency_id = ${evaluationRatings.itemId}
        where ${confirmed} and ${evaluationRatings.kind} = 'competency' and abs(scale.points - own.rating) >= 2
        order by ${evaluations.personId}, ${evaluationRatings.position}`);
      type Count = { kind: EvaluationItemKind; item_id: string; final: string; n: number; overall: number };
      const counts = (counted as { rows: Count[] }).rows;
      const overall: Record<string, number> = {};
      const items = new Map<string, CalibrationView['items'][number]>();
      for (const row of counts) {
        if (Number(row.overall) === 1) {
          overall[row.final] = Number(row.n);
          continue;
        }
        const key = keyOf({ kind: row.kind, itemId: row.item_id });
        const item = items.get(key) ?? { kind: row.kind, itemId: row.item_id, distribution: {} };
        item.distribution[row.final] = Number(row.n);
        items.set(key, item);
      }
      const names = new Map(people.map((person) => [person.id, person.displayName]));
      const outliers = (
        far as {
          rows: Array<{
            person_id: string;
            item_id: string;
            final: string;
            self_rating: number;
            steps: number;
          }>;
        }
      ).rows.map((row) => ({
        person: { id: row.person_id, displayName: names.get(row.person_id) ?? null },
        itemId: row.item_id,
        finalRating: row.final,
        selfRating: Number(row.self_rating),
        steps: Number(row.steps),
      }));
      await audited('read', actor, null, {
        calibration: query.department ?? query.division,
        fiscalYear: year,
        outliers: outliers.map((row) => row.person.id),
      });
      return {
        fiscalYear: year,
        department: query.department ?? null,
        division: query.division ?? null,
        evaluations: Number((evaluated as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0),
        overall,
        items: [...items.values()],
        outliers,
      };
    },

    /** HR names a person's evaluators for a year (null: the reporting lines' one). */
    async setEvaluators(
      actor: Actor,
      personId: string,
      fiscalYear: number,
      input: EvaluatorOverrideInput,
    ): Promise<EvaluatorOverrideView> {
      if (!actor.isHr) throw new AppError('forbidden', 'Only HR names evaluators.');
      await requirePerson(personId);
      const details: ErrorDetail[] = [];
      for (const field of ['firstEvaluatorId', 'secondEvaluatorId'] as const) {
        const id = input[field]?.toLowerCase() ?? null;
        if (id === null) continue;
        if (id === personId)
          details.push({ path: `body.${field}`, message: 'must be someone other than the person' });
        else if (!(await deps.people.get(id)))
          details.push({ path: `body.${field}`, message: 'no such person in force' });
      }
      if (
        input.firstEvaluatorId &&
        input.firstEvaluatorId.toLowerCase() === input.secondEvaluatorId?.toLowerCase()
      )
        details.push({ path: 'body.secondEvaluatorId', message: 'must differ from the 1次評価者' });
      if (details.length > 0)
        throw new AppError('validation_failed', 'The evaluators do not add up.', details);
      const current = await overrideOf(personId, fiscalYear);
      if ((current?.version ?? 0) !== input.version)
        throw versionConflict(
          `The evaluators were changed elsewhere in the meantime (now version ${current?.version ?? 0}).`,
          current?.version ?? 0,
        );
      const values = {
        firstEvaluatorId: input.firstEvaluatorId?.toLowerCase() ?? null,
        secondEvaluatorId: input.secondEvaluatorId?.toLowerCase() ?? null,
        setById: actor.id,
      };
      const now = deps.now();
      const saved = current
        ? await updateAtVersion(db, evaluatorOverrides, current.id, input.version, values, now)
        : (
            await db
              .insert(evaluatorOverrides)
              .values({ personId, fiscalYear, ...values, createdAt: now, updatedAt: now })
              .onConflictDoNothing()
              .returning()
          )[0];
      if (!saved) throw versionConflict('The evaluators were changed elsewhere in the meantime.', 1);
      await audited('write', actor, personId, { fiscalYear, evaluators: values });
      const evaluators = await evaluatorsOf(personId, fiscalYear);
      return {
        personId,
        fiscalYear,
        ...(await evaluatorViews(evaluators, fiscalYear)),
        version: saved.version,
      };
    },

    /**
     * HR's list of the year's overrides, by the person's name, each with the evaluators it gives and its
     * version. One set back to the lines on both stages stays listed with neither stage `overridden`
     * (its version is what the next change must name).
     */
    async overrides(actor: Actor, fiscalYear: number): Promise<EvaluatorOverrideRow[]> {
      if (!actor.isHr) throw new AppError('forbidden', 'Only HR sees the evaluator overrides.');
      const rows = await db
        .select()
        .from(evaluatorOverrides)
        .where(eq(evaluatorOverrides.fiscalYear, fiscalYear));
      const listed = await Promise.all(
        rows.map(async (row) => ({
          person: { id: row.personId, displayName: await nameOf(row.personId) },
          personId: row.personId,
          fiscalYear,
          ...(await evaluatorViews(await evaluatorsOf(row.personId, fiscalYear), fiscalYear)),
          version: row.version,
        })),
      );
      return listed.sort(byPersonName);
    },

    /** HR's list of the year's 評価者研修 records, by name. */
    async trainings(actor: Actor, fiscalYear: number): Promise<EvaluatorTrainingRow[]> {
      if (!actor.isHr) throw new AppError('forbidden', 'Only HR sees the 評価者研修 records.');
      const rows = await db
        .select()
        .from(evaluatorTrainings)
        .where(eq(evaluatorTrainings.fiscalYear, fiscalYear));
      const names = new Map(
        (await deps.people.getMany(rows.map((row) => row.personId))).map((row) => [row.id, row.displayName]),
      );
      return rows
        .map((row) => ({
          person: { id: row.personId, displayName: names.get(row.personId) ?? null },
          personId: row.personId,
          fiscalYear,
          completed: row.completed,
          recordedAt: row.recordedAt.toISOString(),
        }))
        .sort(byPersonName);
    },

    /** HR records whether an evaluator completed the year's 評価者研修. */
    async setTraining(
      actor: Actor,
      personId: string,
      fiscalYear: number,
      { completed }: { completed: boolean },
    ): Promise<EvaluatorTrainingView> {
      if (!actor.isHr) throw new AppError('forbidden', 'Only HR records the 評価者研修.');
      await requirePerson(personId);
      const now = deps.now();
      await db
        .insert(evaluatorTrainings)
        .values({ personId, fiscalYear, completed, recordedById: actor.id, recordedAt: now })
        .onConflictDoUpdate({
          target: [evaluatorTrainings.personId, evaluatorTrainings.fiscalYear],
          set: { completed, recordedById: actor.id, recordedAt: now },
        });
      await audited('write', actor, personId, { fiscalYear, evaluatorTraining: completed });
      return { personId, fiscalYear, completed };
    },
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
