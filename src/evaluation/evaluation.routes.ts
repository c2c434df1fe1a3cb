import { z } from 'zod';
import { actorOf, type Actor } from '../auth/access.ts';
import { personParam, subjectOf } from '../http/params.ts';
import { recordGroup } from '../http/record-route.ts';
import { hrRouteGroup, paramsRead, queryRead } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import { CSV_CONTENT_TYPE, csvResult } from '../shared/csv.ts';
import { shiftJisCsvResult } from '../shared/csv-shift-jis.ts';
import {
  calibrationQuerySchema,
  calibrationViewSchema,
  evaluateeRowSchema,
  evaluateesQuerySchema,
  evaluationCsvQuerySchema,
  evaluationConfigSchema,
  evaluationFirstInputSchema,
  evaluationSecondInputSchema,
  evaluationVersionInputSchema,
  evaluationViewSchema,
  evaluatorOverrideInputSchema,
  evaluatorOverrideRowSchema,
  evaluatorOverrideViewSchema,
  evaluatorTrainingInputSchema,
  evaluatorTrainingRowSchema,
  evaluatorTrainingViewSchema,
} from './evaluation.contract.ts';
import type { EvaluationService } from './evaluation.service.ts';

const TAGS = ['evaluation'];

const fiscalYearParam = z
  .string()
  .regex(/^20\d{2}$/, 'must be a fiscal year, e.g. 2026')
  .transform(Number)
  .describe('Fiscal year (April to March), e.g. 2026 for 2026-04 to 2027-03')
  .meta({ examples: ['2026'] });

