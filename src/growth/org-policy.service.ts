import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import type { PeopleStore, PersonRow } from '../people/people.store.ts';
import { halfPeriodAt } from '../shared/fiscal-period.ts';
import type {
  DepartmentCoverage,
  OrgPolicyInput,
  OrgPolicyKind,
  OrgPolicyView,
} from './org-policy.contract.ts';
import { goals as personalGoals } from './goal.schema.ts';
import { orgPolicies, type OrgGoal } from './org-policy.schema.ts';

type Row = typeof orgPolicies.$inferSelect;

/** The framework level that writes each kind of policy: the 部長 their 部's, the 課長 their 課's. */
export const ORG_POLICY_WRITER_LEVEL: Record<OrgPolicyKind, string> = {
  division: 'bucho',
  department: 'kacho',
};

const UNIT_NAME: Record<OrgPolicyKind, string> = { division: '部 (division)', department: '課 (department)' };

/** The 部 or 課 a person stands in (values in force): `division` or `department`. */
const unitOf = (person: Pick<PersonRow, 'division' | 'department'>, kind: OrgPolicyKind) =>
  kind === 'division' ? person.division : person.department;

/**
 * 部・課の方針 (issue 20 point 2): a 部長 writes their 部's policy and goals, a 課長 their 課's, HR any;
 * everyone signed in reads them (a policy is public inside the city hall). A fiscal year is open for
 * writing from when it is the current one or the next, and closes when it has passed.
 */
