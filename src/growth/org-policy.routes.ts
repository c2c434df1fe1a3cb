import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  departmentCoverageSchema,
  orgPolicyInputSchema,
  orgPolicyViewSchema,
  orgUnitParam,
  type OrgPolicyKind,
} from './org-policy.contract.ts';
import type { OrgPolicyService } from './org-policy.service.ts';
import { fiscalYearParam } from '../http/params.ts';

const UNITS = [
  { kind: 'division', segment: 'divisions', param: 'division', name: '部', writer: '部長', id: 'Division' },
  {
    kind: 'department',
    segment: 'departments',
    param: 'department',
    name: '課',
    writer: '課長',
    id: 'Department',
  },
] as const satisfies ReadonlyArray<{ kind: OrgPolicyKind; [key: string]: string }>;

export function orgPolicyRoutes(service: OrgPolicyService): RouteDefinition[] {
  const route = routeGroup({ tags: ['growth'], auth: 'user' });
  return UNITS.flatMap((unit) => {
    const params = z.object({ fiscalYear: fiscalYearParam, [unit.param]: orgUnitParam });
    const path = `/api/policies/:fiscalYear/${unit.segment}/:${unit.param}`;
    const unitOf = (values: Record<string, unknown>) => values[unit.param] as string;
    return [
      route({
        method: 'get',
        path,
        operationId: `get${unit.id}Policy`,
        summary: `The ${unit.name}'s policy (方針) and goals for a fiscal year (readable by everyone)`,
        request: { params },
        responses: {
          200: {
            description: 'The policy (version 0 while nobody has written it)',
            schema: orgPolicyViewSchema,
          },
          404: { description: `No such ${unit.name}` },
        },
        handler: async ({ user, params }) => ({
          body: await service.read(actorOf(user), unit.kind, unitOf(params), Number(params.fiscalYear)),
        }),
      }),
      route({
        method: 'put',
        path,
        operationId: `save${unit.id}Policy`,
        summary: `Write the ${unit.name}'s policy and goals (its ${unit.writer}, or HR)`,
        request: { params, body: orgPolicyInputSchema },
        responses: {
          200: { description: 'Saved', schema: orgPolicyViewSchema },
          400: { description: 'A goal id or link that does not fit' },
          404: { description: `No such ${unit.name}` },
          409: { description: 'Changed meanwhile, or the fiscal year is closed' },
        },
        handler: async ({ user, params, body }) => ({
          body: await service.save(actorOf(user), unit.kind, unitOf(params), Number(params.fiscalYear), body),
        }),
      }),
    ];
  }).concat(
    route({
      method: 'get',
      path: '/api/policies/:fiscalYear/departments/:department/coverage',
      operationId: 'getDepartmentGoalCoverage',
      summary: "How the 課's people's goals cover its goals, and the goals that link to none (its chain, HR)",
      request: { params: z.object({ fiscalYear: fiscalYearParam, department: orgUnitParam }) },
      responses: {
        200: { description: 'The coverage', schema: departmentCoverageSchema },
        404: { description: 'No such 課' },
      },
      handler: async ({ user, params }) => ({
        body: await service.coverage(actorOf(user), params.department, params.fiscalYear),
      }),
    }),
  );
}
