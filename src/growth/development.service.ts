import { sql, type SQL } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { AppError } from '../http/app-error.ts';
import type { PeopleStore, PersonRow } from '../people/people.store.ts';
import { knownPerson } from '../people/known-person.ts';
import type { AuditAction } from '../auth/audit.contract.ts';
import { FIRST_FISCAL_YEAR, halfPeriodAt } from '../shared/fiscal-period.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import type {
  DevelopmentCounts,
  DevelopmentGroupRow,
  DevelopmentPage,
  DevelopmentRollUp,
  DevelopmentSupervisorRow,
} from './development.contract.ts';
import type { ActivityCount, DevelopmentSources } from './development-sources.ts';
import { goals } from './goal.schema.ts';
import { selfChecks } from './self-check.schema.ts';

export interface DevelopmentDependencies {
  db: Db;
  framework: Framework;
  people: Pick<PeopleStore, 'get' | 'reportsBelow'>;
  access: AccessPolicy;
  audit: AuditLog;
  sources: DevelopmentSources;
  /** The whole organisation's reporting lines in force on a day (people.read.ts), for HR's roll-up. */
  lines: (today: string) => Promise<Array<PersonLine>>;
  now: () => Date;
}

/** One person of the reporting lines in force. */
export interface PersonLine {
  id: string;
  displayName: string;
  jobTitle: string | null;
  levelId: string | null;
  department: string | null;
  division: string | null;
  managerId: string | null;
}

const zero = (): DevelopmentCounts => ({
  goalComments: 0,
  selfCheckComments: 0,
  interviews: 0,
  oneOnOnes: 0,
  recommendations: 0,
  reportComments: 0,
  ojtGuidance: 0,
});

/** The measures alone of a row that has more. */
const countsOf = (row: DevelopmentCounts): DevelopmentCounts => {
  const counts = zero();
  for (const key of Object.keys(counts) as Array<keyof DevelopmentCounts>) counts[key] = row[key];
  return counts;
};

/** Adds `b` into `a`, measure by measure. */
export function addCounts(a: DevelopmentCounts, b: DevelopmentCounts): DevelopmentCounts {
  const sum = zero();
  for (const key of Object.keys(sum) as Array<keyof DevelopmentCounts>) sum[key] = a[key] + b[key];
  return sum;
}

const pairKey = (authorId: string, personId: string) => `${authorId}\u0000${personId}`;

const isIdle = (counts: DevelopmentCounts) => Object.values(counts).every((value) => value === 0);

const summaryOf = (
  person: Pick<PersonRow, 'id' | 'displayName' | 'department' | 'jobTitle' | 'levelId'>,
) => ({
  id: person.id,
  displayName: person.displayName,
  department: person.department,
  jobTitle: person.jobTitle,
  levelId: person.levelId,
});

/**
 * A supervisor's own 育成 page (issue 19 point 6; policy 2(1) wants 管理職や係長の人財育成に対する意識を高める):
 * what they did in a fiscal year for each of their direct reports — feedback written, interviews and
 * 1:1s held, training recommended, report comments — beside their level's role bullets. The growth
 * slice counts its own feedback; the other measures come through the DevelopmentSources port.
 */
