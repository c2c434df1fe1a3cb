// Sign-in (Teams SSO tokens), the access policy over reporting lines, and the audit log with its view.
import type { AppContext, SliceModule } from '../app-context.ts';
import { createAccessPolicy, type ReportingLines } from './access.ts';
import { createAuditQuery } from './audit-query.ts';
import { auditRoutes } from './audit.routes.ts';
import { createAuditLog } from './audit.ts';
import { createAuthenticator } from './authenticate.ts';
import { createTokenValidator } from './token-validator.ts';

export function createAuthModule(ctx: AppContext, deps: { lines: ReportingLines }) {
  const { config, microsoft } = ctx;
  const authenticate = createAuthenticator(
    createTokenValidator({
      tenantId: microsoft.tenantId,
      clientId: microsoft.clientId,
      appIdUri: microsoft.appIdUri,
      authorityHost: microsoft.authorityHost,
      caCertPem: ctx.caCertPem,
      allowedClientApps: config.security.ssoAllowedClientApps,
      maxTokenAgeSeconds: config.security.ssoMaxTokenAgeSeconds,
    }),
    { hrAppRole: config.hrAppRole },
  );
  const access = createAccessPolicy(deps.lines);
  const audit = createAuditLog(ctx.db);
  return {
    routes: auditRoutes(createAuditQuery({ db: ctx.db, audit })),
    jobs: [],
    authenticate,
    access,
    audit,
  } satisfies SliceModule & Record<string, unknown>;
}
