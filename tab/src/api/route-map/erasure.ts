// Erasing a leaver's personal data (src/privacy/erasure.routes.ts).
import type { z } from 'zod';
import type * as contract from '../../../../src/privacy/erasure.contract.ts';
import type { Route } from '../route.ts';

type ErasureRecord = z.output<typeof contract.erasureRecordViewSchema>;

export interface ErasureRoutes {
  'GET /api/hr/people/:personId/erasure-preview': Route<typeof contract.erasurePreviewSchema>;
  'POST /api/hr/people/:personId/erase': Route<ErasureRecord, typeof contract.eraseInputSchema>;
  'GET /api/hr/erasures': Route<ErasureRecord[], never, typeof contract.erasureListQuerySchema>;
}
