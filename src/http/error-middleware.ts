import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, isAppError } from './app-error.ts';

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Errors raised by express.json() before any route runs. */
function fromBodyParser(error: unknown): AppError | undefined {
  const type = (error as BodyParserError | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return new AppError('invalid_json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'The request body must be UTF-8 JSON.');
    case 'entity.verify.failed':
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return new AppError('validation_failed', 'The request body could not be read.');
    default:
      return undefined;
  }
}

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new AppError('not_found', `No such endpoint: ${req.method} ${req.baseUrl}${req.path}`));
  };
}

/** The one place where errors become HTTP responses. Nothing internal (stack, SQL, tokens) leaves. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const appError = isAppError(error) ? error : fromBodyParser(error);
    const requestId = String(res.locals.requestId ?? '');
    if (appError) {
      if (appError.status >= 500) logger.error({ err: error, requestId }, appError.message);
      if (appError.code === 'unauthenticated') res.setHeader('WWW-Authenticate', 'Bearer');
      if (appError.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(Math.ceil(appError.retryAfterSeconds)));
      res.status(appError.status).json({
        error: {
          code: appError.code,
          message: appError.message,
          ...(appError.details.length > 0 ? { details: appError.details } : {}),
          requestId,
        },
      });
      return;
    }
    logger.error({ err: error, requestId, method: req.method }, 'unhandled error');
    res.status(500).json({
      error: { code: 'internal', message: 'Something went wrong on our side. Please try again.', requestId },
    });
  };
}
