// Erasing a leaver's personal data (src/privacy/erasure.routes.ts).
import type { z } from 'zod';
import type {
  eraseInputSchema,
  erasureListQuerySchema,
  erasurePreviewSchema,
  erasureRecordViewSchema,
} from '../../../../src/privacy/erasure.contract.ts';
import type { Route } from '../route.ts';

type ErasureRecord = z.output<typeof erasureRecordViewSchema>;

export interface ErasureRoutes {
  'GET /api/hr/people/:personId/erasure-preview': Route<z.output<typeof erasurePreviewSchema>>;
  'POST /api/hr/people/:personId/erase': Route<ErasureRecord, z.input<typeof eraseInputSchema>>;
  'GET /api/hr/erasures': Route<ErasureRecord[], never, z.input<typeof erasureListQuerySchema>>;
}
