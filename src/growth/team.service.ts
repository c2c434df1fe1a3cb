import { and, count, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import type { Framework } from '../framework/framework.schema.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { halfPeriodAt } from '../shared/fiscal-period.ts';
import { careerPrompts } from './career.schema.ts';
import { goals } from './goal.schema.ts';
import { feedbackStateColumns, feedbackStateOf } from './self-check-feedback-state.ts';
import { selfChecks } from './self-check.schema.ts';
import type { CareerPrompt, TeamMember, TeamResponse } from './team.contract.ts';

/** Where each person stands with one-on-ones (the interviews slice answers). */
export interface InterviewStatusSource {
  statusOf(
    personIds: string[],
    fiscalYear: number,
    now: Date,
  ): Promise<Map<string, NonNullable<TeamMember['interview']>>>;
  /** When each standing career interview of these people starts (booked or being put into Outlook). */
  careerInterviewStarts(personIds: string[]): Promise<Array<{ personId: string; startsAt: Date }>>;
}

export interface TeamDependencies {
  db: Db;
  interviews: InterviewStatusSource;
  framework: Framework;
  people: Pick<PeopleStore, 'reportsBelow'>;
  audit: AuditLog;
  now: () => Date;
}

/**
 * The supervisor's view (policy 7(4)): everyone below the caller with where they stand this half-year
 * and fiscal year. Being below the caller is the permission itself — the list is built from the
 * caller's own reporting lines, so nobody outside the chain can appear.
 */
export function createTeamService(deps: TeamDependencies) {
  const { db } = deps;
  const levelRank = new Map(deps.framework.levels.map((level, index) => [level.id, index]));

  /**
   * One query for the whole team: the state of each member's self-check of the period, by the rule the
   * home shares (self-check-feedback-state.ts): 「フィードバック済み」 only once the supervisor marked their
   * feedback complete; until then a submitted one shows how many items have a comment.
   */
  const selfCheckStates = async (
    ids: string[],
    period: string,
  ): Promise<Map<string, Pick<TeamMember, 'selfCheck' | 'selfCheckFeedback'>>> => {
    const rows = await db
      .select({ personId: selfChecks.personId, ...feedbackStateColumns })
      .from(selfChecks)
      .where(and(inArray(selfChecks.personId, ids), eq(selfChecks.period, period)));
    return new Map(rows.map((row) => [row.personId, feedbackStateOf(row, deps.framework)]));
  };

  /** One query for the whole team: how many goals each member set for the fiscal year. */
  const goalCounts = async (ids: string[], fiscalYear: number): Promise<Map<string, number>> => {
    const rows = await db
      .select({ personId: goals.personId, n: count() })
      .from(goals)
      .where(and(inArray(goals.personId, ids), eq(goals.fiscalYear, fiscalYear)))
      .groupBy(goals.personId);
    return new Map(rows.map((row) => [row.personId, row.n]));
  };

  /**
   * The open career milestone prompts of the team, oldest first: a prompt closes once a career interview
   * with the person is booked to start after it was prompted (docs/growth.md, "Career milestones").
   */
  const openPrompts = async (ids: string[]): Promise<Map<string, CareerPrompt[]>> => {
    const [rows, booked] = await Promise.all([
      db
        .select()
        .from(careerPrompts)
        .where(inArray(careerPrompts.personId, ids))
        .orderBy(careerPrompts.dueOn),
      deps.interviews.careerInterviewStarts(ids),
    ]);
    const found = new Map<string, CareerPrompt[]>();
    for (const row of rows) {
      const closed = booked.some(
        (interview) => interview.personId === row.personId && interview.startsAt >= row.promptedAt,
      );
      if (closed) continue;
      const { id, kind, years, dueOn } = row;
      found.set(row.personId, [...(found.get(row.personId) ?? []), { id, kind, years, dueOn }]);
    }
    return found;
  };

  return {
    async overview(actor: Actor): Promise<TeamResponse> {
      const { id: period, fiscalYear } = halfPeriodAt(deps.now());
      const below = await deps.people.reportsBelow(actor.id);

      // A loop in the directory's reporting lines (A manages B manages A) would bring people back at
      // deeper levels, the caller among them: keep each person once, at their nearest depth.
      const seen = new Set([actor.id]);
      const byDepth = new Map<number, typeof below>();
      for (const person of [...below].sort((a, b) => a.depth - b.depth)) {
        if (seen.has(person.id)) continue;
        seen.add(person.id);
        const group = byDepth.get(person.depth) ?? [];
        group.push(person);
        byDepth.set(person.depth, group);
      }

      // Direct reports first, then each deeper level grouped under its manager's place in the list
      // above, so a 課長 reads 係長 A's team, then 係長 B's; inside a group by level, then name.
      const position = new Map<string, number>();
      const rank = (levelId: string | null) => levelRank.get(levelId ?? '') ?? levelRank.size;
      const sorted: typeof below = [];
      for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
        const level = byDepth
          .get(depth)!
          .sort(
            (a, b) =>
              (position.get(a.managerId ?? '') ?? 0) - (position.get(b.managerId ?? '') ?? 0) ||
              rank(a.levelId) - rank(b.levelId) ||
              a.displayName.localeCompare(b.displayName, 'ja'),
          );
        for (const person of level) {
          sorted.push(person);
          position.set(person.id, sorted.length);
        }
      }

      const ids = sorted.map((person) => person.id);
      // One row for the whole overview: it shows every member's progress at once. Written for an empty
      // team too: that someone opened the team view (say, a former supervisor checking whether they
      // still see their old staff) is itself part of the trail.
      await deps.audit.record({
        actorId: actor.id,
        subjectId: null,
        action: 'read',
        resource: 'team',
        details: { period, fiscalYear, members: ids.length },
      });
      if (ids.length === 0) return { period, fiscalYear, members: [] };
      const [states, counts, interviews, prompts] = await Promise.all([
        selfCheckStates(ids, period),
        goalCounts(ids, fiscalYear),
        deps.interviews.statusOf(ids, fiscalYear, deps.now()),
        openPrompts(ids),
      ]);
      const members: TeamMember[] = sorted.map((person) => ({
        id: person.id,
        displayName: person.displayName,
        jobTitle: person.jobTitle,
        levelId: person.levelId,
        department: person.department,
        managerId: person.managerId,
        depth: person.depth,
        selfCheck: states.get(person.id)?.selfCheck ?? 'none',
        selfCheckFeedback: states.get(person.id)?.selfCheckFeedback ?? null,
        goals: counts.get(person.id) ?? 0,
        interview: interviews.get(person.id) ?? null,
        careerPrompts: prompts.get(person.id) ?? [],
      }));
      return { period, fiscalYear, members };
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
