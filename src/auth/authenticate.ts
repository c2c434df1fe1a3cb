import type { Request } from 'express';
import type { Authenticator } from '../http/app.ts';
import { bearerTokenOf, type SsoIdentity } from './token-validator.ts';

/** Turns a validated SSO token into the request's user; HR is whoever carries the configured app role. */
export function createAuthenticator(
  validate: (token: string) => Promise<SsoIdentity>,
  options: { hrAppRole: string },
): Authenticator {
  return async (req: Request) => {
    const token = bearerTokenOf(req.get('authorization'));
    const identity = await validate(token);
    return {
      id: identity.oid,
      tenantId: identity.tid,
      name: identity.name,
      userPrincipalName: identity.preferredUsername,
      isHr: identity.roles.includes(options.hrAppRole),
      token,
    };
  };
}