export function evaluationRoutes(service: EvaluationService): RouteDefinition[] {
  const route = routeGroup({ tags: TAGS, auth: 'user' });
  const hr = hrRouteGroup({ tags: TAGS });
  const form = recordGroup({
    tags: TAGS,
    path: '/api/people/:personId/evaluations/:fiscalYear',
    params: z.object({ personId: personParam, fiscalYear: fiscalYearParam }),
    errors: {
      403: {
        description:
          'Not the configured 1次/2次評価者 for this write; for a read, not the person, their chain or HR',
      },
      404: { description: 'No such person' },
    },
    target: (user, params): [actor: Actor, personId: string, fiscalYear: number] => {
      const subject = subjectOf(user, params.personId);
      return [subject.actor, subject.personId, params.fiscalYear];
    },
  });
  const conflict = {
    409: {
      description:
        'Confirmed (no more changes), not at this stage (the 1次 has not submitted, or already did), or changed meanwhile (version)',
    },
  };
  const yearParams = z.object({ fiscalYear: fiscalYearParam });
  const hrPerson = (suffix: 'evaluators' | 'trainings') =>
    recordGroup({
      tags: TAGS,
      path: `/api/hr/evaluations/:fiscalYear/${suffix}/:personId`,
      params: z.object({ fiscalYear: fiscalYearParam, personId: personParam }),
      errors: { 403: { description: 'Not HR' }, 404: { description: 'No such person' } },
      target: (user, params): [actor: Actor, personId: string, fiscalYear: number] => {
        const subject = subjectOf(user, params.personId);
        return [subject.actor, subject.personId, params.fiscalYear];
      },
    });
  return [
    route({
      method: 'get',
      path: '/api/evaluations/config',
      operationId: 'getEvaluationConfig',
      summary: 'The city’s 人事評価 scale and stages (configuration, docs/evaluation.md)',
      responses: { 200: { description: 'Scale and stages', schema: evaluationConfigSchema } },
      handler: async () => ({ body: service.config() }),
    }),
    queryRead(route, {
      path: '/api/evaluations',
      operationId: 'listEvaluatees',
      summary: 'The people I evaluate in the fiscal year (as 1次 or 2次), with where each evaluation stands',
      query: evaluateesQuerySchema,
      ok: { description: 'My evaluatees (empty for most)', schema: z.array(evaluateeRowSchema) },
      read: (actor, query) => service.evaluatees(actor, query.fiscalYear),
    }),
    queryRead(route, {
      path: '/api/evaluations/calibration',
      operationId: 'getEvaluationCalibration',
      summary:
        'The 調整 view of a 課 or 部: final ratings per item and overall, and outliers against self-checks (the 課長/部長 over its people, HR)',
      query: calibrationQuerySchema,
      ok: { description: 'Distribution and outliers', schema: calibrationViewSchema },
      errors: { 403: { description: 'Nobody of that 課 or 部 is below the caller (and not HR)' } },
      read: (actor, query) => service.calibration(actor, query),
    }),
    form({
      method: 'get',
      path: '',
      operationId: 'getEvaluation',
      summary:
        "A person's evaluation for a fiscal year (the evaluators, the chain and HR; the person sees the confirmed result only; others' reads audited)",
      ok: {
        description: 'The evaluation (status notStarted before the first save)',
        schema: evaluationViewSchema,
      },
      act: (actor, personId, fiscalYear) => service.get(actor, personId, fiscalYear),
    }),
    form({
      method: 'put',
      path: '/first',
      operationId: 'saveFirstEvaluation',
      summary: 'The 1次評価者 saves the draft ratings (each ● item and each goal of the year, with comments)',
      body: evaluationFirstInputSchema,
      ok: { description: 'Saved', schema: evaluationViewSchema },
      errors: conflict,
      act: (actor, personId, fiscalYear, body) => service.saveFirst(actor, personId, fiscalYear, body),
    }),
    form({
      method: 'post',
      path: '/submit',
      operationId: 'submitFirstEvaluation',
      summary: 'The 1次評価者 submits the evaluation to the 2次 (every item rated)',
      body: evaluationVersionInputSchema,
      ok: { description: 'Submitted', schema: evaluationViewSchema },
      errors: conflict,
      act: (actor, personId, fiscalYear, body) => service.submit(actor, personId, fiscalYear, body),
    }),
    form({
      method: 'put',
      path: '/second',
      operationId: 'saveSecondEvaluation',
      summary: 'The 2次評価者 adjusts ratings, each with a reason (the 1次 rating is kept beside it)',
      body: evaluationSecondInputSchema,
      ok: { description: 'Saved', schema: evaluationViewSchema },
      errors: conflict,
      act: (actor, personId, fiscalYear, body) => service.saveSecond(actor, personId, fiscalYear, body),
    }),
    form({
      method: 'post',
      path: '/confirm',
      operationId: 'confirmEvaluation',
      summary: 'The 2次評価者 confirms the evaluation: final, and shown to the person',
      body: evaluationVersionInputSchema,
      ok: { description: 'Confirmed', schema: evaluationViewSchema },
      errors: conflict,
      act: (actor, personId, fiscalYear, body) => service.confirm(actor, personId, fiscalYear, body),
    }),
    hr({
      method: 'get',
      path: '/api/hr/evaluations.csv',
      operationId: 'exportEvaluations',
      summary:
        'HR: the confirmed evaluations of a fiscal year as CSV for the 人事給与 system, one row per item (UTF-8 with BOM or Shift_JIS)',
      request: { query: evaluationCsvQuerySchema },
      responses: {
        200: {
          description:
            'The CSV (columns in docs/evaluation.md); Shift_JIS is Windows-31J, 〓 for what it cannot hold',
          schema: z.string(),
          contentType: CSV_CONTENT_TYPE,
        },
      },
      handler: async ({ user, query }) => {
        const table = await service.exportRows(actorOf(user), query.fiscalYear);
        return query.encoding === 'shift_jis'
          ? shiftJisCsvResult(table.name, table.header, table.rows)
          : csvResult(table.name, table.header, table.rows);
      },
    }),
    paramsRead(hr, {
      path: '/api/hr/evaluations/:fiscalYear/evaluators',
      operationId: 'listEvaluatorOverrides',
      summary: "HR: the fiscal year's evaluator overrides, with the evaluators each gives",
      params: yearParams,
      ok: { description: 'The overrides naming an evaluator', schema: z.array(evaluatorOverrideRowSchema) },
      read: (actor, params) => service.overrides(actor, params.fiscalYear),
    }),
    paramsRead(hr, {
      path: '/api/hr/evaluations/:fiscalYear/trainings',
      operationId: 'listEvaluatorTrainings',
      summary: "HR: the fiscal year's 評価者研修 records",
      params: yearParams,
      ok: { description: 'The records', schema: z.array(evaluatorTrainingRowSchema) },
      read: (actor, params) => service.trainings(actor, params.fiscalYear),
    }),
    hrPerson('evaluators')({
      method: 'put',
      path: '',
      operationId: 'setEvaluators',
      summary: "Name a person's 1次/2次評価者 for a fiscal year (HR); null keeps the reporting lines' one",
      body: evaluatorOverrideInputSchema,
      ok: { description: 'Saved', schema: evaluatorOverrideViewSchema },
      errors: { 409: { description: 'Changed meanwhile (version)' } },
      act: (actor, personId, fiscalYear, body) => service.setEvaluators(actor, personId, fiscalYear, body),
    }),
    hrPerson('trainings')({
      method: 'put',
      path: '',
      operationId: 'setEvaluatorTraining',
      summary: 'Record whether an evaluator completed the fiscal year’s 評価者研修 (HR)',
      body: evaluatorTrainingInputSchema,
      ok: { description: 'Recorded', schema: evaluatorTrainingViewSchema },
      act: (actor, personId, fiscalYear, body) => service.setTraining(actor, personId, fiscalYear, body),
    }),
  ];
}
