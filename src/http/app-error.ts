/**
 * The one error type the service raises on purpose. `code` is stable (clients and tests match on it);
 * `message` is for people. Mapped to HTTP once, in error-middleware.ts.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  version_conflict: 409,
  already_submitted: 409,
  session_not_ended: 409,
  gone: 410,
  precondition_failed: 412,
  range_not_satisfiable: 416,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  upstream_failed: 502,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  /** Sent as `Retry-After` (seconds): when a `rate_limited` caller may try again. */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/**
 * A write that lost the race: the record moved on to version `current` since the caller read it.
 * `message` says what happened and what to do, in the words of the slice.
 */
export function versionConflict(message: string, current: number): AppError {
  return new AppError('version_conflict', message, [
    { path: 'body.version', message: `current version is ${current}` },
  ]);
}
