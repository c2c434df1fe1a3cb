// Growth: self-checks, goals (目標管理), career design, 自己申告, and the supervisor's team view.
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AccessPolicy } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { CycleService } from '../cycles/cycle.service.ts';
import { job, loggedPass } from '../jobs/job-table.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { createCareerPrompts, type CareerNoticeDependencies } from './career-prompts.ts';
import { careerRoutes } from './career.routes.ts';
import { createCareerService } from './career.service.ts';
import { declarationRoutes } from './declaration.routes.ts';
import { createDeclarationService } from './declaration.service.ts';
import { goalRoutes } from './goal.routes.ts';
import { createGoalService } from './goal.service.ts';
import { placementRoutes } from './placement.routes.ts';
import { createPlacementService } from './placement.service.ts';
import { orgPolicyRoutes } from './org-policy.routes.ts';
import { createOrgPolicyService } from './org-policy.service.ts';
import { selfCheckRoutes } from './self-check.routes.ts';
import { followUpEvidenceOf } from '../reports/follow-up.read.ts';
import { createSelfCheckService, type ViewpointSource } from './self-check.service.ts';
import { teamRoutes } from './team.routes.ts';
import { createTeamService, type InterviewStatusSource } from './team.service.ts';

/** The career milestones' daily run (stored by pg-boss in production: never rename). */
export const CAREER_MILESTONES_QUEUE = 'growth.career-milestones';

export function createGrowthModule(
  ctx: AppContext,
  deps: {
    people: PeopleStore;
    access: AccessPolicy;
    audit: AuditLog;
    /** The fiscal-year windows HR opened (cycles). */
    windows: CycleService;
    /** Where each team member's interview stands (interviews). */
    interviews: InterviewStatusSource;
    /** 着眼点 HR wrote (framework). */
    viewpoints: ViewpointSource;
    /** The career milestones' bot notices (the outbox and the bot's cards); without them, prompts only. */
    careerNotices?: CareerNoticeDependencies;
  },
) {
  const growth = {
    db: ctx.db,
    framework: ctx.framework,
    access: deps.access,
    audit: deps.audit,
    now: ctx.now,
    people: deps.people,
  };
  const orgPolicies = createOrgPolicyService(growth);
  const career = createCareerService({ ...growth, evaluationPeriodYears: ctx.config.evaluationPeriodYears });
  const declarations = createDeclarationService({ ...growth, windows: deps.windows.declarationWindows });
  const careerPrompts = createCareerPrompts({
    db: ctx.db,
    settings: {
      interviewYears: ctx.config.careerInterviewYears,
      evaluationPeriodYears: ctx.config.evaluationPeriodYears,
    },
    now: ctx.now,
    notices: deps.careerNotices,
  });
  return {
    routes: [
      ...selfCheckRoutes(
        createSelfCheckService({
          ...growth,
          windows: deps.windows,
          viewpoints: deps.viewpoints,
          // The DRILL follow-up's answers, read through the reports slice's published read.
          followUps: (personId, after, until) => followUpEvidenceOf(ctx.db, personId, after, until),
        }),
      ),
      ...goalRoutes(
        createGoalService({
          ...growth,
          windows: deps.windows,
          departmentGoals: (department, fiscalYear, goalId) =>
            orgPolicies.isDepartmentGoal(department, fiscalYear, goalId),
        }),
      ),
      ...careerRoutes(career),
      ...orgPolicyRoutes(orgPolicies),
      ...declarationRoutes(declarations),
      ...placementRoutes(
        createPlacementService({
          ...growth,
          declarations,
          levels: ctx.framework.levels,
          evaluationPeriodYears: ctx.config.evaluationPeriodYears,
        }),
      ),
    ],
    /** Mounted after cycles' routes, where the team view always stood. */
    teamRoutes: teamRoutes(createTeamService({ ...growth, interviews: deps.interviews })),
    jobs: [
      job({
        queue: CAREER_MILESTONES_QUEUE,
        create: { retryLimit: 3, retryDelaySeconds: 300 },
        handler: loggedPass(ctx.logger, 'prompted', 'career milestones prompted', () => careerPrompts.run()),
        // Daily at 6:00 Japan time; the notices wait for office hours in the outbox.
        schedule: '0 6 * * *',
      }),
    ],
    careerPrompts,
    /** Career design, where a 資格取得 application's pass is added (qualifications). */
    career,
  } satisfies SliceModule & Record<string, unknown>;
}
