// 自己申告 and its windows (src/growth/declaration.routes.ts).
import type { z } from 'zod';
import type * as contract from '../../../../src/growth/declaration.contract.ts';
import type { Route } from '../route.ts';

type Declaration = z.output<typeof contract.declarationResponseSchema>;
type DeclarationWindow = z.output<typeof contract.declarationWindowSchema>;

export interface DeclarationRoutes {
  'GET /api/declaration-windows': Route<DeclarationWindow[]>;
  'POST /api/declaration-windows': Route<DeclarationWindow, typeof contract.openWindowInputSchema>;
  'POST /api/declaration-windows/:fiscalYear/close': Route<DeclarationWindow>;
  'GET /api/people/:personId/declarations/:fiscalYear': Route<Declaration>;
  'PUT /api/people/:personId/declarations/:fiscalYear': Route<
    Declaration,
    typeof contract.declarationDraftInputSchema
  >;
  'POST /api/people/:personId/declarations/:fiscalYear/submit': Route<
    Declaration,
    typeof contract.declarationSubmitInputSchema
  >;
  'POST /api/people/:personId/declarations/:fiscalYear/revise': Route<
    Declaration,
    typeof contract.declarationDraftInputSchema
  >;
}
