import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { telemetry } from '../telemetry/metrics.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * One structured line and one latency measurement per request. Both name the route template, never
 * the concrete URL, query or headers: those carry people's ids and tokens.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      const routePath = (req.route as { path?: string } | undefined)?.path;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : 'info';
      const route = routePath
        ? `${req.baseUrl}${routePath}`
        : req.path.startsWith('/api')
          ? 'unmatched'
          : 'static';
      logger[level](
        {
          requestId,
          method: req.method,
          route,
          status: res.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
        },
        'request',
      );
      telemetry.recordRequest({ method: req.method, route, status: res.statusCode, durationMs });
    });
    next();
  };
}
