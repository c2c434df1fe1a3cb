import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { callerPost, draftFormRoutes, hrRouteGroup } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  declarationDraftInputSchema,
  declarationResponseSchema,
  declarationSubmitInputSchema,
  declarationWindowSchema,
  openWindowInputSchema,
} from './declaration.contract.ts';
import type { DeclarationService } from './declaration.service.ts';
import { fiscalYearParam } from '../http/params.ts';
import { personRecordRoutes } from './person-record-route.ts';

export function declarationRoutes(service: DeclarationService): RouteDefinition[] {
  const route = routeGroup({ tags: ['growth'], auth: 'user' });
  const hr = hrRouteGroup({ tags: ['growth'] });
  const declaration = personRecordRoutes({
    path: '/api/people/:personId/declarations/:fiscalYear',
    key: fiscalYearParam,
    errors: {
      403: {
        description:
          'Not the person (or, for reads, HR): 自己申告 is confidential to HR; or the person is 会計年度任用職員, to whom it does not apply',
      },
      404: { description: 'No such person or fiscal year' },
      409: { description: 'Window not open, already submitted, or changed meanwhile (version)' },
    },
  });
  return [
    route({
      method: 'get',
      path: '/api/declaration-windows',
      operationId: 'listDeclarationWindows',
      summary: '自己申告 windows, newest fiscal year first',
      responses: { 200: { description: 'Windows', schema: z.array(declarationWindowSchema) } },
      handler: async () => ({ body: await service.listWindows() }),
    }),
    callerPost(hr, {
      path: '/api/declaration-windows',
      operationId: 'openDeclarationWindow',
      summary: "Open a fiscal year's 自己申告 window (HR), or reopen a closed one",
      body: openWindowInputSchema,
      status: 201,
      ok: { description: 'Opened', schema: declarationWindowSchema },
      errors: {
        409: { description: 'That year already has an open window' },
        422: { description: 'No such fiscal year, or a last day in the past or after the year' },
      },
      act: (actor, body) => service.openWindow(actor, body),
    }),
    hr({
      method: 'post',
      path: '/api/declaration-windows/:fiscalYear/close',
      operationId: 'closeDeclarationWindow',
      summary: "Close a fiscal year's 自己申告 window now (HR)",
      request: { params: z.object({ fiscalYear: fiscalYearParam }) },
      responses: {
        200: { description: 'Closed', schema: declarationWindowSchema },
        404: { description: 'No window for that year' },
        409: { description: 'Already closed' },
      },
      handler: async ({ user, params }) => ({
        body: await service.closeWindow(actorOf(user), params.fiscalYear),
      }),
    }),
    ...draftFormRoutes(declaration, service, {
      name: 'Declaration',
      schema: declarationResponseSchema,
      read: {
        summary: "A person's 自己申告 for a fiscal year (the person and HR only; HR reads are audited)",
        description: 'The declaration (blank, status new, before the first save)',
      },
      saveDraft: {
        summary: 'Save my 自己申告 as a draft (version from the last read; 0 for the first save)',
        body: declarationDraftInputSchema,
      },
      submit: {
        summary: 'Submit my 自己申告 to HR (no changes afterwards)',
        body: declarationSubmitInputSchema,
      },
    }),
    declaration({
      method: 'post',
      path: '/revise',
      operationId: 'reviseDeclaration',
      summary:
        'Revise my submitted 自己申告 while the window is open (it stays submitted; the revision is audited)',
      body: declarationDraftInputSchema,
      ok: { description: 'Revised', schema: declarationResponseSchema },
      act: (actor, personId, fiscalYear, body) => service.revise(actor, personId, fiscalYear, body),
    }),
  ];
}
