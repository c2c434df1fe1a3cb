import { and, asc, count, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { AccessPolicy, Actor, Relation } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { updateAtVersion } from '../db/rows.ts';
import { AppError, type ErrorDetail, versionConflict } from '../http/app-error.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { knownPerson } from '../people/known-person.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import type {
  OjtGuidedPlan,
  OjtGuidanceInput,
  OjtPlanCreate,
  OjtPlanResponse,
  OjtPlanUpdateInput,
  OjtPlanView,
  OjtTickInput,
} from './ojt.contract.ts';
import { ojtChecklistItems, ojtGuidance, ojtPlans, ojtSuggestions } from './ojt.schema.ts';

type PlanRow = typeof ojtPlans.$inferSelect;

/** Who reads a person's plan besides its 指導担当. */
const READERS: readonly Relation[] = ['self', 'supervisor', 'hr'];
const RESOURCE = 'ojt-plan';

export function createOjtService(deps: {
  db: Db;
  people: PeopleStore;
  access: AccessPolicy;
  audit: AuditLog;
  now: () => Date;
}) {
  const { db } = deps;
  const audited = auditOf(deps.audit, RESOURCE);

  const activePlan = async (tx: Db, personId: string): Promise<PlanRow | undefined> =>
    (
      await tx
        .select()
        .from(ojtPlans)
        .where(and(eq(ojtPlans.personId, personId), eq(ojtPlans.status, 'active')))
        .limit(1)
    )[0];

  const conflict = (current: number) =>
    versionConflict(
      `The OJT plan was changed elsewhere in the meantime (now version ${current}). Reload to see it; what you typed is still in the form.`,
      current,
    );

  const alreadyActive = (plan: PlanRow) =>
    new AppError(
      'conflict',
      `This person already has an active OJT plan (${plan.id}, ${plan.startsOn} to ${plan.endsOn}). Edit or complete it instead.`,
      [{ path: 'plan', message: `active plan ${plan.id}` }],
    );

  const view = async (plan: PlanRow): Promise<OjtPlanView> => {
    const items = await db
      .select()
      .from(ojtChecklistItems)
      .where(eq(ojtChecklistItems.planId, plan.id))
      .orderBy(asc(ojtChecklistItems.position));
    const log = await db
      .select()
      .from(ojtGuidance)
      .where(eq(ojtGuidance.planId, plan.id))
      .orderBy(desc(ojtGuidance.day), desc(ojtGuidance.createdAt));
    const ids = [
      plan.mentorPersonId,
      ...items.flatMap((item) => (item.doneById ? [item.doneById] : [])),
      ...log.map((entry) => entry.givenById),
    ];
    const names = new Map(
      (await deps.people.getMany([...new Set(ids)])).map((person) => [person.id, person.displayName]),
    );
    const ref = (id: string) => ({ id, displayName: names.get(id) ?? null });
    return {
      id: plan.id,
      personId: plan.personId,
      mentor: ref(plan.mentorPersonId),
      createdById: plan.createdById,
      status: plan.status,
      startsOn: plan.startsOn,
      endsOn: plan.endsOn,
      goals: plan.goals,
      checklist: items.map((item) => ({
        id: item.id,
        label: item.label,
        doneAt: item.doneAt?.toISOString() ?? null,
        doneBy: item.doneById ? ref(item.doneById) : null,
      })),
      guidance: log.map((entry) => ({
        id: entry.id,
        day: entry.day,
        text: entry.text,
        givenBy: ref(entry.givenById),
      })),
      suggestionId: plan.suggestionId,
      version: plan.version,
      updatedAt: plan.updatedAt.toISOString(),
    };
  };

  /** The 指導担当 must be someone in force other than the person; the period must not run backwards. */
  const checkPlan = async (
    personId: string,
    input: { mentorPersonId: string; startsOn: string; endsOn: string },
  ): Promise<void> => {
    const details: ErrorDetail[] = [];
    const mentorId = input.mentorPersonId.toLowerCase();
    if (mentorId === personId)
      details.push({ path: 'body.mentorPersonId', message: 'must be someone other than the person' });
    else if (!(await deps.people.get(mentorId)))
      details.push({ path: 'body.mentorPersonId', message: 'no such person in force' });
    if (input.endsOn < input.startsOn)
      details.push({ path: 'body.endsOn', message: 'must not be before startsOn' });
    if (details.length > 0) throw new AppError('validation_failed', 'The OJT plan does not add up.', details);
  };

  const requirePerson = async (personId: string): Promise<void> => {
    await knownPerson(deps.people, personId);
  };

  /** The chain manages; the chain and the plan's 指導担当 guide. Anyone else is refused. */
  const requireGuide = async (actor: Actor, personId: string): Promise<PlanRow> => {
    const relation = await deps.access.relation(actor, personId);
    const plan = await activePlan(db, personId);
    if (relation !== 'supervisor' && plan?.mentorPersonId !== actor.id)
      throw new AppError(
        'forbidden',
        'Only the person’s supervisors and their 指導担当 guide under the plan.',
      );
    if (!plan) throw new AppError('not_found', 'This person has no active OJT plan.');
    return plan;
  };

  /** A write under the plan: bumps its version (stale → 409) in the same transaction as the change. */
  const bump = async (tx: Db, plan: PlanRow, version: number, changes: Partial<PlanRow> = {}) => {
    const updated = await updateAtVersion(tx, ojtPlans, plan.id, version, changes, deps.now());
    if (!updated) throw conflict(plan.version);
    return updated;
  };

  const written = async (actor: Actor, personId: string, what: Record<string, unknown>) =>
    audited('write', actor, personId, what);

  /** The plan as the guide who just wrote it sees it. */
  const answer = async (actor: Actor, personId: string, plan: PlanRow): Promise<OjtPlanResponse> => {
    const relation = await deps.access.relation(actor, personId);
    return { personId, plan: await view(plan), canManage: relation === 'supervisor', canGuide: true };
  };

  return {
    /**
     * The active plans whose 指導担当 is the caller, by the person's name: where they reach each plan to
     * tick and log. Only the caller's own; each person listed is a read of their plan, audited.
     */
    async guided(actor: Actor): Promise<OjtGuidedPlan[]> {
      const plans = await db
        .select()
        .from(ojtPlans)
        .where(and(eq(ojtPlans.mentorPersonId, actor.id), eq(ojtPlans.status, 'active')));
      if (plans.length === 0) return [];
      const planIds = plans.map((plan) => plan.id);
      const items = await db
        .select({
          planId: ojtChecklistItems.planId,
          total: count(),
          done: count(ojtChecklistItems.doneAt),
        })
        .from(ojtChecklistItems)
        .where(inArray(ojtChecklistItems.planId, planIds))
        .groupBy(ojtChecklistItems.planId);
      const logged = await db
        .select({ planId: ojtGuidance.planId, last: max(ojtGuidance.day) })
        .from(ojtGuidance)
        .where(inArray(ojtGuidance.planId, planIds))
        .groupBy(ojtGuidance.planId);
      const people = new Map(
        (await deps.people.getMany(plans.map((plan) => plan.personId))).map((person) => [person.id, person]),
      );
      const progress = new Map(items.map((row) => [row.planId, row]));
      const last = new Map(logged.map((row) => [row.planId, row.last]));
      const rows = plans.map((plan) => {
        const person = people.get(plan.personId);
        return {
          planId: plan.id,
          person: { id: plan.personId, displayName: person?.displayName ?? null },
          department: person?.department ?? null,
          startsOn: plan.startsOn,
          endsOn: plan.endsOn,
          itemsDone: progress.get(plan.id)?.done ?? 0,
          itemsTotal: progress.get(plan.id)?.total ?? 0,
          lastGuidanceOn: last.get(plan.id) ?? null,
        };
      });
      for (const row of rows)
        await audited('read', actor, row.person.id, { list: 'guide', planId: row.planId });
      return rows.sort((a, b) =>
        (a.person.displayName ?? '').localeCompare(b.person.displayName ?? '', 'ja'),
      );
    },

    async get(actor: Actor, personId: string): Promise<OjtPlanResponse> {
      const relation = await deps.access.relation(actor, personId);
      const plan = await activePlan(db, personId);
      const isMentor = plan !== undefined && plan.mentorPersonId === actor.id;
      if (!READERS.includes(relation) && !isMentor)
        throw new AppError('forbidden', 'You may not access this person’s data for this action.');
      await requirePerson(personId);
      await deps.audit.readUnlessSelf(relation, {
        actorId: actor.id,
        subjectId: personId,
        resource: RESOURCE,
      });
      return {
        personId,
        plan: plan ? await view(plan) : null,
        canManage: relation === 'supervisor',
        canGuide: relation === 'supervisor' || isMentor,
      };
    },

    async create(actor: Actor, personId: string, input: OjtPlanCreate): Promise<OjtPlanResponse> {
      await deps.access.require(actor, personId, ['supervisor']);
      await requirePerson(personId);
      await checkPlan(personId, input);
      const existing = await activePlan(db, personId);
      if (existing) throw alreadyActive(existing);
      const now = deps.now();
      const plan = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(ojtPlans)
          .values({
            personId,
            mentorPersonId: input.mentorPersonId.toLowerCase(),
            createdById: actor.id,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
            goals: input.goals,
            suggestionId: input.suggestionId?.toLowerCase() ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning();
        // Two supervisors created one at once: the other's stands.
        if (!inserted) throw alreadyActive((await activePlan(tx, personId))!);
        if (input.checklist.length > 0)
          await tx
            .insert(ojtChecklistItems)
            .values(input.checklist.map((label, position) => ({ planId: inserted.id, position, label })));
        if (input.suggestionId) {
          const started = await tx
            .update(ojtSuggestions)
            .set({ status: 'started', version: sql`${ojtSuggestions.version} + 1`, updatedAt: now })
            .where(
              and(
                eq(ojtSuggestions.id, input.suggestionId.toLowerCase()),
                eq(ojtSuggestions.personId, personId),
                eq(ojtSuggestions.status, 'open'),
              ),
            )
            .returning({ id: ojtSuggestions.id });
          if (started.length === 0)
            throw new AppError('conflict', 'The onboarding suggestion is no longer open for this person.', [
              { path: 'body.suggestionId', message: 'not an open suggestion about this person' },
            ]);
        }
        return inserted;
      });
      await written(actor, personId, { planId: plan.id, created: true });
      return { personId, plan: await view(plan), canManage: true, canGuide: true };
    },

    async update(actor: Actor, personId: string, input: OjtPlanUpdateInput): Promise<OjtPlanResponse> {
      await deps.access.require(actor, personId, ['supervisor']);
      await checkPlan(personId, input);
      const plan = await activePlan(db, personId);
      if (!plan) throw new AppError('not_found', 'This person has no active OJT plan.');
      const updated = await db.transaction(async (tx) => {
        const items = await tx.select().from(ojtChecklistItems).where(eq(ojtChecklistItems.planId, plan.id));
        const known = new Set(items.map((item) => item.id));
        const unknown = input.checklist.flatMap((item, index) =>
          item.id !== null && !known.has(item.id.toLowerCase())
            ? [{ path: `body.checklist.${index}.id`, message: 'not an item of this plan' }]
            : [],
        );
        if (unknown.length > 0)
          throw new AppError(
            'validation_failed',
            'The checklist names items the plan does not have.',
            unknown,
          );
        const row = await bump(tx, plan, input.version, {
          mentorPersonId: input.mentorPersonId.toLowerCase(),
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          goals: input.goals,
        });
        const kept = new Set(input.checklist.flatMap((item) => (item.id ? [item.id.toLowerCase()] : [])));
        const gone = items.filter((item) => !kept.has(item.id)).map((item) => item.id);
        if (gone.length > 0) await tx.delete(ojtChecklistItems).where(inArray(ojtChecklistItems.id, gone));
        for (const [position, item] of input.checklist.entries()) {
          if (item.id)
            await tx
              .update(ojtChecklistItems)
              .set({ position, label: item.label })
              .where(eq(ojtChecklistItems.id, item.id.toLowerCase()));
          else await tx.insert(ojtChecklistItems).values({ planId: plan.id, position, label: item.label });
        }
        return row;
      });
      await written(actor, personId, { planId: plan.id });
      return { personId, plan: await view(updated), canManage: true, canGuide: true };
    },

    async tick(actor: Actor, personId: string, input: OjtTickInput): Promise<OjtPlanResponse> {
      const plan = await requireGuide(actor, personId);
      const itemId = input.itemId.toLowerCase();
      const updated = await db.transaction(async (tx) => {
        const row = await bump(tx, plan, input.version);
        const ticked = await tx
          .update(ojtChecklistItems)
          .set(input.done ? { doneAt: deps.now(), doneById: actor.id } : { doneAt: null, doneById: null })
          .where(and(eq(ojtChecklistItems.id, itemId), eq(ojtChecklistItems.planId, plan.id)))
          .returning({ id: ojtChecklistItems.id });
        if (ticked.length === 0) throw new AppError('not_found', 'The plan has no such checklist item.');
        return row;
      });
      await written(actor, personId, { planId: plan.id, itemId, done: input.done });
      return answer(actor, personId, updated);
    },

    async addGuidance(actor: Actor, personId: string, input: OjtGuidanceInput): Promise<OjtPlanResponse> {
      const plan = await requireGuide(actor, personId);
      if (input.day > jstDayOf(deps.now().getTime()))
        throw new AppError('validation_failed', 'Guidance is logged once given.', [
          { path: 'body.day', message: 'must not be after today' },
        ]);
      const updated = await db.transaction(async (tx) => {
        const row = await bump(tx, plan, input.version);
        await tx.insert(ojtGuidance).values({
          planId: plan.id,
          personId,
          day: input.day,
          text: input.text,
          givenById: actor.id,
          createdAt: deps.now(),
        });
        return row;
      });
      await written(actor, personId, { planId: plan.id, guidance: input.day });
      return answer(actor, personId, updated);
    },

    async complete(actor: Actor, personId: string, input: { version: number }): Promise<OjtPlanResponse> {
      await deps.access.require(actor, personId, ['supervisor']);
      const plan = await activePlan(db, personId);
      if (!plan) throw new AppError('not_found', 'This person has no active OJT plan.');
      await bump(db, plan, input.version, { status: 'completed' });
      await written(actor, personId, { planId: plan.id, completed: true });
      return { personId, plan: null, canManage: true, canGuide: true };
    },
  };
}

export type OjtService = ReturnType<typeof createOjtService>;
