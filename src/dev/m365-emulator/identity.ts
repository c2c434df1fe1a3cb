// Entra ID and the Bot Framework's token side: OpenID discovery and signing keys, the token endpoint
// (client credentials, on-behalf-of; secrets, certificates and federated credentials), the tokens tests
// mint (SSO, channel, managed identity), and the bearer check every Graph request passes first.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomUUID,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import {
  decodeProtectedHeader,
  errors as joseErrors,
  exportJWK,
  importPKCS8,
  jwtVerify,
  SignJWT,
  type JWTPayload,
} from 'jose';
import type { EmulatorContext } from './context.ts';
import { graphError, type Caller, type GraphResult } from './graph-http.ts';
import type { EmulatorKeys } from './keys.ts';
import { stableGuid } from './seed-organisation.ts';

/** What Graph's app token carries when the admin consented to everything aad.manifest.json asks for. */
export const CONSENTED_APP_ROLES = [
  'User.Read.All',
  'Calendars.ReadWrite',
  'TeamsAppInstallation.ReadWriteSelfForUser.All',
  'AppCatalog.Read.All',
  'OnlineMeetings.Read.All',
  'OnlineMeetingArtifact.Read.All',
] as const;

export const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';
export const BOT_OPENID_PATH = '/botframework/v1/.well-known/openidconfiguration';
export const BOT_KEYS_PATH = '/botframework/v1/.well-known/keys';

export type Identity = Awaited<ReturnType<typeof createIdentity>>;