export function createDevelopmentService(deps: DevelopmentDependencies) {
  const { db } = deps;

  /** Runs a grouped count whose rows are (author_id, person_id, n). */
  const counted = async (query: SQL): Promise<ActivityCount[]> => {
    const result: unknown = await db.execute(query);
    return (result as { rows: Array<{ author_id: string; person_id: string; n: number | string }> }).rows.map(
      (row) => ({ authorId: row.author_id, personId: row.person_id, n: Number(row.n) }),
    );
  };
  const oneOf = (ids: string[]) =>
    sql.join(
      ids.map((id) => sql`${id}::text`),
      sql`, `,
    );

  /** Comments the authors wrote on goals of the fiscal year, per author and goal owner. */
  const goalComments = (authorIds: string[], fiscalYear: number) =>
    counted(sql`
      select comment->>'authorId' as author_id, ${goals.personId} as person_id, count(*) as n
      from ${goals} cross join lateral jsonb_array_elements(${goals.comments}) as comment
      where ${goals.fiscalYear} = ${fiscalYear} and comment->>'authorId' in (${oneOf(authorIds)})
      group by 1, 2`);

  /** Feedback comments the authors wrote on items of self-checks of the fiscal year's two halves. */
  const selfCheckComments = (authorIds: string[], fiscalYear: number) =>
    counted(sql`
      select feedback.value->>'authorId' as author_id, ${selfChecks.personId} as person_id, count(*) as n
      from ${selfChecks} cross join lateral jsonb_each(${selfChecks.feedback}) as feedback
      where ${selfChecks.period} in (${`${fiscalYear}-H1`}, ${`${fiscalYear}-H2`})
        and feedback.value->>'authorId' in (${oneOf(authorIds)})
      group by 1, 2`);

  /**
   * Every measure of the given supervisors in one go (a few statements whatever their number), keyed by
   * supervisor and person: what is counted is what a supervisor did towards anyone; the page keeps their
   * direct reports.
   */
  const activity = async (supervisorIds: string[], fiscalYear: number) => {
    const found = new Map<string, DevelopmentCounts>();
    if (supervisorIds.length === 0) return found;
    const [goal, selfCheck, held, recommended, commented, guided] = await Promise.all([
      goalComments(supervisorIds, fiscalYear),
      selfCheckComments(supervisorIds, fiscalYear),
      deps.sources.interviewsHeld(supervisorIds, fiscalYear, deps.now()),
      deps.sources.recommendations(supervisorIds, fiscalYear),
      deps.sources.reportComments(supervisorIds, fiscalYear),
      deps.sources.ojtGuidance(supervisorIds, fiscalYear),
    ]);
    const entry = (authorId: string, personId: string) => {
      const key = pairKey(authorId, personId);
      const counts = found.get(key) ?? zero();
      found.set(key, counts);
      return counts;
    };
    for (const row of goal) entry(row.authorId, row.personId).goalComments += row.n;
    for (const row of selfCheck) entry(row.authorId, row.personId).selfCheckComments += row.n;
    for (const row of held) {
      const counts = entry(row.organizerId, row.personId);
      counts.interviews += row.formal;
      counts.oneOnOnes += row.oneOnOne;
    }
    for (const row of recommended) entry(row.authorId, row.personId).recommendations += row.n;
    for (const row of commented) entry(row.authorId, row.personId).reportComments += row.n;
    for (const row of guided) entry(row.authorId, row.personId).ojtGuidance += row.n;
    return found;
  };

  return {
    async page(actor: Actor, supervisorId: string, fiscalYear: number | undefined): Promise<DevelopmentPage> {
      // The supervisor, anyone above them, HR. A colleague or anyone else: 403.
      const relation = await deps.access.require(actor, supervisorId, ['self', 'supervisor', 'hr']);
      const supervisor = await knownPerson(deps.people, supervisorId);
      const year = fiscalYear ?? halfPeriodAt(deps.now()).fiscalYear;
      const direct = (await deps.people.reportsBelow(supervisorId))
        .filter((person) => person.depth === 1 && person.id !== supervisorId)
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja'));
      // Someone else's read of a person's record of supervision is a personnel read: audited as the
      // other reads of a person by their chain or HR are.
      if (relation !== 'self')
        await deps.audit.record({
          actorId: actor.id,
          subjectId: supervisorId,
          action: 'read',
          resource: 'development',
          details: { fiscalYear: year, relation },
        });
      const counts = await activity([supervisorId], year);
      const reports = direct.map((person) => ({
        ...summaryOf(person),
        ...(counts.get(pairKey(supervisorId, person.id)) ?? zero()),
      }));
      const level = deps.framework.levels.find((candidate) => candidate.id === supervisor.levelId);
      return {
        fiscalYear: year,
        supervisor: summaryOf(supervisor),
        roles: level ? level.roles.map((role) => ({ ja: role.ja, en: role.en })) : [],
        totals: reports.reduce<DevelopmentCounts>((sum, row) => addCounts(sum, row), zero()),
        reports,
      };
    },
    /**
     * HR's roll-up of a fiscal year: every supervisor in force today (anyone with a direct report), with
     * the same measures towards their direct reports, and the sums by 課 and by 部. Supervisors with
     * nothing counted stay in, and each group says how many they are. One audit row (no single subject).
     */
    async rollUp(
      actor: Actor,
      fiscalYear: number | undefined,
      action: AuditAction = 'read',
    ): Promise<DevelopmentRollUp> {
      if (!actor.isHr)
        throw new AppError('forbidden', 'Only HR (the personnel section) may read this roll-up.');
      const current = halfPeriodAt(deps.now()).fiscalYear;
      const year = fiscalYear ?? current;
      if (year < FIRST_FISCAL_YEAR || year > current)
        throw new AppError('validation_failed', 'Choose a fiscal year that has begun.', [
          {
            path: 'query.fiscalYear',
            message: `must be from ${FIRST_FISCAL_YEAR} to ${current} (the current fiscal year)`,
          },
        ]);
      const everyone = await deps.lines(jstDayOf(deps.now().getTime()));
      const byId = new Map(everyone.map((person) => [person.id, person]));
      const direct = new Map<string, string[]>();
      for (const person of everyone) {
        if (!person.managerId || person.managerId === person.id || !byId.has(person.managerId)) continue;
        direct.set(person.managerId, [...(direct.get(person.managerId) ?? []), person.id]);
      }
      const counts = await activity([...direct.keys()], year);
      const levelRank = new Map(deps.framework.levels.map((level, index) => [level.id, index]));
      const rank = (levelId: string | null) => levelRank.get(levelId ?? '') ?? levelRank.size;
      const text = (value: string | null) => value ?? '\uffff';
      const supervisors: DevelopmentSupervisorRow[] = [...direct.entries()]
        .map(([id, reports]) => {
          const person = byId.get(id)!;
          const total = reports.reduce<DevelopmentCounts>(
            (sum, reportId) => addCounts(sum, counts.get(pairKey(id, reportId)) ?? zero()),
            zero(),
          );
          return { ...summaryOf(person), division: person.division, directReports: reports.length, ...total };
        })
        .sort(
          (a, b) =>
            text(a.division).localeCompare(text(b.division), 'ja') ||
            text(a.department).localeCompare(text(b.department), 'ja') ||
            rank(a.levelId) - rank(b.levelId) ||
            a.displayName.localeCompare(b.displayName, 'ja'),
        );
      const group = (keyOf: (row: DevelopmentSupervisorRow) => [string | null, string | null]) => {
        const groups = new Map<string, DevelopmentGroupRow>();
        for (const row of supervisors) {
          const [division, department] = keyOf(row);
          const key = `${division ?? ''}\u0000${department ?? ''}`;
          const found = groups.get(key) ?? {
            division,
            department,
            supervisors: 0,
            inactive: 0,
            directReports: 0,
            ...zero(),
          };
          groups.set(key, {
            ...found,
            ...addCounts(found, row),
            supervisors: found.supervisors + 1,
            inactive: found.inactive + (isIdle(countsOf(row)) ? 1 : 0),
            directReports: found.directReports + row.directReports,
          });
        }
        return [...groups.values()];
      };
      const rollUp: DevelopmentRollUp = {
        fiscalYear: year,
        supervisors,
        departments: group((row) => [row.division, row.department]),
        divisions: group((row) => [row.division, null]),
        totals: supervisors.reduce<DevelopmentCounts>((sum, row) => addCounts(sum, row), zero()),
      };
      await deps.audit.record({
        actorId: actor.id,
        subjectId: null,
        action,
        resource: 'development-rollup',
        details: { fiscalYear: year, supervisors: supervisors.length },
      });
      return rollUp;
    },
    activity,
  };
}

export type DevelopmentService = ReturnType<typeof createDevelopmentService>;
