import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { fiscalYearParam, uuidParam } from '../http/params.ts';
import { recordRoutes } from '../http/record-route.ts';
import {
  answeringRecord,
  callerPost,
  callerRead,
  hrRouteGroup,
  paramsRead,
  queryRead,
} from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import { halfPeriodAt } from '../shared/fiscal-period.ts';
import type { BudgetService } from './budget.service.ts';
import {
  applicationInputSchema,
  applicationListSchema,
  applicationResultSchema,
  applicationUpdateSchema,
  applicationViewSchema,
  applicationYearQuerySchema,
  budgetInputSchema,
  hrDecisionSchema,
  supervisorDecisionSchema,
  trainingBudgetViewSchema,
} from './qualification.contract.ts';
import type { QualificationService } from './qualification.service.ts';

const TAGS = ['qualifications'];

export function qualificationRoutes(
  service: QualificationService,
  budget: BudgetService,
  now: () => Date,
): RouteDefinition[] {
  const route = routeGroup({ tags: TAGS, auth: 'user' });
  const hr = hrRouteGroup({ tags: TAGS });
  const list = { description: 'The applications', schema: applicationListSchema };
  const application = answeringRecord(
    recordRoutes({
      tags: TAGS,
      path: '/api/qualifications/applications/:applicationId',
      id: uuidParam,
      errors: {
        400: { description: 'A field that does not fit (details name it)' },
        403: { description: 'Not the applicant, their supervisor or HR, as the action asks' },
        404: { description: 'No such application' },
        409: { description: 'Changed meanwhile (version), or the application’s status does not allow it' },
      },
    }),
    { description: 'The application', schema: applicationViewSchema },
  );
  const budgetParams = z.object({ fiscalYear: fiscalYearParam });

  return [
    callerRead(route, {
      path: '/api/qualifications/applications',
      operationId: 'listMyQualificationApplications',
      summary: 'The caller’s 資格取得 support applications, newest exam first',
      ok: list,
      read: async (actor) => ({ applications: await service.mine(actor) }),
    }),
    callerPost(route, {
      path: '/api/qualifications/applications',
      operationId: 'applyForQualificationSupport',
      // This and the change and decisions below tell someone through the bot: the notify tier.
      rateLimit: 'notify',
      summary: 'Apply for 資格取得 support (for oneself); it goes to one’s supervisor, then HR',
      body: applicationInputSchema,
      status: 201,
      ok: { description: 'The application', schema: applicationViewSchema },
      errors: {
        400: { description: 'A field that does not fit: a cost below 0 or absurd, an exam day past' },
      },
      act: (actor, body) => service.apply(actor, body),
    }),
    application({
      method: 'put',
      path: '',
      operationId: 'changeQualificationApplication',
      rateLimit: 'notify',
      summary:
        'Change one’s application before the supervisor approved it (a returned one goes back to them)',
      body: applicationUpdateSchema,
      act: (actor, id, body) => service.update(actor, id, body),
    }),
    application({
      method: 'post',
      path: '/supervisor-decision',
      operationId: 'decideQualificationApplicationAsSupervisor',
      rateLimit: 'notify',
      summary: 'Approve or return (with a comment) an application, as the applicant’s supervisor',
      body: supervisorDecisionSchema,
      act: (actor, id, body) => service.supervisorDecision(actor, id, body),
    }),
    application({
      method: 'post',
      path: '/hr-decision',
      operationId: 'decideQualificationApplicationAsHr',
      rateLimit: 'notify',
      summary: 'Approve or refuse (with a reason) an application the supervisor approved (HR)',
      body: hrDecisionSchema,
      act: (actor, id, body) => service.hrDecision(actor, id, body),
    }),
    application({
      method: 'post',
      path: '/result',
      operationId: 'recordQualificationResult',
      summary: 'Record the result of an approved application; a pass joins one’s career design',
      body: applicationResultSchema,
      act: (actor, id, body) => service.recordResult(actor, id, body),
    }),
    callerRead(route, {
      path: '/api/qualifications/approvals',
      operationId: 'listQualificationApprovals',
      summary: 'Applications of the caller’s direct reports that wait for the caller’s approval',
      ok: list,
      read: async (actor) => ({ applications: await service.approvals(actor) }),
    }),
    queryRead(hr, {
      path: '/api/hr/qualifications',
      operationId: 'listQualificationApplicationsOfYear',
      summary: 'Every application of a fiscal year (of its exam day), those awaiting HR first (HR; audited)',
      query: applicationYearQuerySchema,
      ok: list,
      read: async (actor, query) => ({
        applications: await service.ofYear(actor, query.fiscalYear ?? halfPeriodAt(now()).fiscalYear),
      }),
    }),
    paramsRead(hr, {
      path: '/api/hr/training-budget/:fiscalYear',
      operationId: 'getTrainingBudget',
      summary: 'The fiscal year’s training budget against what courses and applications committed (HR)',
      params: budgetParams,
      ok: { description: 'The budget', schema: trainingBudgetViewSchema },
      read: (actor, params) => budget.read(actor, params.fiscalYear),
    }),
    hr({
      method: 'put',
      path: '/api/hr/training-budget/:fiscalYear',
      operationId: 'setTrainingBudget',
      summary: 'Set the fiscal year’s training budget in yen (HR; version 0 the first time)',
      request: { params: budgetParams, body: budgetInputSchema },
      responses: {
        200: { description: 'The budget', schema: trainingBudgetViewSchema },
        400: { description: 'Not whole yen, negative or absurd' },
        409: { description: 'Changed meanwhile (version)' },
      },
      handler: async ({ user, params, body }) => ({
        body: await budget.save(actorOf(user), params.fiscalYear, body),
      }),
    }),
  ];
}