export async function createIdentity(
  ctx: EmulatorContext,
  keys: EmulatorKeys,
  options: {
    hostnames?: { login: string; graph: string; botFramework: string } | undefined;
    appRoles?: string[] | undefined;
  },
) {
  const { now, tenantId, clientId, clientSecret, appIdUri, botClientId, botClientSecret, findPerson } = ctx;
  const hostnames = options.hostnames;
  const signingKey = await importPKCS8(keys.signingKeyPem, 'RS256');
  const publicJwk = {
    ...(await exportJWK(createPublicKey(createPrivateKey(keys.signingKeyPem)))),
    kid: keys.signingKid,
    alg: 'RS256',
    use: 'sig',
  };
  const strangerKey = await importPKCS8(
    (await import('node:crypto'))
      .generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    'RS256',
  );

  // ---- tokens ----
  const issuer = () => `${ctx.urls.login}/${tenantId}/v2.0`;
  const sign = (payload: Record<string, unknown>, key = signingKey) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: keys.signingKid, typ: 'JWT' }).sign(key);
  /** A token's validity claims: issued and valid from now, for `lifetime` seconds. */
  const validFor = (lifetime: number) => {
    const issuedAt = Math.floor(now().getTime() / 1000);
    return { iat: issuedAt, nbf: issuedAt, exp: issuedAt + lifetime };
  };
  const accessToken = (claims: Record<string, unknown>, lifetime = 3600) =>
    sign({ iss: issuer(), tid: tenantId, ...validFor(lifetime), ver: '2.0', ...claims });
  const verify = async (token: string, audience: string[]): Promise<JWTPayload> => {
    const { payload } = await jwtVerify(
      token,
      async () => createPublicKey(createPrivateKey(keys.signingKeyPem)),
      {
        issuer: issuer(),
        audience,
        algorithms: ['RS256'],
        currentDate: now(),
      },
    );
    return payload;
  };

  const issueSsoToken = async (
    user: string,
    tokenOptions: { audience?: string; lifetimeSeconds?: number } = {},
  ) => {
    const person = findPerson(user);
    if (!person || person.isMailbox) throw new Error(`No seeded person ${user}`);
    return accessToken(
      {
        aud: tokenOptions.audience ?? appIdUri,
        azp: TEAMS_CLIENT_ID,
        azpacr: '0',
        oid: person.id,
        sub: person.id,
        scp: 'access_as_user',
        name: person.displayName,
        preferred_username: person.userPrincipalName,
        ...(person.appRoles.length > 0 ? { roles: person.appRoles } : {}),
        uti: randomUUID(),
      },
      tokenOptions.lifetimeSeconds ?? 3600,
    );
  };

  const tokenError = (status: number, error: string, description: string): GraphResult => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: {
      error,
      error_description: description,
      error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
      timestamp: now().toISOString(),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  });

  // ---- client authentication: a secret, a certificate's signed assertion, or a federated token ----
  const certificates = new Map<string, Map<string, KeyObject>>();
  const federatedSubjects = new Map<string, Set<string>>();
  const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
  const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
  const registerClientCertificate = (registeredClientId: string, certificatePem: string) => {
    const certificate = new X509Certificate(certificatePem);
    const thumbprints = certificates.get(registeredClientId) ?? new Map<string, KeyObject>();
    // Both forms a client may name it by (RFC 7515): SHA-256 and, for old clients, SHA-1, base64url.
    for (const algorithm of ['sha256', 'sha1'])
      thumbprints.set(
        `${algorithm}:${createHash(algorithm).update(certificate.raw).digest('base64url')}`,
        certificate.publicKey,
      );
    certificates.set(registeredClientId, thumbprints);
  };
  const invalidClient = (description: string) => tokenError(401, 'invalid_client', description);
  /** Entra's checks of a client assertion (Microsoft Learn, "Certificate credentials" assertion format). */
  const verifyCertificateAssertion = async (
    registeredClientId: string,
    assertion: string,
    header: Record<string, unknown>,
  ): Promise<GraphResult | undefined> => {
    const sha256 = header['x5t#S256'];
    const sha1 = header.x5t;
    const thumbprint =
      typeof sha256 === 'string' ? `sha256:${sha256}` : typeof sha1 === 'string' ? `sha1:${sha1}` : undefined;
    const key = thumbprint ? certificates.get(registeredClientId)?.get(thumbprint) : undefined;
    if (!key)
      return invalidClient(
        `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${typeof sha256 === 'string' ? sha256 : typeof sha1 === 'string' ? sha1 : ''}']`,
      );
    try {
      await jwtVerify(assertion, key, {
        audience: `${ctx.urls.login}/${tenantId}/oauth2/v2.0/token`,
        issuer: registeredClientId,
        subject: registeredClientId,
        requiredClaims: ['exp', 'nbf', 'jti'],
        algorithms: ['RS256', 'PS256'],
        currentDate: now(),
        // Entra tolerates some clock skew between the client and itself (msal sets nbf to the second).
        clockTolerance: 300,
      });
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        return invalidClient('AADSTS700024: Client assertion is not within its valid time range.');
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        return invalidClient(
          `AADSTS700021: Client assertion failed validation: the '${error.claim}' claim is not as expected.`,
        );
      return invalidClient('AADSTS700027: Client assertion failed signature validation.');
    }
    return undefined;
  };
  const verifyFederatedAssertion = async (
    registeredClientId: string,
    assertion: string,
  ): Promise<GraphResult | undefined> => {
    let claims: JWTPayload;
    try {
      claims = await verify(assertion, [TOKEN_EXCHANGE_AUDIENCE]);
    } catch {
      return invalidClient(
        'AADSTS700211: No matching federated identity record found for presented assertion issuer, or the assertion failed validation.',
      );
    }
    if (!claims.sub || !federatedSubjects.get(registeredClientId)?.has(claims.sub))
      return invalidClient(
        `AADSTS70021: No matching federated identity record found for presented assertion. Assertion Subject: '${claims.sub ?? ''}'.`,
      );
    return undefined;
  };
  /** Undefined when the client proved itself; otherwise Entra's answer. */
  const authenticateClient = async (
    form: URLSearchParams,
    registeredClientId: string,
    secret: string,
  ): Promise<GraphResult | undefined> => {
    const assertion = form.get('client_assertion');
    if (assertion === null) {
      return form.get('client_secret') === secret
        ? undefined
        : invalidClient(
            'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
          );
    }
    if (form.get('client_secret') !== null)
      return tokenError(
        400,
        'invalid_request',
        'AADSTS90023: A client secret and a client assertion cannot both be presented.',
      );
    if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE)
      return tokenError(
        400,
        'invalid_request',
        `AADSTS50027: client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`,
      );
    let header: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      return invalidClient('AADSTS50027: JWT token is invalid or malformed.');
    }
    return 'x5t#S256' in header || 'x5t' in header
      ? verifyCertificateAssertion(registeredClientId, assertion, header)
      : verifyFederatedAssertion(registeredClientId, assertion);
  };

  /** The token endpoint's answer to a client credentials grant: an app token with these claims. */
  const clientCredentialsResult = async (claims: Record<string, unknown>): Promise<GraphResult> => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: {
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: await accessToken(claims),
    },
  });

  const tokenEndpoint = async (form: URLSearchParams): Promise<GraphResult> => {
    if (form.get('client_id') === botClientId) return botTokenEndpoint(form);
    if (form.get('client_id') !== clientId)
      return tokenError(
        400,
        'unauthorized_client',
        `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`,
      );
    const refused = await authenticateClient(form, clientId, clientSecret);
    if (refused) return refused;
    const grant = form.get('grant_type');
    const scope = form.get('scope') ?? '';
    if (grant === 'client_credentials') {
      if (!scope.split(' ').includes(`${GRAPH_AUDIENCE}/.default`))
        return tokenError(
          400,
          'invalid_scope',
          `AADSTS1002012: The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
      return clientCredentialsResult({
        aud: GRAPH_AUDIENCE,
        appid: clientId,
        azp: clientId,
        idtyp: 'app',
        roles: options.appRoles ?? [...CONSENTED_APP_ROLES],
        oid: stableGuid('sp:hagukumi'),
        sub: stableGuid('sp:hagukumi'),
      });
    }
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      if (form.get('requested_token_use') !== 'on_behalf_of')
        return tokenError(
          400,
          'invalid_request',
          "AADSTS900144: The request body must contain the following parameter: 'requested_token_use'.",
        );
      let assertion: JWTPayload;
      try {
        assertion = await verify(form.get('assertion') ?? '', [appIdUri, clientId]);
      } catch (error) {
        return tokenError(
          400,
          'invalid_grant',
          `AADSTS50013: Assertion failed signature validation or is expired. ${(error as Error).message}`,
        );
      }
      const scopes = scope
        .split(' ')
        .filter((item) => item && item !== 'offline_access' && item !== 'openid' && item !== 'profile');
      const granted = scopes
        .map((item) => item.replace(`${GRAPH_AUDIENCE}/`, ''))
        .map((item) => (item === '.default' ? 'User.Read Calendars.ReadWrite' : item))
        .join(' ');
      const token = await accessToken({
        aud: GRAPH_AUDIENCE,
        appid: clientId,
        azp: clientId,
        idtyp: 'user',
        scp: granted,
        oid: assertion.oid,
        sub: assertion.sub,
        name: assertion.name,
        preferred_username: assertion.preferred_username,
      });
      const clientInfo = Buffer.from(JSON.stringify({ uid: String(assertion.oid), utid: tenantId })).toString(
        'base64url',
      );
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: {
          token_type: 'Bearer',
          scope: granted,
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: token,
          client_info: clientInfo,
        },
      };
    }
    return tokenError(
      400,
      'unsupported_grant_type',
      `AADSTS70003: The app requested an unsupported grant type '${grant}'.`,
    );
  };

  // The bot's app registration: client credentials for the Bot Framework scope only, as Azure Bot uses it.
  const botTokenEndpoint = async (form: URLSearchParams): Promise<GraphResult> => {
    const refused = await authenticateClient(form, botClientId, botClientSecret);
    if (refused) return refused;
    if (form.get('grant_type') !== 'client_credentials')
      return tokenError(
        400,
        'unsupported_grant_type',
        'AADSTS70003: The app requested an unsupported grant type.',
      );
    const scope = form.get('scope') ?? '';
    if (!scope.split(' ').includes(`${BOT_FRAMEWORK_AUDIENCE}/.default`))
      return tokenError(
        400,
        'invalid_scope',
        `AADSTS1002012: The provided value for scope ${scope} is not valid.`,
      );
    return clientCredentialsResult({
      aud: BOT_FRAMEWORK_AUDIENCE,
      appid: botClientId,
      azp: botClientId,
      idtyp: 'app',
      oid: stableGuid('sp:hagukumi-bot'),
      sub: stableGuid('sp:hagukumi-bot'),
    });
  };
  const botTokenIssuer = () => `https://api.${hostnames?.botFramework ?? 'botframework.localhost'}`;
  // The claims the Bot Framework puts in a channel's token to a bot: audience is the bot's app id, and
  // `serviceurl` must equal the activity's serviceUrl.
  const issueChannelToken = (serviceUrl: string, tokenOptions: { lifetimeSeconds?: number } = {}) =>
    sign({
      iss: botTokenIssuer(),
      aud: botClientId,
      serviceurl: serviceUrl,
      ...validFor(tokenOptions.lifetimeSeconds ?? 3600),
    });

  const authenticateGraph = async (authorization: string | undefined): Promise<Caller | GraphResult> => {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    try {
      const payload = await verify(token, [GRAPH_AUDIENCE, GRAPH_APP_ID]);
      return payload.idtyp === 'app'
        ? {
            kind: 'app',
            userId: undefined,
            appId: String(payload.appid),
            roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
          }
        : { kind: 'user', userId: String(payload.oid), appId: String(payload.appid), roles: [] };
    } catch (error) {
      return graphError(
        401,
        'InvalidAuthenticationToken',
        `Access token validation failure. ${(error as Error).message}`,
      );
    }
  };

  /** Entra ID's and the Bot Framework's endpoints: discovery, signing keys and the token endpoint. */
  const route = async (method: string, url: URL, text: string): Promise<GraphResult | undefined> => {
    const tenantPrefix = `/${tenantId}`;
    const pathname = url.pathname.replace(/^\/(common|organizations)(?=\/)/, tenantPrefix);

    if (pathname === '/common/discovery/instance' || url.pathname === '/common/discovery/instance') {
      return {
        status: 200,
        body: {
          tenant_discovery_endpoint: `${ctx.urls.login}/${tenantId}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: url.host, preferred_cache: url.host, aliases: [url.host] }],
        },
      };
    }
    if (pathname === `${tenantPrefix}/v2.0/.well-known/openid-configuration`) {
      return {
        status: 200,
        body: {
          issuer: issuer(),
          authorization_endpoint: `${ctx.urls.login}/${tenantId}/oauth2/v2.0/authorize`,
          token_endpoint: `${ctx.urls.login}/${tenantId}/oauth2/v2.0/token`,
          jwks_uri: `${ctx.urls.login}/${tenantId}/discovery/v2.0/keys`,
          end_session_endpoint: `${ctx.urls.login}/${tenantId}/oauth2/v2.0/logout`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: [
            'client_secret_post',
            'private_key_jwt',
            'client_secret_basic',
          ],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          tenant_region_scope: 'AS',
          cloud_instance_name: 'microsoftonline.com',
        },
      };
    }
    if (url.pathname === BOT_OPENID_PATH)
      return {
        status: 200,
        body: {
          issuer: botTokenIssuer(),
          jwks_uri: `${ctx.urls.botFramework}${BOT_KEYS_PATH}`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        },
      };
    if (url.pathname === BOT_KEYS_PATH)
      return { status: 200, body: { keys: [{ ...publicJwk, endorsements: ['msteams'] }] } };
    if (pathname === `${tenantPrefix}/discovery/v2.0/keys`)
      return { status: 200, body: { keys: [publicJwk] } };
    if (pathname === `${tenantPrefix}/oauth2/v2.0/token` && method === 'POST')
      return await tokenEndpoint(new URLSearchParams(text));
    return undefined;
  };

  return {
    route,
    authenticateGraph,
    sign,
    signingKey,
    strangerKey,
    accessToken,
    issueSsoToken,
    issueChannelToken,
    botTokenIssuer,
    registerClientCertificate,
    registerFederatedCredential: (registeredClientId: string, subject: string) => {
      const subjects = federatedSubjects.get(registeredClientId) ?? new Set<string>();
      subjects.add(subject);
      federatedSubjects.set(registeredClientId, subjects);
    },
    issueManagedIdentityToken: (subject: string, tokenOptions: { audience?: string } = {}) =>
      accessToken({
        aud: tokenOptions.audience ?? TOKEN_EXCHANGE_AUDIENCE,
        sub: subject,
        oid: subject,
        idtyp: 'app',
      }),
  };
}
