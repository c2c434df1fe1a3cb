import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ApiClient } from '../../../tab/src/api/client.ts';
import { urlOf, type ApiResponse, type ApiRouteKey } from '../../../tab/src/api/routes.ts';
import { analyticsRoutes } from '../../../src/analytics/analytics.routes.ts';
import { courseResultsRoutes } from '../../../src/analytics/course-results.routes.ts';
import { auditRoutes } from '../../../src/auth/audit.routes.ts';
import { frameworkRoutes } from '../../../src/framework/framework.routes.ts';
import { viewpointRoutes } from '../../../src/framework/viewpoint.routes.ts';
import type { GoalView, goalViewSchema } from '../../../src/growth/goal.contract.ts';
import { goalRoutes } from '../../../src/growth/goal.routes.ts';
import type { meResponseSchema } from '../../../src/people/people.contract.ts';
import { teamRoutes } from '../../../src/growth/team.routes.ts';
import { selfCheckRoutes } from '../../../src/growth/self-check.routes.ts';
import { careerRoutes } from '../../../src/growth/career.routes.ts';
import { declarationRoutes } from '../../../src/growth/declaration.routes.ts';
import { cycleRoutes } from '../../../src/cycles/cycle.routes.ts';
import { peopleRoutes } from '../../../src/people/people.routes.ts';
import { interviewRoutes } from '../../../src/interviews/interview.routes.ts';
import { peopleAdminRoutes } from '../../../src/people/people-admin.routes.ts';
import { erasureRoutes } from '../../../src/privacy/erasure.routes.ts';
import { channelMappingRoutes } from '../../../src/reports/channel-mapping.routes.ts';
import { followUpRoutes } from '../../../src/reports/follow-up.routes.ts';
import { reportRoutes } from '../../../src/reports/report.routes.ts';
import { attendanceRoutes } from '../../../src/training/attendance.routes.ts';
import { learningRoutes } from '../../../src/training/learning.routes.ts';
import { trainingRoutes } from '../../../src/training/training.routes.ts';
import { announcementRoutes } from '../../../src/training/announcement.routes.ts';
import { homeRoutes } from '../../../src/home/home.routes.ts';
import { developmentRoutes } from '../../../src/growth/development.routes.ts';
import { ojtRoutes } from '../../../src/ojt/ojt.routes.ts';
import { orgPolicyRoutes } from '../../../src/growth/org-policy.routes.ts';
import { placementRoutes } from '../../../src/growth/placement.routes.ts';
import { pulseRoutes } from '../../../src/pulse/pulse.routes.ts';
import { evaluationRoutes } from '../../../src/evaluation/evaluation.routes.ts';
import { qualificationRoutes } from '../../../src/qualifications/qualification.routes.ts';

