import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from 'jose';
import { Agent, fetch as undiciFetch } from 'undici';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';

export interface TokenValidatorOptions {
  tenantId: string;
  clientId: string;
  /** `api://<host>/<clientId>`: Teams SSO tokens carry it as `aud` (v1) where v2 tokens carry the client id. */
  appIdUri: string;
  /** e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** Extra CA to trust when fetching signing keys (a CA made at run time cannot go through NODE_EXTRA_CA_CERTS). */
  caCertPem?: string | undefined;
  clockToleranceSeconds?: number;
  /**
   * The client apps that may have asked for the token: `azp` (v2) or `appid` (v1) must be one of them.
   * Teams, Microsoft 365 and Outlook are the only clients a tab's token comes from; any other app that
   * got a token for our API (a script with a user's consent, another app of the tenant) is refused.
   */
  allowedClientApps: readonly string[];
  /** A token issued (`iat`) longer ago than this is refused even if its `exp` is later. */
  maxTokenAgeSeconds: number;
}

export interface SsoIdentity {
  oid: string;
  tid: string;
  name: string;
  preferredUsername: string;
  /** App roles assigned to the user for this app (the `roles` claim). */
  roles: string[];
  /** Epoch ms after which the token is no longer acceptable: its `exp` or its maximum age, the earlier. */
  acceptableUntil: number;
}

const REQUIRED_SCOPE = 'access_as_user';
const PUBLIC_CLOUD_HOST = 'https://login.microsoftonline.com';

const claimsSchema = z.object({
  oid: z.string().min(1),
  tid: z.string().min(1),
  scp: z.string().optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  upn: z.string().optional(),
  roles: z.array(z.string()).optional(),
  ver: z.string().optional(),
  azp: z.string().optional(),
  appid: z.string().optional(),
  iat: z.number(),
  exp: z.number(),
});

/**
 * Validates a Teams tab SSO token: RS256 signature against the tenant's published keys, issuer (v2 and,
 * on the public cloud, v1), audience (client id or App ID URI), tenant, `access_as_user` scope, the
 * client app that asked for it (`azp`/`appid`: Teams, Microsoft 365, Outlook), exp/nbf with a small
 * clock skew and a maximum age from `iat`. Anything else is a 401; the message says which check failed, never
 * the token.
 */
export function createTokenValidator(
  options: TokenValidatorOptions,
): (token: string) => Promise<SsoIdentity> {
  const authorityHost = options.authorityHost.replace(/\/$/, '');
  const dispatcher = options.caCertPem ? new Agent({ connect: { ca: options.caCertPem } }) : undefined;
  const jwks = createRemoteJWKSet(new URL(`${authorityHost}/${options.tenantId}/discovery/v2.0/keys`), {
    cooldownDuration: 30_000,
    cacheMaxAge: 6 * 60 * 60 * 1000,
    ...(dispatcher
      ? {
          [customFetch]: (url: string, init: RequestInit) =>
            undiciFetch(url, {
              ...(init as Parameters<typeof undiciFetch>[1]),
              dispatcher,
            }) as unknown as Promise<Response>,
        }
      : {}),
  });
  const issuers = [`${authorityHost}/${options.tenantId}/v2.0`];
  if (authorityHost === PUBLIC_CLOUD_HOST) issuers.push(`https://sts.windows.net/${options.tenantId}/`);

  const clockTolerance = options.clockToleranceSeconds ?? 120;
  const allowedClientApps = new Set(options.allowedClientApps.map((id) => id.toLowerCase()));

  return async (token: string) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        algorithms: ['RS256'],
        issuer: issuers,
        audience: [options.clientId, options.appIdUri],
        clockTolerance,
        // Also refuses an `iat` in the future beyond the tolerance.
        maxTokenAge: options.maxTokenAgeSeconds,
        requiredClaims: ['exp', 'iat', 'tid', 'oid'],
      }));
    } catch (error) {
      throw new AppError('unauthenticated', describeJoseError(error), [], { cause: error });
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new AppError('unauthenticated', 'The token lacks the claims of a user token.');
    if (claims.data.tid !== options.tenantId) {
      throw new AppError('unauthenticated', 'The token was issued for another tenant.');
    }
    const scopes = (claims.data.scp ?? '').split(' ');
    if (!scopes.includes(REQUIRED_SCOPE)) {
      throw new AppError('unauthenticated', `The token lacks the ${REQUIRED_SCOPE} scope.`);
    }
    // v1 tokens name the client app in `appid`, v2 tokens in `azp`; each version is read by its own claim.
    const clientApp = claims.data.ver === '1.0' ? claims.data.appid : claims.data.azp;
    if (!clientApp || !allowedClientApps.has(clientApp.toLowerCase())) {
      throw new AppError(
        'unauthenticated',
        'The token was requested by a client application other than Teams or Microsoft 365.',
      );
    }
    return {
      oid: claims.data.oid,
      tid: claims.data.tid,
      name: claims.data.name ?? '',
      preferredUsername: claims.data.preferred_username ?? claims.data.upn ?? '',
      roles: claims.data.roles ?? [],
      acceptableUntil:
        Math.min(claims.data.exp, claims.data.iat + options.maxTokenAgeSeconds + clockTolerance) * 1000,
    };
  };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) {
    return error.claim === 'iat' ? 'The token was issued too long ago.' : 'The token has expired.';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'The token is not valid yet.';
    if (error.claim === 'iat') return 'The token was issued in the future.';
    if (error.claim === 'aud') return 'The token was issued for another application.';
    if (error.claim === 'iss') return 'The token was issued by an untrusted issuer.';
    return `The token's ${error.claim} claim is not acceptable.`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token was signed with an unknown key.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is invalid.';
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'The token uses a signing algorithm that is not allowed.';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError)
    return 'The token could not be validated.';
  return 'The token could not be validated.';
}

/** Reads `Authorization: Bearer <token>`; anything else is a 401. */
export function bearerTokenOf(header: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/.exec(header ?? '');
  if (!match?.[1])
    throw new AppError('unauthenticated', 'Send a Teams SSO token as "Authorization: Bearer <token>".');
  return match[1];
}