export function createOrgPolicyService(deps: {
  db: Db;
  people: Pick<PeopleStore, 'get' | 'inDepartment' | 'inDivision'>;
  access: AccessPolicy;
  audit: AuditLog;
  now: () => Date;
}) {
  const { db } = deps;
  const audited = auditOf(deps.audit, 'org-policies');
  const currentFiscalYear = () => halfPeriodAt(deps.now()).fiscalYear;
  const openYear = (year: number) => year >= currentFiscalYear() && year <= currentFiscalYear() + 1;

  const members = (kind: OrgPolicyKind, unit: string) =>
    kind === 'division' ? deps.people.inDivision(unit) : deps.people.inDepartment(unit);

  const load = async (kind: OrgPolicyKind, unit: string, fiscalYear: number): Promise<Row | undefined> => {
    const [row] = await db
      .select()
      .from(orgPolicies)
      .where(
        and(eq(orgPolicies.kind, kind), eq(orgPolicies.unit, unit), eq(orgPolicies.fiscalYear, fiscalYear)),
      )
      .limit(1);
    return row;
  };

  /** The unit's 部長/課長, or HR: who may write its policy (the year aside). */
  const isWriter = async (actor: Actor, kind: OrgPolicyKind, unit: string) => {
    if (actor.isHr) return true;
    const person = await deps.people.get(actor.id);
    return !!person && person.levelId === ORG_POLICY_WRITER_LEVEL[kind] && unitOf(person, kind) === unit;
  };

  const existing = async (kind: OrgPolicyKind, unit: string): Promise<PersonRow[]> => {
    const found = await members(kind, unit);
    if (found.length === 0) throw new AppError('not_found', `No such ${UNIT_NAME[kind]}: ${unit}.`);
    return found;
  };

  const view = (
    kind: OrgPolicyKind,
    unit: string,
    fiscalYear: number,
    row: Row | undefined,
    canEdit: boolean,
  ): OrgPolicyView => ({
    kind,
    unit,
    fiscalYear,
    policy: row?.policy ?? '',
    goals: row?.goals ?? [],
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    canEdit: canEdit && openYear(fiscalYear),
  });

  /** The goals as they will be stored: kept ids checked against the stored ones, new ones given an id. */
  const goalsOf = async (
    kind: OrgPolicyKind,
    fiscalYear: number,
    input: OrgPolicyInput,
    row: Row | undefined,
    people: PersonRow[],
  ): Promise<OrgGoal[]> => {
    const details: Array<{ path: string; message: string }> = [];
    const stored = new Set((row?.goals ?? []).map((goal) => goal.id));
    const seen = new Set<string>();
    // A 課 goal serves a goal of its own 部 of the same year.
    const division =
      kind === 'department' ? (people.find((person) => person.division)?.division ?? null) : null;
    const divisionGoals = division
      ? new Set(((await load('division', division, fiscalYear))?.goals ?? []).map((goal) => goal.id))
      : new Set<string>();
    input.goals.forEach((goal, index) => {
      if (goal.id !== undefined && (!stored.has(goal.id) || seen.has(goal.id)))
        details.push({ path: `body.goals.${index}.id`, message: 'is not a goal of this policy (or twice)' });
      if (goal.id !== undefined) seen.add(goal.id);
      if (goal.divisionGoalId !== null && kind === 'division')
        details.push({ path: `body.goals.${index}.divisionGoalId`, message: 'a 部 goal links to nothing' });
      else if (goal.divisionGoalId !== null && !divisionGoals.has(goal.divisionGoalId))
        details.push({
          path: `body.goals.${index}.divisionGoalId`,
          message: `is not a goal of the 部${division ? ` ${division}` : ''} for fiscal year ${fiscalYear}`,
        });
    });
    if (details.length > 0)
      throw new AppError('validation_failed', 'The goals refer to things that do not fit.', details);
    return input.goals.map((goal) => ({
      id: goal.id ?? randomUUID(),
      title: goal.title,
      description: goal.description,
      divisionGoalId: goal.divisionGoalId,
    }));
  };

  return {
    async read(actor: Actor, kind: OrgPolicyKind, unit: string, fiscalYear: number): Promise<OrgPolicyView> {
      await existing(kind, unit);
      return view(
        kind,
        unit,
        fiscalYear,
        await load(kind, unit, fiscalYear),
        await isWriter(actor, kind, unit),
      );
    },

    async save(
      actor: Actor,
      kind: OrgPolicyKind,
      unit: string,
      fiscalYear: number,
      input: OrgPolicyInput,
    ): Promise<OrgPolicyView> {
      if (!(await isWriter(actor, kind, unit)))
        throw new AppError(
          'forbidden',
          kind === 'division'
            ? 'Only the 部長 of this 部 (or HR) may write its policy.'
            : 'Only the 課長 of this 課 (or HR) may write its policy.',
        );
      const people = await existing(kind, unit);
      if (!openYear(fiscalYear))
        throw new AppError(
          'conflict',
          fiscalYear < currentFiscalYear()
            ? `The policy of fiscal year ${fiscalYear} is closed: the year has passed.`
            : `The policy of fiscal year ${fiscalYear} cannot be written yet.`,
        );
      const row = await load(kind, unit, fiscalYear);
      const goals = await goalsOf(kind, fiscalYear, input, row, people);
      let saved: Row | undefined;
      if (!row) {
        if (input.version !== 0)
          throw versionConflict('This policy has not been written yet (version 0). Reload.', 0);
        [saved] = await db
          .insert(orgPolicies)
          .values({ kind, unit, fiscalYear, policy: input.policy, goals, updatedAt: deps.now() })
          .onConflictDoNothing()
          .returning();
      } else {
        [saved] = await db
          .update(orgPolicies)
          .set({ policy: input.policy, goals, version: row.version + 1, updatedAt: deps.now() })
          .where(and(eq(orgPolicies.id, row.id), eq(orgPolicies.version, input.version)))
          .returning();
      }
      if (!saved)
        throw versionConflict(
          `Someone changed this policy in the meantime (now version ${row?.version ?? 1}). Reload to see it.`,
          row?.version ?? 1,
        );
      await audited('write', actor, null, { kind, unit, fiscalYear, goals: goals.length });
      return view(kind, unit, fiscalYear, saved, true);
    },

    /**
     * The 課's goals with the personal goals linked to each, and the goals linked to none. Only the
     * people the caller reads goals of as supervisor (anyone up their chain) or HR are counted, so the
     * view shows nothing the goal list would not; someone above nobody in the 課 is refused.
     */
    async coverage(actor: Actor, department: string, fiscalYear: number): Promise<DepartmentCoverage> {
      const people = await existing('department', department);
      const readable: PersonRow[] = [];
      for (const person of people) {
        const relation = await deps.access.relation(actor, person.id);
        if (relation === 'supervisor' || relation === 'hr') readable.push(person);
      }
      if (readable.length === 0)
        throw new AppError('forbidden', 'Only the supervisors of this 課’s people (or HR) see its coverage.');
      const row = await load('department', department, fiscalYear);
      const rows = await db
        .select({
          id: personalGoals.id,
          personId: personalGoals.personId,
          title: personalGoals.title,
          departmentGoalId: personalGoals.departmentGoalId,
        })
        .from(personalGoals)
        .where(
          and(
            inArray(
              personalGoals.personId,
              readable.map((person) => person.id),
            ),
            eq(personalGoals.fiscalYear, fiscalYear),
          ),
        )
        .orderBy(asc(personalGoals.createdAt));
      await audited('read', actor, null, {
        kind: 'department',
        unit: department,
        fiscalYear,
        coverage: true,
      });
      const known = new Set((row?.goals ?? []).map((goal) => goal.id));
      const byPerson = (pick: (goal: (typeof rows)[number]) => boolean) =>
        readable
          .map((person) => ({
            id: person.id,
            displayName: person.displayName,
            goals: rows
              .filter((goal) => goal.personId === person.id && pick(goal))
              .map((goal) => ({ id: goal.id, title: goal.title })),
          }))
          .filter((person) => person.goals.length > 0);
      return {
        department,
        fiscalYear,
        policy: row?.policy ?? '',
        goals: (row?.goals ?? []).map((goal) => ({
          ...goal,
          people: byPerson((personal) => personal.departmentGoalId === goal.id),
        })),
        unlinked: byPerson((personal) => !personal.departmentGoalId || !known.has(personal.departmentGoalId)),
      };
    },

    /** Whether `goalId` is a goal of the 課's policy for the fiscal year (a personal goal may link it). */
    async isDepartmentGoal(department: string, fiscalYear: number, goalId: string): Promise<boolean> {
      const row = await load('department', department, fiscalYear);
      return !!row?.goals.some((goal) => goal.id === goalId);
    },
  };
}

export type OrgPolicyService = ReturnType<typeof createOrgPolicyService>;
