import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { uuidParam } from '../http/params.ts';
import type { RouteDefinition } from '../http/route.ts';
import { hrRouteGroup } from '../http/route-kinds.ts';
import { CSV_CONTENT_TYPE, csvResult, type CsvCell } from '../shared/csv.ts';
import type { CsvLanguage } from './analytics.contract.ts';
import {
  courseResultsCsvQuerySchema,
  courseResultsQuerySchema,
  courseResultsSchema,
  type CourseResults,
} from './course-results.contract.ts';
import type { CourseResultsService } from './course-results.service.ts';

const params = z.object({ courseId: uuidParam });
const notFound = { 404: { description: 'No such course' } };

const LABELS = {
  ja: {
    block: '項目',
    item: '内容',
    value: '値',
    people: '人数',
    sessions: '研修回数',
    attendees: '受講者数',
    satisfaction: '満足度',
    mean: '平均',
    rating: (rating: number) => `評価 ${rating}`,
    followUps: '業務への反映',
    asked: '質問した受講者数',
    answered: '回答',
    observations: '上司の所見（件数のみ）',
    answers: { applied: 'できた', partly: '一部できた', notYet: 'まだ' },
    example: (answer: string) => `事例（${answer}）`,
    beforeAfter: '自己評価の変化',
    before: '受講前の平均',
    after: '受講後の平均',
    change: '変化',
    hidden: (min: number) => `非表示（${min}人未満）`,
    none: '該当者なし',
  },
  en: {
    block: 'Block',
    item: 'Item',
    value: 'Value',
    people: 'People',
    sessions: 'Sessions',
    attendees: 'Attendees',
    satisfaction: 'Satisfaction',
    mean: 'Mean',
    rating: (rating: number) => `Rating ${rating}`,
    followUps: 'Applied in work',
    asked: 'Attendees asked',
    answered: 'Answers',
    observations: 'Supervisors’ observations (count only)',
    answers: { applied: 'Applied', partly: 'Partly', notYet: 'Not yet' },
    example: (answer: string) => `Example (${answer})`,
    beforeAfter: 'Change in self-rating',
    before: 'Mean before',
    after: 'Mean after',
    change: 'Change',
    hidden: (min: number) => `hidden (fewer than ${min})`,
    none: 'nobody',
  },
};

/** The results as one long table (block, item, value, people) for Excel; withheld blocks say so. */
export function courseResultsCsv(results: CourseResults, framework: Framework, language: CsvLanguage) {
  const label = LABELS[language];
  const title = language === 'en' ? (results.title.en ?? results.title.ja) : results.title.ja;
  const withheld = (state: 'none' | 'hidden') =>
    state === 'none' ? label.none : label.hidden(results.minGroupSize);
  const rows: CsvCell[][] = [
    [title, label.sessions, results.sessions, null],
    [title, label.attendees, results.attendees, null],
  ];
  const satisfaction = results.satisfaction;
  if (satisfaction.state === 'shown') {
    rows.push([label.satisfaction, label.mean, satisfaction.mean, satisfaction.raters]);
    for (const entry of satisfaction.distribution)
      rows.push([label.satisfaction, label.rating(entry.rating), null, entry.people]);
  } else rows.push([label.satisfaction, label.mean, withheld(satisfaction.state), null]);
  const followUps = results.followUps;
  rows.push([label.followUps, label.asked, null, followUps.asked]);
  rows.push([label.followUps, label.observations, null, followUps.observations]);
  if (followUps.answers.state === 'shown') {
    for (const answer of ['applied', 'partly', 'notYet'] as const)
      rows.push([label.followUps, label.answers[answer], null, followUps.answers.counts[answer]]);
    for (const example of followUps.answers.examples)
      rows.push([label.followUps, label.example(label.answers[example.answer]), example.text, null]);
  } else rows.push([label.followUps, label.answered, withheld(followUps.answers.state), null]);
  const competencyName = (id: string) =>
    framework.competencies.find((competency) => competency.id === id)?.name[language] ?? id;
  for (const { competencyId, result } of results.beforeAfter) {
    const name = `${label.beforeAfter}：${competencyName(competencyId)}`;
    if (result.state === 'shown')
      rows.push(
        [name, label.before, result.before, result.people],
        [name, label.after, result.after, result.people],
        [name, label.change, result.change, result.people],
      );
    else rows.push([name, label.change, withheld(result.state), null]);
  }
  return csvResult(
    `course-results-${results.fiscalYear}-${results.courseId}`,
    [label.block, label.item, label.value, label.people],
    rows,
  );
}

/** HR's results of one course (研修効果): JSON for the tab, and the same as CSV. */
export function courseResultsRoutes(service: CourseResultsService, framework: Framework): RouteDefinition[] {
  const route = hrRouteGroup({ tags: ['analytics'] });
  return [
    route({
      method: 'get',
      path: '/api/hr/training/courses/:courseId/results',
      operationId: 'getCourseResults',
      summary:
        'HR: one course’s results of the fiscal year — satisfaction, follow-up answers, self-ratings before and after (blocks under 3 people withheld)',
      request: { params, query: courseResultsQuerySchema },
      responses: { 200: { description: 'The results', schema: courseResultsSchema }, ...notFound },
      handler: async ({ user, params: { courseId }, query }) => ({
        body: await service.results(actorOf(user), courseId.toLowerCase(), query),
      }),
    }),
    route({
      method: 'get',
      path: '/api/hr/training/courses/:courseId/results.csv',
      operationId: 'exportCourseResults',
      summary: 'HR: one course’s results as CSV (withheld blocks say so)',
      request: { params, query: courseResultsCsvQuerySchema },
      responses: {
        200: {
          description: 'The results as CSV (UTF-8 with BOM)',
          schema: z.string(),
          contentType: CSV_CONTENT_TYPE,
        },
        ...notFound,
      },
      handler: async ({ user, params: { courseId }, query }) =>
        courseResultsCsv(
          await service.results(actorOf(user), courseId.toLowerCase(), query, 'export'),
          framework,
          query.lang,
        ),
    }),
  ];
}
