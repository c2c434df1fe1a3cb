import { and, asc, desc, eq, lt } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { firstRow } from '../db/rows.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { knownPerson } from '../people/known-person.ts';
import { isExistingPeriod, isOpenPeriod, parseHalfPeriod, type HalfPeriod } from '../shared/fiscal-period.ts';
import type {
  SelfCheckDraftInput,
  SelfCheckFeedbackCompleteInput,
  SelfCheckFeedbackInput,
  SelfCheckHistoryResponse,
  SelfCheckResponse,
  SelfCheckSubmitInput,
} from './self-check.contract.ts';
import { isSubmittedSelfCheck, selfChecks } from './self-check.schema.ts';

type Row = typeof selfChecks.$inferSelect;

/** The self-check an owner's write works on: whose, the open period, the row if saved before. */
interface OwnerForm {
  personId: string;
  period: HalfPeriod;
  existing: Row | undefined;
}

/** HR's self-check windows (src/cycles): open or not, or undefined when HR configured none for the half. */
export interface SelfCheckWindows {
  isSelfCheckOpen(period: HalfPeriod): Promise<boolean | undefined>;
}

/** 着眼点 HR wrote (the framework slice answers): per competency, for a level under a framework version. */
export interface ViewpointSource {
  textsFor(frameworkVersion: string, levelId: string): Promise<SelfCheckResponse['viewpoints']>;
}

export interface SelfCheckDependencies {
  db: Db;
  framework: Framework;
  people: PeopleStore;
  access: AccessPolicy;
  audit: AuditLog;
  /** Without it (or for a half HR has not configured) only the current half is open: the rule before issue 9. */
  windows?: SelfCheckWindows;
  /** Without it, no 着眼点: every item shows the policy's own words. */
  viewpoints?: ViewpointSource;
  /** The DRILL follow-up's answered questions about a person asked in (after, until] (src/reports/follow-up.read.ts). */
  followUps?: (
    personId: string,
    after: Date | null,
    until: Date | null,
  ) => Promise<
    Array<{ competencyIds: string[] } & NonNullable<SelfCheckResponse['followUps']>[string][number]>
  >;
  now: () => Date;
}

