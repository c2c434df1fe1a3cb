import type { Request } from 'express';
import type { Authenticator } from '../http/app.ts';
import { bearerTokenOf, type SsoIdentity } from './token-validator.ts';

/** Tokens kept after a successful validation; beyond that the oldest go first. */
const CACHE_MAX_TOKENS = 10_000;
/** At most this long without validating a token again, and never past its own `exp`. */
const CACHE_MAX_MS = 5 * 60 * 1000;

/**
 * Remembers tokens that validated, until their expiry (at most five minutes): a tab sends the same
 * token with every call for up to an hour, and checking its RSA signature each time was a measurable
 * share of the server's CPU under load (npm run bench -- load). Only a token that passed every check is
 * remembered, by its exact text, so a forged or altered one is always checked.
 */
function rememberValidTokens(
  validate: (token: string) => Promise<SsoIdentity>,
): (token: string) => Promise<SsoIdentity> {
  const valid = new Map<string, { identity: SsoIdentity; until: number }>();
  return async (token) => {
    const now = Date.now();
    const kept = valid.get(token);
    if (kept && kept.until > now) return kept.identity;
    if (kept) valid.delete(token);
    const identity = await validate(token);
    // Never past the token's expiry nor its maximum age: a remembered token must still pass both.
    const until = Math.min(now + CACHE_MAX_MS, identity.acceptableUntil);
    if (until > now) {
      if (valid.size >= CACHE_MAX_TOKENS) valid.delete(valid.keys().next().value!);
      valid.set(token, { identity, until });
    }
    return identity;
  };
}

/** Turns a validated SSO token into the request's user; HR is whoever carries the configured app role. */
export function createAuthenticator(
  validate: (token: string) => Promise<SsoIdentity>,
  options: { hrAppRole: string },
): Authenticator {
  const validated = rememberValidTokens(validate);
  return async (req: Request) => {
    const token = bearerTokenOf(req.get('authorization'));
    const identity = await validated(token);
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
