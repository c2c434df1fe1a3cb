// 自己申告 and its windows (src/growth/declaration.routes.ts).
import type { z } from 'zod';
import type {
  declarationDraftInputSchema,
  declarationResponseSchema,
  declarationSubmitInputSchema,
  declarationWindowSchema,
  openWindowInputSchema,
} from '../../../../src/growth/declaration.contract.ts';
import type { Route } from '../route.ts';

type Declaration = z.output<typeof declarationResponseSchema>;
type DeclarationWindow = z.output<typeof declarationWindowSchema>;

export interface DeclarationRoutes {
  'GET /api/declaration-windows': Route<DeclarationWindow[]>;
  'POST /api/declaration-windows': Route<DeclarationWindow, z.input<typeof openWindowInputSchema>>;
  'POST /api/declaration-windows/:fiscalYear/close': Route<DeclarationWindow>;
  'GET /api/people/:personId/declarations/:fiscalYear': Route<Declaration>;
  'PUT /api/people/:personId/declarations/:fiscalYear': Route<
    Declaration,
    z.input<typeof declarationDraftInputSchema>
  >;
  'POST /api/people/:personId/declarations/:fiscalYear/submit': Route<
    Declaration,
    z.input<typeof declarationSubmitInputSchema>
  >;
  'POST /api/people/:personId/declarations/:fiscalYear/revise': Route<
    Declaration,
    z.input<typeof declarationDraftInputSchema>
  >;
}
