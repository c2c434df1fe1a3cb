import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, ERROR_STATUS, isAppError, type ErrorCode } from './app-error.ts';

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

/** What a client error from a library means for the caller; its own message stays out of the answer. */
const CLIENT_ERROR_MESSAGES: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'The request could not be read.',
  forbidden: 'This path is not allowed.',
  not_found: 'Not found.',
  method_not_allowed: 'This method is not allowed here.',
  precondition_failed: 'A precondition of the request failed.',
  range_not_satisfiable: 'The requested range is not available.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'The request body must be UTF-8 JSON.',
};

/**
 * Errors that express, body-parser and serve-static raise for a client's mistake carry a 4xx
 * `status` (or `statusCode`): a path escaping the tab folder (403), a body declared as gzip that is
 * not (400), a malformed %-escape (400), a bad Range (416). They keep their status: answering 500
 * would blame the service, and fill its error log with other people's junk. Unknown 4xx statuses
 * become a plain 400.
 */
function fromClientError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const code = [status, statusCode].find(
    (value): value is number => typeof value === 'number' && value >= 400 && value <= 499,
  );
  if (code === undefined) return undefined;
  const errorCode =
    (Object.keys(ERROR_STATUS) as ErrorCode[]).find((name) => ERROR_STATUS[name] === code) ??
    'validation_failed';
  return new AppError(errorCode, CLIENT_ERROR_MESSAGES[errorCode] ?? 'The request was refused.');
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
    const appError = isAppError(error) ? error : (fromBodyParser(error) ?? fromClientError(error));
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
