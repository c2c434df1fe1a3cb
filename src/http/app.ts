import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import type { Logger } from 'pino';
import { AppError } from './app-error.ts';
import { errorHandler, notFoundHandler } from './error-middleware.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { rateLimitTierOf, type RateLimiter } from './rate-limit.ts';
import { requestLogger } from './request-logger.ts';
import type { AuthenticatedUser, RouteDefinition, RouteResult } from './route.ts';
import { parseInput } from './validation.ts';

export type Authenticator = (req: Request) => Promise<AuthenticatedUser>;

export interface HttpAppOptions {
  logger: Logger;
  routes: readonly RouteDefinition[];
  /** Validates the bearer token of `user` routes. Without one, every `user` route answers 401. */
  authenticate?: Authenticator;
  bodyLimitBytes: number;
  version: string;
  /** The built tab (index.html + assets), served at /tab. */
  tabDir?: string;
  /** Hosts whose pages may frame the tab (Teams, Outlook, the local dev host). */
  frameAncestors: string[];
  /** Mounts that are not JSON API routes (the bot endpoint, the local dev host). */
  mounts?: Array<(app: Express) => void | Promise<void>>;
  /** Counts write requests per person (rate-limit.ts); without one nothing is limited. */
  rateLimit?: RateLimiter;
  /** Runtime settings for the tab, injected into its index.html (no extra request before it starts). */
  tabConfig?: (req: Request) => { hostOrigins: string[] };
  /**
   * Check what every handler answers against the response schema it declares, and answer 500 (with a
   * log line naming the route and the mismatch) when it does not match. On by default, for development
   * and tests; production turns it off (it costs a parse of every answer).
   */
  checkResponses?: boolean;
}

const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
];

export function defaultFrameAncestors(extra: string[] = []): string[] {
  return ["'self'", ...TEAMS_FRAME_ANCESTORS, ...extra];
}