// Every route of tab/src/api/routes.ts; the type check below fails when one is added there and not here.
const TAB_ROUTES = [
  'GET /api/me',
  'GET /api/people',
  'GET /api/framework',
  'GET /api/framework/viewpoints',
  'PUT /api/framework/viewpoints/:levelId/:competencyId',
  'GET /api/team',
  'GET /api/workplace/goals',
  'GET /api/people/:personId/goals',
  'POST /api/people/:personId/goals',
  'PUT /api/people/:personId/goals/:goalId',
  'POST /api/people/:personId/goals/:goalId/progress',
  'PUT /api/people/:personId/goals/:goalId/reflection',
  'POST /api/people/:personId/goals/:goalId/comments',
  'POST /api/interviews/plan',
  'POST /api/interviews/bookings',
  'GET /api/interviews',
  'GET /api/people/:personId/interviews',
  'GET /api/interviews/:interviewId',
  'POST /api/interviews/:interviewId/reschedule',
  'POST /api/interviews/:interviewId/cancel',
  'POST /api/interviews/:interviewId/cancel-series',
  'PUT /api/interviews/:interviewId/record',
  'POST /api/interview-requests',
  'GET /api/interview-requests',
  'POST /api/interview-requests/:requestId/decline',
  'GET /api/people/:personId/self-checks',
  'GET /api/people/:personId/self-checks/:period',
  'PUT /api/people/:personId/self-checks/:period',
  'POST /api/people/:personId/self-checks/:period/submit',
  'PUT /api/people/:personId/self-checks/:period/feedback',
  'POST /api/people/:personId/self-checks/:period/feedback/complete',
  'GET /api/people/:personId/career',
  'PUT /api/people/:personId/career',
  'GET /api/people/:personId/development',
  'GET /api/hr/development',
  'GET /api/declaration-windows',
  'POST /api/declaration-windows',
  'POST /api/declaration-windows/:fiscalYear/close',
  'GET /api/people/:personId/declarations/:fiscalYear',
  'PUT /api/people/:personId/declarations/:fiscalYear',
  'POST /api/people/:personId/declarations/:fiscalYear/submit',
  'POST /api/people/:personId/declarations/:fiscalYear/revise',
  'GET /api/cycles',
  'GET /api/cycles/due',
  'POST /api/cycles/windows',
  'PUT /api/cycles/windows/:windowId',
  'POST /api/cycles/windows/:windowId/open',
  'POST /api/cycles/windows/:windowId/close',
  'GET /api/hr/people/sync',
  'POST /api/hr/people/sync',
  'POST /api/hr/people/imports',
  'GET /api/hr/people/disagreements',
  'GET /api/hr/people/:personId/levels',
  'GET /api/hr/people',
  'GET /api/hr/reports/submission',
  'GET /api/hr/reports/wanted',
  'GET /api/hr/dashboards/completion',
  'GET /api/hr/dashboards/competencies',
  'GET /api/hr/dashboards/demand',
  'GET /api/hr/audit',
  'GET /api/hr/people/:personId/erasure-preview',
  'POST /api/hr/people/:personId/erase',
  'GET /api/hr/erasures',
  'GET /api/training/courses',
  'POST /api/training/courses',
  'GET /api/training/courses/:courseId',
  'PUT /api/training/courses/:courseId',
  'POST /api/training/courses/:courseId/archive',
  'PUT /api/training/courses/:courseId/interest',
  'DELETE /api/training/courses/:courseId/interest',
  'POST /api/training/courses/:courseId/sessions',
  'PUT /api/training/sessions/:sessionId',
  'POST /api/training/sessions/:sessionId/cancel',
  'GET /api/training/sessions',
  'GET /api/training/team',
  'GET /api/training/sessions/:sessionId/roster',
  'POST /api/training/sessions/:sessionId/apply',
  'POST /api/training/sessions/:sessionId/recommend',
  'POST /api/training/sessions/:sessionId/nominate',
  'POST /api/training/enrolments/:enrolmentId/confirm',
  'POST /api/training/enrolments/:enrolmentId/decline',
  'POST /api/training/enrolments/:enrolmentId/withdraw',
  'POST /api/training/enrolments/:enrolmentId/attendance',
  'POST /api/training/enrolments/:enrolmentId/absent',
  'GET /api/training/enrolments',
  'GET /api/training/recommendations',
  'POST /api/training/sessions/:sessionId/announcements',
  'GET /api/training/sessions/:sessionId/announcements',
  'GET /api/training/announcements/:announcementId',
  'POST /api/training/announcements/:announcementId/opened',
  'GET /api/training/sessions/:sessionId/attendance-proposal',
  'POST /api/training/sessions/:sessionId/attendance-proposal/confirm',
  'POST /api/training/sessions/:sessionId/attendance-proposal/retry',
  'POST /api/training/sessions/:sessionId/checkin-code',
  'POST /api/training/checkins',
  'GET /api/reports/due',
  'GET /api/reports/mine',
  'GET /api/reports/library',
  'PUT /api/reports/:reportId/audience',
  'POST /api/reports/:reportId/comments',
  'GET /api/reports/people/:personId/sessions/:sessionId',
  'GET /api/reports/sessions/:sessionId',
  'PUT /api/reports/sessions/:sessionId/draft',
  'POST /api/reports/sessions/:sessionId/submit',
  'GET /api/reports/channel-mappings',
  'PUT /api/reports/channel-mappings/:department',
  'DELETE /api/reports/channel-mappings/:department',
  'GET /api/reports/follow-ups',
  'PUT /api/reports/follow-ups/:followUpId/answer',
  'PUT /api/reports/follow-ups/:followUpId/observation',
  'GET /api/home',
  'GET /api/hr/training/courses/:courseId/results',
  'GET /api/people/:personId/ojt-plan',
  'POST /api/people/:personId/ojt-plan',
  'PUT /api/people/:personId/ojt-plan',
  'POST /api/people/:personId/ojt-plan/ticks',
  'POST /api/people/:personId/ojt-plan/guidance',
  'POST /api/people/:personId/ojt-plan/complete',
  'GET /api/ojt/plans',
  'GET /api/ojt/suggestions',
  'POST /api/ojt/suggestions/:suggestionId/dismiss',
  'GET /api/policies/:fiscalYear/departments/:department',
  'PUT /api/policies/:fiscalYear/departments/:department',
  'GET /api/policies/:fiscalYear/departments/:department/coverage',
  'GET /api/policies/:fiscalYear/divisions/:division',
  'PUT /api/policies/:fiscalYear/divisions/:division',
  'GET /api/hr/placement/declarations',
  'GET /api/hr/placement/declarations/:fiscalYear/:personId',
  'GET /api/hr/placement/roll-ups',
  'GET /api/hr/pulses',
  'POST /api/hr/pulses',
  'PUT /api/hr/pulses/:pulseId',
  'GET /api/hr/pulses/:pulseId/results',
  'GET /api/hr/pulses/trend',
  'GET /api/pulses/departments/:department',
  'PUT /api/pulses/departments/:department/actions/:quarter',
  'GET /api/evaluations/config',
  'GET /api/evaluations',
  'GET /api/people/:personId/evaluations/:fiscalYear',
  'PUT /api/people/:personId/evaluations/:fiscalYear/first',
  'POST /api/people/:personId/evaluations/:fiscalYear/submit',
  'PUT /api/people/:personId/evaluations/:fiscalYear/second',
  'POST /api/people/:personId/evaluations/:fiscalYear/confirm',
  'GET /api/pulses/current',
  'POST /api/pulses/:pulseId/answer',
  'PUT /api/training/courses/:courseId/self-study',
  'POST /api/training/courses/:courseId/self-study/enrol',
  'POST /api/training/courses/:courseId/self-study/progress',
  'POST /api/training/courses/:courseId/self-study/complete',
  'GET /api/training/self-study/courses',
  'GET /api/training/self-study/enrolments',
  'GET /api/training/learning-paths',
  'POST /api/training/learning-paths',
  'PUT /api/training/learning-paths/:pathId',
  'GET /api/training/path-progress',
  'GET /api/evaluations/calibration',
  'GET /api/hr/evaluations/:fiscalYear/evaluators',
  'PUT /api/hr/evaluations/:fiscalYear/evaluators/:personId',
  'GET /api/hr/evaluations/:fiscalYear/trainings',
  'PUT /api/hr/evaluations/:fiscalYear/trainings/:personId',
  'GET /api/qualifications/applications',
  'POST /api/qualifications/applications',
  'PUT /api/qualifications/applications/:applicationId',
  'POST /api/qualifications/applications/:applicationId/supervisor-decision',
  'POST /api/qualifications/applications/:applicationId/hr-decision',
  'POST /api/qualifications/applications/:applicationId/result',
  'GET /api/qualifications/approvals',
  'GET /api/hr/qualifications',
  'GET /api/hr/training-budget/:fiscalYear',
  'PUT /api/hr/training-budget/:fiscalYear',
] as const satisfies readonly ApiRouteKey[];

