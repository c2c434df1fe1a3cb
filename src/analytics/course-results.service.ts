import type { Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import { AppError } from '../http/app-error.ts';
import { SATISFACTION_MAX, SATISFACTION_MIN } from '../reports/report.contract.ts';
import { MIN_GROUP_SIZE } from './analytics.contract.ts';
import { fiscalYearBounds, hrFiscalYear } from './analytics.service.ts';
import type {
  BeforeAfterResult,
  CourseResults,
  CourseResultsQuery,
  FollowUpExample,
  FollowUpResult,
  SatisfactionResult,
} from './course-results.contract.ts';
import type { CourseResultsStore } from './course-results.store.ts';

const ANSWER_ORDER = { applied: 0, partly: 1, notYet: 2 } as const;

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/** Nobody, or fewer than MIN_GROUP_SIZE: the block says which and nothing more. */
const withheld = (people: number) =>
  people === 0 ? { state: 'none' as const } : { state: 'hidden' as const };

export interface CourseResultsDependencies {
  store: CourseResultsStore;
  audit: AuditLog;
  now: () => Date;
}

/**
 * HR's results of one course over a fiscal year (研修効果): satisfaction, the follow-up answers, and the
 * self-ratings of the competencies it develops before and after. HR only and audited like every roll-up;
 * each block is withheld below MIN_GROUP_SIZE people, the same threshold as the dashboards'.
 */
export function createCourseResultsService(deps: CourseResultsDependencies) {
  const { store } = deps;

  const satisfactionOf = (
    rows: Awaited<ReturnType<CourseResultsStore['satisfaction']>>,
  ): SatisfactionResult => {
    const raters = rows[0]?.raters ?? 0;
    if (raters < MIN_GROUP_SIZE) return withheld(raters);
    const people = new Map(rows.map((row) => [row.rating, row.people ?? 0]));
    const distribution = [];
    for (let rating = SATISFACTION_MIN; rating <= SATISFACTION_MAX; rating += 1)
      distribution.push({ rating, people: people.get(rating) ?? 0 });
    const sum = distribution.reduce((total, entry) => total + entry.rating * entry.people, 0);
    return { state: 'shown', raters, mean: twoDecimals(sum / raters), distribution };
  };

  const answersOf = (rows: Awaited<ReturnType<CourseResultsStore['followUpAnswers']>>): FollowUpResult => {
    const answered = rows[0]?.answered ?? 0;
    if (answered < MIN_GROUP_SIZE) return withheld(answered);
    const counts = { applied: 0, partly: 0, notYet: 0 };
    const examples: FollowUpExample[] = [];
    for (const row of rows) {
      if (row.answer === null) continue;
      counts[row.answer] += 1;
      const text = row.text?.trim();
      if (text) examples.push({ answer: row.answer, text });
    }
    // Sorted, so the order says nothing about who wrote which or when.
    examples.sort(
      (a, b) => ANSWER_ORDER[a.answer] - ANSWER_ORDER[b.answer] || a.text.localeCompare(b.text, 'ja'),
    );
    return { state: 'shown', answered, counts, examples };
  };

  const beforeAfterOf = (
    competencyIds: string[],
    rows: Awaited<ReturnType<CourseResultsStore['beforeAfter']>>,
  ): CourseResults['beforeAfter'] => {
    const byCompetency = new Map(rows.map((row) => [row.competency_id, row]));
    return [...new Set(competencyIds)].map((competencyId) => {
      const row = byCompetency.get(competencyId);
      const people = row?.people ?? 0;
      const result: BeforeAfterResult =
        row && people >= MIN_GROUP_SIZE && row.before !== null && row.after !== null
          ? {
              state: 'shown',
              people,
              before: twoDecimals(Number(row.before)),
              after: twoDecimals(Number(row.after)),
              change: twoDecimals(Number(row.after) - Number(row.before)),
            }
          : withheld(people);
      return { competencyId, result };
    });
  };

  return {
    async results(
      actor: Actor,
      courseId: string,
      query: CourseResultsQuery,
      action: 'read' | 'export' = 'read',
    ): Promise<CourseResults> {
      const fiscalYear = hrFiscalYear(actor, query.fiscalYear, deps.now());
      const course = await store.course(courseId);
      if (!course) throw new AppError('not_found', 'No such course.');
      const { from, to } = fiscalYearBounds(fiscalYear);
      const period = { courseId, from, to, minGroupSize: MIN_GROUP_SIZE };
      const [counts, satisfaction, answers, beforeAfter] = await Promise.all([
        store.counts(period),
        store.satisfaction(period),
        store.followUpAnswers(period),
        store.beforeAfter(period),
      ]);
      const results: CourseResults = {
        courseId,
        title: { ja: course.titleJa, en: course.titleEn },
        fiscalYear,
        minGroupSize: MIN_GROUP_SIZE,
        sessions: counts.sessions,
        attendees: counts.attendees,
        satisfaction: satisfactionOf(satisfaction),
        followUps: { asked: counts.asked, observations: counts.observations, answers: answersOf(answers) },
        beforeAfter: beforeAfterOf(course.competencyIds, beforeAfter),
      };
      // One row per read, naming no single subject (it is made from many people's data), with what HR
      // was shown: which blocks, and how many of the attendees' examples.
      await deps.audit.record({
        actorId: actor.id,
        subjectId: null,
        action,
        resource: 'analytics.training.course-results',
        details: {
          fiscalYear,
          courseId,
          satisfaction: results.satisfaction.state,
          followUps: results.followUps.answers.state,
          examplesShown:
            results.followUps.answers.state === 'shown' ? results.followUps.answers.examples.length : 0,
          beforeAfterShown: results.beforeAfter
            .filter((row) => row.result.state === 'shown')
            .map((row) => row.competencyId),
        },
      });
      return results;
    },
  };
}

export type CourseResultsService = ReturnType<typeof createCourseResultsService>;