export function createSelfCheckService(deps: SelfCheckDependencies) {
  const { db, framework } = deps;

  const periodOf = (id: string): HalfPeriod => {
    const period = parseHalfPeriod(id);
    if (!period)
      throw new AppError('validation_failed', 'A period looks like 2026-H1 (上期) or 2026-H2 (下期).');
    if (!isExistingPeriod(period, deps.now()))
      throw new AppError('not_found', `There is no self-check period ${id}.`);
    return period;
  };

  /** A half follows its window once HR has configured one; otherwise only the current half is open. */
  const isOpen = async (period: HalfPeriod): Promise<boolean> =>
    (await deps.windows?.isSelfCheckOpen(period)) ?? isOpenPeriod(period, deps.now());

  const itemsFor = (levelId: string | null) =>
    levelId
      ? framework.competencies.flatMap((competency) => {
          const mark = framework.expectations[levelId]?.[competency.id] ?? 'none';
          return mark === 'none' ? [] : [{ competencyId: competency.id, mark }];
        })
      : [];

  const find = (personId: string, period: string): Promise<Row | undefined> =>
    firstRow(
      db
        .select()
        .from(selfChecks)
        .where(and(eq(selfChecks.personId, personId), eq(selfChecks.period, period))),
    );

  const levelOf = async (personId: string): Promise<string | null> => {
    return (await knownPerson(deps.people, personId)).levelId;
  };

  /**
   * The follow-ups this self-check is the next one after: asked since the person's previous submitted
   * self-check, up to this one's submission (or now), beside the ● items of the courses' competencies.
   */
  const followUpsFor = async (
    personId: string,
    period: HalfPeriod,
    row: Row | undefined,
    items: SelfCheckResponse['items'],
  ): Promise<NonNullable<SelfCheckResponse['followUps']>> => {
    const [previous] = await db
      .select({ submittedAt: selfChecks.submittedAt })
      .from(selfChecks)
      .where(and(eq(selfChecks.personId, personId), isSubmittedSelfCheck(), lt(selfChecks.period, period.id)))
      .orderBy(desc(selfChecks.period))
      .limit(1);
    const evidence = await deps.followUps!(personId, previous?.submittedAt ?? null, row?.submittedAt ?? null);
    const evaluated = new Set(
      items.filter((item) => item.mark === 'evaluated').map((item) => item.competencyId),
    );
    const result: NonNullable<SelfCheckResponse['followUps']> = {};
    for (const { competencyIds, ...entry } of evidence)
      for (const id of competencyIds) if (evaluated.has(id)) (result[id] ??= []).push(entry);
    return result;
  };

  const toResponse = async (
    personId: string,
    period: HalfPeriod,
    row: Row | undefined,
    levelId: string | null,
    open: boolean,
  ): Promise<SelfCheckResponse> => {
    const level = row?.levelId ?? levelId;
    // The version it was written under, so a newer policy file does not change what it showed.
    const frameworkVersion = row?.frameworkVersion ?? framework.version;
    const items = itemsFor(level);
    const texts = level && deps.viewpoints ? await deps.viewpoints.textsFor(frameworkVersion, level) : {};
    const shown = new Set(items.map((item) => item.competencyId));
    const followUps = deps.followUps ? await followUpsFor(personId, period, row, items) : undefined;
    return {
      personId,
      period: period.id,
      status: row?.status ?? 'new',
      editable: (row?.status ?? 'new') !== 'submitted' && open,
      levelId: level,
      frameworkVersion,
      items,
      ratings: row?.ratings ?? {},
      reflections: row?.reflections ?? {},
      feedback: row?.feedback ?? {},
      feedbackCompletedAt: row?.feedbackCompletedAt?.toISOString() ?? null,
      viewpoints: Object.fromEntries(Object.entries(texts).filter(([id]) => shown.has(id))),
      version: row?.version ?? 0,
      submittedAt: row?.submittedAt?.toISOString() ?? null,
      ...(followUps ? { followUps } : {}),
    };
  };

  const audited = async (
    actorId: string,
    subjectId: string,
    relation: string,
    action: 'read' | 'write',
    what: Record<string, unknown>,
  ) => {
    if (relation !== 'self')
      await deps.audit.record({ actorId, subjectId, action, resource: 'self-check', details: what });
  };

  /** Checks the items and guidelines of a draft against the level's row of the framework. */
  const validateContent = (levelId: string | null, input: SelfCheckDraftInput) => {
    const allowed = new Set(itemsFor(levelId).map((item) => item.competencyId));
    const guidelines = new Set(framework.guidelines.map((guideline) => guideline.id));
    const details = [
      ...Object.keys(input.ratings)
        .filter((id) => !allowed.has(id))
        .map((id) => ({ path: `body.ratings.${id}`, message: 'not an item of your level' })),
      ...Object.keys(input.reflections)
        .filter((id) => !guidelines.has(id))
        .map((id) => ({ path: `body.reflections.${id}`, message: 'not a guideline of the framework' })),
    ];
    if (details.length > 0)
      throw new AppError('validation_failed', 'The self-check names items that do not apply.', details);
  };

  const conflict = (current: number) =>
    versionConflict(
      `Someone saved this self-check in the meantime (now version ${current}). Reload to see their changes.`,
      current,
    );

  /**
   * A write by the owner (save, submit), only in an open period: `write` is given the period and the
   * self-check as it stands (undefined before the first save).
   */
  const ownerWrite =
    <Input>(write: (form: OwnerForm, input: Input) => Promise<SelfCheckResponse>) =>
    async (actor: Actor, personId: string, periodId: string, input: Input): Promise<SelfCheckResponse> => {
      const period = periodOf(periodId);
      await deps.access.require(actor, personId, ['self']);
      if (!(await isOpen(period))) throw new AppError('conflict', `The period ${period.id} is closed.`);
      return write({ personId, period, existing: await find(personId, period.id) }, input);
    };

  /** Updates a row only if nobody changed it since `expected` (and, for the owner, while still a draft). */
  const versionedUpdate = async (
    existing: Row,
    expected: number,
    changes: Partial<typeof selfChecks.$inferInsert>,
    options: { draftOnly: boolean },
  ): Promise<Row> => {
    const conditions = [eq(selfChecks.id, existing.id), eq(selfChecks.version, expected)];
    if (options.draftOnly) conditions.push(eq(selfChecks.status, 'draft'));
    const updated = await db
      .update(selfChecks)
      .set({ ...changes, version: existing.version + 1, updatedAt: deps.now() })
      .where(and(...conditions))
      .returning();
    if (!updated[0]) throw conflict(existing.version);
    return updated[0];
  };

  /** The supervisor on a submitted self-check: the common gate of feedback and completing it. */
  const supervisorSubmitted = async (actor: Actor, personId: string, periodId: string) => {
    const period = periodOf(periodId);
    await deps.access.require(actor, personId, ['supervisor']);
    const existing = await find(personId, period.id);
    if (!existing || existing.status !== 'submitted')
      throw new AppError('conflict', 'Feedback is given once the self-check is submitted.');
    return { period, existing };
  };

  return {
    async get(actor: Actor, personId: string, periodId: string): Promise<SelfCheckResponse> {
      const period = periodOf(periodId);
      const relation = await deps.access.require(actor, personId, ['self', 'supervisor', 'hr']);
      const levelId = await levelOf(personId);
      const row = await find(personId, period.id);
      await audited(actor.id, personId, relation, 'read', { period: period.id });
      return toResponse(personId, period, row, levelId, await isOpen(period));
    },

    async history(actor: Actor, personId: string): Promise<SelfCheckHistoryResponse> {
      const relation = await deps.access.require(actor, personId, ['self', 'supervisor', 'hr']);
      await levelOf(personId);
      const rows = await db
        .select()
        .from(selfChecks)
        .where(eq(selfChecks.personId, personId))
        .orderBy(asc(selfChecks.period));
      await audited(actor.id, personId, relation, 'read', { history: true });
      const groups = new Map(framework.competencyGroups.map((group) => [group.id, [] as number[]]));
      return {
        personId,
        periods: rows.map((row) => {
          for (const values of groups.values()) values.length = 0;
          for (const [competencyId, { rating }] of Object.entries(row.ratings)) {
            const group = framework.competencies.find((competency) => competency.id === competencyId)?.group;
            if (group) groups.get(group)?.push(rating);
          }
          const averages = Object.fromEntries(
            [...groups]
              .filter(([, values]) => values.length > 0)
              .map(([group, values]) => [
                group,
                Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100,
              ]),
          );
          return { period: row.period, status: row.status, averages };
        }),
      };
    },

    saveDraft: ownerWrite(async ({ personId, period, existing }, input: SelfCheckDraftInput) => {
      const levelId = existing?.levelId ?? (await levelOf(personId));
      if (!levelId)
        throw new AppError(
          'conflict',
          'Your job level is not registered, so there is nothing to self-check yet.',
        );
      validateContent(levelId, input);
      if (existing?.status === 'submitted')
        throw new AppError('conflict', 'This self-check is submitted and can no longer be edited.');
      if (!existing) {
        if (input.version !== 0) throw conflict(0);
        const inserted = await db
          .insert(selfChecks)
          .values({
            personId,
            period: period.id,
            levelId,
            frameworkVersion: framework.version,
            ratings: input.ratings,
            reflections: input.reflections,
          })
          .onConflictDoNothing()
          .returning();
        // Two first saves raced: the other one won.
        if (inserted.length === 0) throw conflict((await find(personId, period.id))?.version ?? 1);
        return toResponse(personId, period, inserted[0], levelId, true);
      }
      const updated = await versionedUpdate(
        existing,
        input.version,
        { ratings: input.ratings, reflections: input.reflections },
        { draftOnly: true },
      );
      return toResponse(personId, period, updated, levelId, true);
    }),

    submit: ownerWrite(async ({ personId, period, existing }, input: SelfCheckSubmitInput) => {
      if (!existing) throw new AppError('conflict', 'Save the self-check before submitting it.');
      if (existing.status === 'submitted')
        throw new AppError('conflict', 'This self-check is already submitted.');
      const missing = itemsFor(existing.levelId).filter((item) => !existing.ratings[item.competencyId]);
      if (missing.length > 0) {
        throw new AppError(
          'unprocessable',
          'Rate every item before submitting.',
          missing.map((item) => ({ path: `ratings.${item.competencyId}`, message: 'not rated yet' })),
        );
      }
      const updated = await versionedUpdate(
        existing,
        input.version,
        { status: 'submitted', submittedAt: deps.now() },
        { draftOnly: true },
      );
      return toResponse(personId, period, updated, existing.levelId, true);
    }),

    async giveFeedback(
      actor: Actor,
      personId: string,
      periodId: string,
      input: SelfCheckFeedbackInput,
    ): Promise<SelfCheckResponse> {
      const { period, existing } = await supervisorSubmitted(actor, personId, periodId);
      const items = new Set(itemsFor(existing.levelId).map((item) => item.competencyId));
      const unknown = Object.keys(input.feedback).filter((id) => !items.has(id));
      if (unknown.length > 0) {
        throw new AppError(
          'validation_failed',
          'Feedback names items this self-check does not have.',
          unknown.map((id) => ({ path: `body.feedback.${id}`, message: 'not an item of this self-check' })),
        );
      }
      const at = deps.now().toISOString();
      const feedback = {
        ...existing.feedback,
        ...Object.fromEntries(
          Object.entries(input.feedback).map(([id, comment]) => [id, { comment, authorId: actor.id, at }]),
        ),
      };
      const updated = await versionedUpdate(existing, input.version, { feedback }, { draftOnly: false });
      await audited(actor.id, personId, 'supervisor', 'write', {
        period: period.id,
        feedback: Object.keys(input.feedback),
      });
      return toResponse(personId, period, updated, existing.levelId, await isOpen(period));
    },

    /**
     * The supervisor says their feedback is complete: only then is the self-check 「フィードバック済み」
     * (per-item comments are optional; the team view shows how many items have one meanwhile). Saying
     * it again changes nothing.
     */
    async completeFeedback(
      actor: Actor,
      personId: string,
      periodId: string,
      input: SelfCheckFeedbackCompleteInput,
    ): Promise<SelfCheckResponse> {
      const { period, existing } = await supervisorSubmitted(actor, personId, periodId);
      const open = await isOpen(period);
      if (existing.feedbackCompletedAt) return toResponse(personId, period, existing, existing.levelId, open);
      const updated = await versionedUpdate(
        existing,
        input.version,
        { feedbackCompletedAt: deps.now() },
        { draftOnly: false },
      );
      await audited(actor.id, personId, 'supervisor', 'write', {
        period: period.id,
        feedbackCompleted: true,
        commented: Object.keys(updated.feedback).length,
      });
      return toResponse(personId, period, updated, existing.levelId, open);
    },
  };
}

export type SelfCheckService = ReturnType<typeof createSelfCheckService>;
