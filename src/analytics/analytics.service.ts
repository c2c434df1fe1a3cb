import type { Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { FIRST_FISCAL_YEAR, fiscalYearBounds as yearBounds, halfPeriodAt } from '../shared/fiscal-period.ts';
import { JST_OFFSET_MS } from '../shared/japan-time.ts';
import { AppError } from '../http/app-error.ts';
import {
  INTERVIEW_TYPES,
  MIN_GROUP_SIZE,
  UNKNOWN_LEVEL,
  type AnalyticsYearQuery,
  type CompetencyQuery,
  type CompetencyReport,
  type CompetencyRow,
  type CompletionQuery,
  type CompletionReport,
  type CompletionRow,
  type CourseCount,
  type DemandReport,
  type InterviewTypeId,
  type SessionSubmission,
  type SubmissionReport,
  type WantedCourse,
  type WantedDepartment,
  type WantedLevel,
  type WantedReport,
} from './analytics.contract.ts';
import type { AnalyticsStore } from './analytics.store.ts';

/** A fiscal year and its bounds as instants: 1 April 00:00 Japan time, 1 October, the next 1 April. */
interface YearBounds {
  fiscalYear: number;
  from: Date;
  secondHalf: Date;
  to: Date;
}

/** The fiscal year's bounds as instants: 1 April 00:00 Japan time to the next 1 April. */
export function fiscalYearBounds(fiscalYear: number): Omit<YearBounds, 'fiscalYear'> {
  const { from, to } = yearBounds(fiscalYear);
  return { from, secondHalf: new Date(Date.UTC(fiscalYear, 9, 1) - JST_OFFSET_MS), to };
}

/**
 * What JavaScript's String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), so that
 * PostgreSQL's btrim decides "wrote something" exactly as the free-text report does in Node.
 */
export const JS_WHITESPACE =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** Refuses anyone but HR: every roll-up is made from personnel data of many people. */
export function requireHr(actor: Actor): void {
  if (!actor.isHr)
    throw new AppError('forbidden', 'Only HR (the personnel section) may read these roll-ups.');
}

/** The fiscal year a roll-up is asked for (default the current one), once the actor is known to be HR. */
export function hrFiscalYear(actor: Actor, fiscalYear: number | undefined, now: Date): number {
  requireHr(actor);
  const current = halfPeriodAt(now).fiscalYear;
  const year = fiscalYear ?? current;
  if (year < FIRST_FISCAL_YEAR || year > current)
    throw new AppError('validation_failed', 'Choose a fiscal year that has begun.', [
      {
        path: 'query.fiscalYear',
        message: `must be from ${FIRST_FISCAL_YEAR} to ${current} (the current fiscal year)`,
      },
    ]);
  return year;
}

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

type AuditAction = 'read' | 'export';

export interface AnalyticsDependencies {
  store: AnalyticsStore;
  framework: Framework;
  audit: AuditLog;
  now: () => Date;
}

type PersonInfo = Awaited<ReturnType<AnalyticsStore['people']>>[number];

/**
 * HR's roll-ups: aggregates only, read-only. Every read is HR-only and audited, because each figure is
 * made from personnel data of many people; where a group is small enough that a figure would tell about
 * one person (free text, competency averages) it is withheld below MIN_GROUP_SIZE.
 */
export function createAnalyticsService(deps: AnalyticsDependencies) {
  const { store, framework } = deps;
  const levelOrder = new Map(framework.levels.map((level, index) => [level.id, index]));

  const hrYear = (actor: Actor, fiscalYear: number | undefined) =>
    hrFiscalYear(actor, fiscalYear, deps.now());

  const audit = async (
    actor: Actor,
    action: AuditAction,
    resource: string,
    details: Record<string, unknown>,
  ) => {
    // One row per roll-up: it is made from everyone's data at once, so it names no single subject.
    await deps.audit.record({ actorId: actor.id, subjectId: null, action, resource, details });
  };

  /**
   * A roll-up of one fiscal year (the current one unless asked): HR only, the year checked, built from the
   * year and its bounds, then audited under `resource` with the year and what `details` picks from it.
   */
  const yearRollUp =
    <Query extends AnalyticsYearQuery, Report>(
      resource: string,
      build: (year: YearBounds, query: Query) => Promise<Report>,
      details: (report: Report) => Record<string, unknown>,
    ) =>
    async (actor: Actor, query: Query, action: AuditAction = 'read'): Promise<Report> => {
      const fiscalYear = hrYear(actor, query.fiscalYear);
      const report = await build({ fiscalYear, ...fiscalYearBounds(fiscalYear) }, query);
      await audit(actor, action, resource, { fiscalYear, ...details(report) });
      return report;
    };

  const peopleById = async () => new Map((await store.people()).map((person) => [person.id, person]));
  const levelOf = (person: PersonInfo | undefined) => person?.levelId ?? UNKNOWN_LEVEL;
  const sortLevels = (ids: Iterable<string>) =>
    [...ids].sort((a, b) => (levelOrder.get(a) ?? levelOrder.size) - (levelOrder.get(b) ?? levelOrder.size));

  /** One course of the demand tables: its catalog row's titles, and people per level in level order. */
  const wantedCourse = (
    courseRows: Awaited<ReturnType<AnalyticsStore['courses']>>,
    courseId: string,
    people: number,
    perLevel: Map<string, number>,
  ): WantedCourse => {
    const row = courseRows.find((candidate) => candidate.id === courseId);
    return {
      courseId,
      title: { ja: row?.titleJa ?? courseId, en: row?.titleEn ?? null },
      category: row?.category ?? '',
      archived: row ? row.archivedAt !== null : true,
      people,
      byLevel: Object.fromEntries(
        sortLevels(perLevel.keys()).map((levelId) => [levelId, perLevel.get(levelId) ?? 0]),
      ),
    };
  };
  /** 部 first, then 課, in Japanese collation; the unnamed group last. */
  const byDivisionThenName = <T extends { division: string | null; name: string }>(a: T, b: T) =>
    (a.name === '' ? 1 : 0) - (b.name === '' ? 1 : 0) ||
    (a.division ?? '').localeCompare(b.division ?? '', 'ja') ||
    a.name.localeCompare(b.name, 'ja');

  const counts = (tally: Map<string, Set<string>>): CourseCount[] =>
    [...tally.entries()]
      .map(([courseId, peopleSet]) => ({ courseId, people: peopleSet.size }))
      .sort((a, b) => b.people - a.people || a.courseId.localeCompare(b.courseId));

  const tallyAdd = (tally: Map<string, Set<string>>, key: string, personId: string) => {
    const set = tally.get(key) ?? new Set<string>();
    set.add(personId);
    tally.set(key, set);
  };

  const wantedOf = async (fiscalYear: number): Promise<WantedReport> => {
    const { from, to } = fiscalYearBounds(fiscalYear);
    const sessions = await store.sessionsStarting(from, to);
    const reports = await store.submittedReports(sessions.map((session) => session.id));
    const persons = await peopleById();

    // Per person: the courses they picked (across all their reports) and what they wrote.
    const picks = new Map<string, Set<string>>();
    const texts = new Map<string, string[]>();
    for (const report of reports) {
      const own = picks.get(report.personId) ?? new Set<string>();
      for (const courseId of report.wantedCourseIds) own.add(courseId);
      picks.set(report.personId, own);
      const text = report.wantedText.trim();
      if (text) texts.set(report.personId, [...(texts.get(report.personId) ?? []), text]);
    }
    const respondents = [...picks.keys()];

    const courseTally = new Map<string, Set<string>>();
    const courseByLevel = new Map<string, Map<string, Set<string>>>();
    type LevelTally = {
      respondents: Set<string>;
      writers: Set<string>;
      pickers: Set<string>;
      tally: Map<string, Set<string>>;
    };
    const newLevel = (): LevelTally => ({
      respondents: new Set(),
      writers: new Set(),
      pickers: new Set(),
      tally: new Map(),
    });
    const levels = new Map<string, LevelTally>();
    const departments = new Map<
      string,
      {
        division: string | null;
        respondents: Set<string>;
        writers: Set<string>;
        texts: string[];
        tally: Map<string, Set<string>>;
      }
    >();
    for (const level of framework.levels) levels.set(level.id, newLevel());

    for (const personId of respondents) {
      const person = persons.get(personId);
      const levelId = levelOf(person);
      const departmentName = person?.department ?? '';
      const level = levels.get(levelId) ?? newLevel();
      levels.set(levelId, level);
      const department = departments.get(departmentName) ?? {
        division: person?.division ?? null,
        respondents: new Set<string>(),
        writers: new Set<string>(),
        texts: [],
        tally: new Map<string, Set<string>>(),
      };
      departments.set(departmentName, department);
      level.respondents.add(personId);
      department.respondents.add(personId);
      const written = texts.get(personId);
      if (written) {
        level.writers.add(personId);
        department.writers.add(personId);
        department.texts.push(...written);
      }
      if ((picks.get(personId)?.size ?? 0) > 0) level.pickers.add(personId);
      for (const courseId of picks.get(personId) ?? []) {
        tallyAdd(courseTally, courseId, personId);
        tallyAdd(level.tally, courseId, personId);
        tallyAdd(department.tally, courseId, personId);
        const perLevel = courseByLevel.get(courseId) ?? new Map<string, Set<string>>();
        tallyAdd(perLevel, levelId, personId);
        courseByLevel.set(courseId, perLevel);
      }
    }

    const courseRows = await store.courses([...courseTally.keys()]);
    const courses: WantedCourse[] = counts(courseTally).map(({ courseId, people }) =>
      wantedCourse(
        courseRows,
        courseId,
        people,
        new Map(
          [...(courseByLevel.get(courseId) ?? new Map<string, Set<string>>())].map(([levelId, ids]) => [
            levelId,
            ids.size,
          ]),
        ),
      ),
    );

    const levelRows: WantedLevel[] = sortLevels(levels.keys()).map((levelId) => {
      const level = levels.get(levelId)!;
      return {
        levelId,
        respondents: level.respondents.size,
        writers: level.writers.size,
        pickers: level.pickers.size,
        courses: counts(level.tally),
      };
    });

    const departmentRows: WantedDepartment[] = [...departments.entries()]
      .map(([name, department]) => ({ name, ...department }))
      .sort(byDivisionThenName)
      .map((department) => {
        const shown = department.writers.size >= MIN_GROUP_SIZE;
        return {
          department: department.name,
          division: department.division,
          respondents: department.respondents.size,
          writers: department.writers.size,
          courses: counts(department.tally),
          // Sorted, so the order says nothing about who wrote which or when.
          texts: shown ? [...department.texts].sort((a, b) => a.localeCompare(b, 'ja')) : null,
          hidden: !shown && department.writers.size > 0,
        };
      });

    return {
      fiscalYear,
      minGroupSize: MIN_GROUP_SIZE,
      respondents: respondents.length,
      courses,
      levels: levelRows,
      departments: departmentRows,
    };
  };

  return {
    /** Submission rate per ended session of the fiscal year: attended, submitted, rate. */
    submission: yearRollUp(
      'analytics.reports.submission',
      async ({ fiscalYear, from, to }): Promise<SubmissionReport> => {
        const sessions = await store.endedSessions(from, to, deps.now());
        const ids = sessions.map((session) => session.id);
        const [attendances, reports, courseRows] = await Promise.all([
          store.attendances(ids),
          store.submittedReports(ids),
          store.courses([...new Set(sessions.map((session) => session.courseId))]),
        ]);
        const submittedKeys = new Set(reports.map((report) => `${report.sessionId}/${report.personId}`));
        // Counted in one pass, so a year of sessions is not a scan of every attendance per session.
        const tally = new Map<string, { attended: number; submitted: number }>();
        for (const row of attendances) {
          const seen = tally.get(row.sessionId) ?? { attended: 0, submitted: 0 };
          seen.attended += 1;
          if (submittedKeys.has(`${row.sessionId}/${row.personId}`)) seen.submitted += 1;
          tally.set(row.sessionId, seen);
        }
        const courseById = new Map(courseRows.map((course) => [course.id, course]));
        const rows: SessionSubmission[] = sessions.map((session) => {
          const seen = tally.get(session.id) ?? { attended: 0, submitted: 0 };
          const course = courseById.get(session.courseId);
          return {
            sessionId: session.id,
            courseId: session.courseId,
            courseTitle: { ja: course?.titleJa ?? '', en: course?.titleEn ?? null },
            workplaceDepartment: course?.scope === 'workplace' ? (course.ownerDepartment ?? '') : null,
            start: session.startsAt.toISOString(),
            end: session.endsAt.toISOString(),
            attended: seen.attended,
            submitted: seen.submitted,
            rate: ratio(seen.submitted, seen.attended),
          };
        });
        const totalsOf = (of: SessionSubmission[]) => {
          const attended = of.reduce((sum, row) => sum + row.attended, 0);
          const submitted = of.reduce((sum, row) => sum + row.submitted, 0);
          return { attended, submitted, rate: ratio(submitted, attended) };
        };
        return {
          fiscalYear,
          sessions: rows,
          totals: totalsOf(rows),
          byScope: {
            catalog: totalsOf(rows.filter((row) => row.workplaceDepartment === null)),
            workplace: totalsOf(rows.filter((row) => row.workplaceDepartment !== null)),
          },
        };
      },
      (report) => ({ sessions: report.sessions.length }),
    ),

    /** 今後受けたい研修 of the year's submitted reports, by course, level and 課 (free text from 3 writers). */
    async wanted(
      actor: Actor,
      query: AnalyticsYearQuery,
      action: AuditAction = 'read',
      table?: string,
    ): Promise<WantedReport> {
      const fiscalYear = hrYear(actor, query.fiscalYear);
      const report = await wantedOf(fiscalYear);
      await audit(actor, action, 'analytics.reports.wanted', {
        fiscalYear,
        respondents: report.respondents,
        ...(table ? { table } : {}),
        // Which 課's free text HR was shown: the audit trail of personal text.
        textsShownFor: report.departments
          .filter((department) => department.texts !== null)
          .map((department) => department.department),
      });
      return report;
    },

    /** Training demand for the dashboard: the wanted courses with their level breakdown. */
    demand: yearRollUp(
      'analytics.dashboards.demand',
      async ({ fiscalYear, from, to }): Promise<DemandReport> => {
        // Counted in PostgreSQL: Node holds one row per level and per course and level.
        const counted = await store.demandCounts({
          from,
          to,
          unknownLevel: UNKNOWN_LEVEL,
          whitespace: JS_WHITESPACE,
        });
        const byCourse = new Map<string, Map<string, number>>();
        for (const row of counted.courses) {
          const perLevel = byCourse.get(row.course_id) ?? new Map<string, number>();
          perLevel.set(row.level_id, row.people);
          byCourse.set(row.course_id, perLevel);
        }
        const courseRows = await store.courses([...byCourse.keys()]);
        const courses: WantedCourse[] = [...byCourse.entries()]
          .map(([courseId, perLevel]) => ({
            courseId,
            people: [...perLevel.values()].reduce((sum, people) => sum + people, 0),
            perLevel,
          }))
          .sort((a, b) => b.people - a.people || a.courseId.localeCompare(b.courseId))
          .map(({ courseId, people, perLevel }) => wantedCourse(courseRows, courseId, people, perLevel));
        const levelIds = framework.levels.map((level) => level.id);
        if (counted.levels.some((level) => level.level_id === UNKNOWN_LEVEL && level.respondents > 0))
          levelIds.push(UNKNOWN_LEVEL);
        return {
          fiscalYear,
          levelIds,
          courses,
          respondents: counted.levels.reduce((sum, level) => sum + level.respondents, 0),
          writers: counted.levels.reduce((sum, level) => sum + level.writers, 0),
          pickers: counted.levels.reduce((sum, level) => sum + level.pickers, 0),
        };
      },
      (report) => ({ courses: report.courses.length }),
    ),

    /** Completion per 課 (or 部) for the fiscal year: self-checks, goals, interviews, training reports. */
    completion: yearRollUp(
      'analytics.dashboards.completion',
      async ({ fiscalYear, from, to, secondHalf }, query: CompletionQuery): Promise<CompletionReport> => {
        const now = deps.now();
        const halves = { h1: now >= from, h2: now >= secondHalf };
        // Counted in PostgreSQL: Node holds one row per group, never one per person.
        const counted = await store.completionCounts({ groupBy: query.groupBy, fiscalYear, from, to, now });

        const empty = (): Omit<CompletionRow, 'group' | 'division'> => ({
          staff: 0,
          selfChecks: { h1: halves.h1 ? 0 : null, h2: halves.h2 ? 0 : null },
          goals: 0,
          interviews: Object.fromEntries(
            INTERVIEW_TYPES.map((type) => [type, { held: 0, booked: 0 }]),
          ) as Record<InterviewTypeId, { held: number; booked: number }>,
          reports: { due: 0, submitted: 0 },
        });
        const rows = new Map<string, CompletionRow>();
        const totals = empty();
        const rowsOf = (group: string) => {
          const row = rows.get(group);
          return row ? [row, totals] : [];
        };
        for (const group of counted.groups) {
          rows.set(group.grp, {
            group: group.grp,
            division: query.groupBy === 'division' ? null : group.division,
            ...empty(),
            staff: group.staff,
          });
          totals.staff += group.staff;
        }
        for (const check of counted.checks)
          for (const target of rowsOf(check.grp))
            for (const half of ['h1', 'h2'] as const)
              if (check[half] > 0) target.selfChecks[half] = (target.selfChecks[half] ?? 0) + check[half];
        for (const setter of counted.setters)
          for (const target of rowsOf(setter.grp)) target.goals += setter.goals;
        for (const interview of counted.held) {
          if (!(INTERVIEW_TYPES as readonly string[]).includes(interview.type)) continue;
          const type = interview.type as InterviewTypeId;
          for (const target of rowsOf(interview.grp)) {
            target.interviews[type].held += interview.held;
            target.interviews[type].booked += interview.booked;
          }
        }
        for (const report of counted.reports) {
          for (const target of rowsOf(report.grp)) {
            target.reports.due += report.due;
            target.reports.submitted += report.submitted;
          }
        }
        const sorted = [...rows.values()]
          .map((row) => ({ ...row, name: row.group }))
          .sort(byDivisionThenName)
          .map(({ name: _name, ...row }) => row);
        return { fiscalYear, groupBy: query.groupBy, halves, rows: sorted, totals };
      },
      (report) => ({ groupBy: report.groupBy, groups: report.rows.length }),
    ),

    /**
     * The competency picture: the average self-assessed rating per competency from each person's latest
     * submitted self-check, by level or by 課. A cell of fewer than MIN_GROUP_SIZE people carries no
     * average at all, so no single person's rating can be read off it.
     */
    async competencies(
      actor: Actor,
      query: CompetencyQuery,
      action: AuditAction = 'read',
    ): Promise<CompetencyReport> {
      requireHr(actor);
      const competencyIds = framework.competencies.map((competency) => competency.id);
      // Aggregated in PostgreSQL: one row per group and competency comes back, and the sum of a cell of
      // fewer than MIN_GROUP_SIZE ratings stays there.
      const { cells, departments } = await store.competencyPicture({
        groupBy: query.groupBy,
        competencyIds,
        minGroupSize: MIN_GROUP_SIZE,
        unknownLevel: UNKNOWN_LEVEL,
      });

      type Group = { people: number; sums: Map<string, { n: number; sum: number | null }> };
      const newGroup = (): Group => ({ people: 0, sums: new Map() });
      const groups = new Map<string, Group>();
      // Every level, and every 課 of the staff, is a row even when empty: HR sees where nothing is known.
      if (query.groupBy === 'level') for (const level of framework.levels) groups.set(level.id, newGroup());
      else
        for (const department of departments) if (department.staffed) groups.set(department.name, newGroup());

      for (const cell of cells) {
        const group = groups.get(cell.key) ?? newGroup();
        groups.set(cell.key, group);
        group.people = cell.people;
        if (cell.competency_id !== null)
          group.sums.set(cell.competency_id, { n: cell.n ?? 0, sum: cell.sum });
      }
      const divisionOf = new Map(departments.map((department) => [department.name, department.division]));
      const keys =
        query.groupBy === 'level'
          ? sortLevels(groups.keys())
          : [...groups.keys()]
              .map((name) => ({ name, division: divisionOf.get(name) ?? null }))
              .sort(byDivisionThenName)
              .map((entry) => entry.name);
      const rows: CompetencyRow[] = keys.map((key) => {
        const group = groups.get(key)!;
        return {
          group: key,
          people: group.people,
          cells: Object.fromEntries(
            competencyIds.map((competencyId) => {
              const cell = group.sums.get(competencyId) ?? { n: 0, sum: null };
              return [
                competencyId,
                {
                  n: cell.n,
                  average:
                    cell.n >= MIN_GROUP_SIZE && cell.sum !== null
                      ? Math.round((cell.sum / cell.n) * 100) / 100
                      : null,
                },
              ];
            }),
          ),
        };
      });
      await audit(actor, action, 'analytics.dashboards.competencies', {
        groupBy: query.groupBy,
        groups: rows.length,
      });
      return { groupBy: query.groupBy, minGroupSize: MIN_GROUP_SIZE, competencyIds, rows };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