export async function createHttpApp(options: HttpAppOptions): Promise<Express> {
  const { logger, routes } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);
  app.set('query parser', 'simple');

  app.use(requestLogger(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Fluent UI (Griffel) inserts its style rules at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          // teams-js fetches its list of valid Teams origins from Microsoft's CDN (it falls back to a built-in list).
          connectSrc: ["'self'", 'https://res.cdn.office.net'],
          frameSrc: ["'self'"],
          frameAncestors: options.frameAncestors,
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      // Teams frames the tab; frame-ancestors above is the modern control, X-Frame-Options would block it.
      frameguard: false,
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    }),
  );
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  for (const mount of options.mounts ?? []) await mount(app);

  const jsonParserOf = (limit: number) => express.json({ limit, strict: false, type: () => true });
  const jsonParser = jsonParserOf(options.bodyLimitBytes);
  const checkResponses = options.checkResponses ?? true;
  // Built on its first request, not at start: zod's JSON Schema conversion of every route was about a fifth
  // of a server start's CPU time, paid by every instance (and every test server) that is never asked for it.
  let openApi: ReturnType<typeof buildOpenApiDocument> | undefined;
  const openApiDocument = () =>
    (openApi ??= buildOpenApiDocument([...routes, openApiRoute], { version: options.version }));

  for (const route of [...routes, openApiRoute]) {
    const handlers: RequestHandler[] = [];
    // Authentication first: an anonymous caller's body is not even parsed.
    if (route.auth === 'user') {
      handlers.push(async (req, res, next) => {
        res.locals.user = await authenticate(options.authenticate, req);
        next();
      });
    }
    // Per person, so after authentication; before the body is read, so a refused request costs little.
    const tier = rateLimitTierOf(route);
    const rateLimit = options.rateLimit;
    if (tier && rateLimit) {
      handlers.push(async (_req, res, next) => {
        await rateLimit(tier, (res.locals.user as AuthenticatedUser).id);
        next();
      });
    }
    if (route.request?.body) {
      handlers.push(requireJson, route.bodyLimitBytes ? jsonParserOf(route.bodyLimitBytes) : jsonParser);
    }
    handlers.push(async (req, res) => {
      const user = res.locals.user as AuthenticatedUser | undefined;
      const params = route.request?.params ? parseInput(route.request.params, req.params, 'params') : {};
      const query = route.request?.query ? parseInput(route.request.query, req.query, 'query') : {};
      const body = route.request?.body ? parseInput(route.request.body, req.body, 'body') : undefined;
      const result =
        route === openApiRoute
          ? { body: openApiDocument() }
          : await route.handler({ params, query, body, user, req, res });
      if (checkResponses && route !== openApiRoute) checkResponse(route, result, logger);
      send(res, result);
    });
    app[route.method](route.path, ...handlers);
  }

  if (options.tabDir && existsSync(path.join(options.tabDir, 'index.html'))) {
    const tabDir = options.tabDir;
    const indexTemplate = readFileSync(path.join(tabDir, 'index.html'), 'utf8');
    const tabConfig = options.tabConfig ?? (() => ({ hostOrigins: [] }));
    // Hashed asset names never change content, so they can be cached for long; index.html must not be.
    app.use(
      '/tab/assets',
      express.static(path.join(tabDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
    );
    app.use('/tab', express.static(tabDir, { index: false, maxAge: 0 }));
    app.get(/^\/tab(\/.*)?$/, (req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(renderTabIndex(indexTemplate, tabConfig(req)));
    });
  }

  app.use('/api', notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}

const openApiRoute: RouteDefinition = {
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This API described as OpenAPI 3.1',
  tags: ['meta'],
  auth: 'public',
  responses: { 200: { description: 'The OpenAPI document' } },
  handler: () => Promise.reject(new Error('answered by createHttpApp')),
};

/**
 * Fails loudly when a handler answers what its route does not declare: a status missing from its
 * `responses`, or a JSON body that its response schema does not describe. The types catch most of this;
 * this catches what they cannot (a cast, a service returning more or other than it says).
 */
function checkResponse(route: RouteDefinition, result: RouteResult, logger: Logger): void {
  const status = result.status ?? 200;
  const where = `${route.method.toUpperCase()} ${route.path} (${route.operationId})`;
  const spec = route.responses[status];
  if (!spec) {
    logger.error({ route: where, status }, 'handler answered a status its route does not declare');
    throw new Error(`${where} answered ${status}, which its responses do not declare`);
  }
  if (!('body' in result) || !spec.schema || spec.contentType) return;
  const checked = spec.schema.safeParse(result.body);
  if (checked.success) return;
  const issues = checked.error.issues.slice(0, 5).map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
  logger.error({ route: where, status, issues }, 'handler answer does not match its response schema');
  throw new Error(
    `${where} answered a ${status} body that does not match its schema: ${z.prettifyError(checked.error)}`,
  );
}

const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    next(new AppError('unsupported_media_type', 'Send the request body as application/json.'));
    return;
  }
  next();
};

async function authenticate(
  authenticator: Authenticator | undefined,
  req: Request,
): Promise<AuthenticatedUser> {
  if (!authenticator) throw new AppError('unauthenticated', 'Sign-in is not configured.');
  return authenticator(req);
}

function send(res: Response, result: RouteResult): void {
  if ('headers' in result && result.headers) {
    for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
  }
  if (!('body' in result) && !('raw' in result)) {
    res.status(result.status).end();
    return;
  }
  res.status(result.status ?? 200);
  if ('raw' in result) {
    res.type(result.contentType).send(result.raw);
    return;
  }
  res.json(result.body);
}

const CONFIG_PLACEHOLDER = '<!--hagukumi:config-->';

/** Puts the tab's runtime settings into its page as inert JSON (CSP allows no inline script to run). */
export function renderTabIndex(html: string, config: { hostOrigins: string[] }): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return html.replace(
    CONFIG_PLACEHOLDER,
    `<script id="hagukumi-config" type="application/json">${json}</script>`,
  );
}
