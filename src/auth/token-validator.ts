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
}

export interface SsoIdentity {
  oid: string;
  tid: string;
  name: string;
  preferredUsername: string;
  /** App roles assigned to the user for this app (the `roles` claim). */
  roles: string[];
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
});

/**
 * Validates a Teams tab SSO token: RS256 signature against the tenant's published keys, issuer (v2 and,
 * on the public cloud, v1), audience (client id or App ID URI), tenant, `access_as_user` scope, and
 * exp/nbf with a small clock skew. Anything else is a 401; the message says which check failed, never
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

  return async (token: string) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        algorithms: ['RS256'],
        issuer: issuers,
        audience: [options.clientId, options.appIdUri],
        clockTolerance: options.clockToleranceSeconds ?? 120,
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
    return {
      oid: claims.data.oid,
      tid: claims.data.tid,
      name: claims.data.name ?? '',
      preferredUsername: claims.data.preferred_username ?? claims.data.upn ?? '',
      roles: claims.data.roles ?? [],
    };
  };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'The token is not valid yet.';
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