describe("the tab's typed routes", () => {
  it('lists every route the tab types, and each is a route the server declares', () => {
    expectTypeOf<(typeof TAB_ROUTES)[number]>().toEqualTypeOf<ApiRouteKey>();
    // Building the route definitions runs no service: the handlers are never called here.
    const served = [
      ...goalRoutes({} as never),
      ...peopleRoutes({} as never),
      ...frameworkRoutes({} as never),
      ...viewpointRoutes({} as never),
      ...teamRoutes({} as never),
      ...interviewRoutes({} as never, {} as never),
      ...selfCheckRoutes({} as never),
      ...careerRoutes({} as never),
      ...declarationRoutes({} as never),
      ...cycleRoutes({} as never),
      ...peopleAdminRoutes({} as never),
      ...analyticsRoutes({} as never, {} as never),
      ...courseResultsRoutes({} as never, {} as never),
      ...auditRoutes({} as never),
      ...erasureRoutes({} as never),
      ...trainingRoutes({} as never),
      ...announcementRoutes({} as never),
      ...attendanceRoutes({} as never),
      ...learningRoutes({} as never),
      // The comment route is served when the module has report comments, as it always does.
      ...reportRoutes({} as never, {} as never, {} as never),
      ...channelMappingRoutes({} as never),
      ...followUpRoutes({} as never),
      ...homeRoutes({} as never),
      ...developmentRoutes({} as never),
      ...ojtRoutes({} as never, {} as never),
      ...orgPolicyRoutes({} as never),
      ...placementRoutes({} as never),
      ...pulseRoutes({} as never),
      ...evaluationRoutes({} as never),
      ...qualificationRoutes({} as never, {} as never, () => new Date(0)),
    ].map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(served).toEqual(expect.arrayContaining([...TAB_ROUTES]));
  });

  it('types each answer by the contract the server answers with', () => {
    expectTypeOf<ApiResponse<'GET /api/me'>>().toEqualTypeOf<z.output<typeof meResponseSchema>>();
    expectTypeOf<ApiResponse<'GET /api/people/:personId/goals'>>().toEqualTypeOf<
      Array<z.output<typeof goalViewSchema>>
    >();
  });

  it('fails the typecheck when the tab reads a field the contract does not have (a rename)', () => {
    // What a view does with an answer. Were `title` renamed in goalViewSchema, the first line would fail
    // tsc (npm run typecheck covers tab/ and test/); the second shows the same failure for a stale name.
    const titleOf = (goal: ApiResponse<'POST /api/people/:personId/goals'>): string => goal.title;
    const staleNameOf = (goal: ApiResponse<'POST /api/people/:personId/goals'>): void => {
      // @ts-expect-error `name` is not a field of a goal: a renamed or misspelt field breaks the build
      void goal.name;
    };
    expectTypeOf(titleOf).parameter(0).toEqualTypeOf<GoalView>();
    expect(typeof staleNameOf).toBe('function');
  });

  it('checks what a call sends against the contract', () => {
    const typesOnly = (api: ApiClient) => {
      void api.call('GET /api/me');
      void api.call('GET /api/people/:personId/goals', {
        params: { personId: 'me' },
        query: { fiscalYear: 2026 },
      });
      // @ts-expect-error a route with :personId needs its params
      void api.call('GET /api/people/:personId/goals');
      void api.call('POST /api/people/:personId/goals/:goalId/progress', {
        params: { personId: 'me', goalId: 'g' },
        // @ts-expect-error `percent` is a number in the contract
        body: { version: 1, percent: '50', note: '' },
      });
      // @ts-expect-error no such route
      void api.call('GET /api/nowhere');
    };
    expect(typeof typesOnly).toBe('function');
  });

  it('fills the path template, escaping each value, and appends the query without empty values', () => {
    expect(
      urlOf('PUT /api/people/:personId/goals/:goalId', { params: { personId: 'me', goalId: 'a/b c' } }),
    ).toEqual({ method: 'PUT', url: '/api/people/me/goals/a%2Fb%20c' });
    expect(urlOf('GET /api/workplace/goals', { query: { fiscalYear: 2026, other: undefined } })).toEqual({
      method: 'GET',
      url: '/api/workplace/goals?fiscalYear=2026',
    });
    expect(() => urlOf('GET /api/people/:personId/goals', {})).toThrow(':personId');
  });
});
