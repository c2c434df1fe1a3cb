// HR's view of the audit log (src/auth/audit.routes.ts). The CSV export is a download (api.file).
import type * as contract from '../../../../src/auth/audit.contract.ts';
import type { Route } from '../route.ts';

export interface AuditRoutes {
  'GET /api/hr/audit': Route<typeof contract.auditPageSchema, never, typeof contract.auditPageQuerySchema>;
}
