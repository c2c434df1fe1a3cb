import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Redaction is a second line of defence: code should not log secrets at all.
 * Errors are the exception to "code decides what is logged": a failed query's message carries every
 * bound parameter (a 自己申告's reasons, private interview notes), and an error can be logged from
 * anywhere. So every error value in a log line — `err`, any other field, a bare `logger.error(err)` —
 * goes through {@link serializeError}, which keeps what identifies the failure and drops the text.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'hagukumi' },
    serializers: { err: serializeError },
    formatters: { log: serializeErrorFields },
    hooks: {
      // pino uses the error's own message as the line's `msg` when none is given; give a safe one.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        if (rest.length === 0 && first instanceof Error) {
          method.apply(this, [{ err: first }, safeMessageOf(first)]);
          return;
        }
        if (rest.length === 0 && isRecord(first) && first.err instanceof Error && first.msg === undefined) {
          method.apply(this, [first, safeMessageOf(first.err)]);
          return;
        }
        method.apply(this, args);
      },
    },
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
        'token',
        '*.token',
        'accessToken',
        '*.accessToken',
        'clientSecret',
        '*.clientSecret',
        // A config's credentials (src/graph/client-credentials.ts), should one ever be logged whole.
        'credential',
        '*.credential',
        'botCredential',
        '*.botCredential',
        'privateKey',
        '*.privateKey',
        'privateKeyPem',
        '*.privateKeyPem',
        'clientAssertion',
        '*.clientAssertion',
        'password',
        '*.password',
        // Holds the Application Insights ingestion key (config.applicationInsightsConnectionString).
        'connectionString',
        '*.connectionString',
        'applicationInsightsConnectionString',
        '*.applicationInsightsConnectionString',
      ],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** What a log line keeps of an error. No free text that a query or a row could have put there. */
export interface SerializedError {
  type: string;
  /** Only for errors that cannot carry query text or row values (see isQueryBearing). */
  message?: string;
  /** SQLSTATE for database errors; Node's or a library's code otherwise. */
  code?: string | number;
  status?: number;
  /** Which database object refused, by name: enough to find the rule without the row. */
  severity?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
  dataType?: string;
  routine?: string;
  /** The stack's frames only ("at file:line"), never its first line, which repeats the message. */
  stack?: string;
  cause?: SerializedError | string;
  errors?: Array<SerializedError | string>;
}

const MAX_CAUSE_DEPTH = 5;
const MAX_FIELD_DEPTH = 3;
const DATABASE_FIELDS = [
  'severity',
  'schema',
  'table',
  'column',
  'constraint',
  'dataType',
  'routine',
] as const;
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * A database error, or an error wrapping a query: drizzle's DrizzleQueryError ("Failed query: …
 * params: …", with `query` and `params`), node-postgres' and PGlite's DatabaseError (a SQLSTATE code
 * and a severity; the message and `detail` can quote the row: "Failing row contains (…)",
 * `invalid input syntax for type json: …`; PGlite also attaches `query` and `params`).
 */
function isQueryBearing(error: Error): boolean {
  const fields = error as unknown as Record<string, unknown>;
  if (error.constructor.name === 'DrizzleQueryError') return true;
  if ('query' in fields || 'params' in fields) return true;
  return typeof fields.severity === 'string' && typeof fields.code === 'string' && SQLSTATE.test(fields.code);
}

/** The messages of the query-bearing errors among an error's causes (a wrapper may quote them). */
function queryMessagesBelow(error: Error): string[] {
  const found: string[] = [];
  let cause: unknown = error.cause;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && cause instanceof Error; depth += 1) {
    if (isQueryBearing(cause) && cause.message.length > 0) found.push(cause.message);
    cause = cause.cause;
  }
  return found;
}

function hidesMessage(error: Error): boolean {
  if (isQueryBearing(error)) return true;
  return queryMessagesBelow(error).some((message) => error.message.includes(message));
}

function safeMessageOf(error: Error): string {
  if (!hidesMessage(error)) return error.message;
  const code = (error as unknown as { code?: unknown }).code ?? databaseCodeBelow(error);
  return typeof code === 'string' ? `database error ${code}` : 'database error';
}

function databaseCodeBelow(error: Error): string | undefined {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && cause instanceof Error; depth += 1) {
    const code = (cause as unknown as { code?: unknown }).code;
    if (typeof code === 'string' && SQLSTATE.test(code)) return code;
    cause = cause.cause;
  }
  return undefined;
}

function frameLines(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.join('\n') : undefined;
}

/** The one shape an error takes in a log line. Not an Error: returned as is. */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const error = value as Error & Record<string, unknown>;
  const out: SerializedError = { type: error.constructor.name || error.name || 'Error' };
  if (!hidesMessage(error)) out.message = error.message;
  if (typeof error.code === 'string' || typeof error.code === 'number') out.code = error.code;
  const status = typeof error.status === 'number' ? error.status : error.statusCode;
  if (typeof status === 'number') out.status = status;
  for (const field of DATABASE_FIELDS) {
    const fieldValue = error[field];
    if (typeof fieldValue === 'string' && fieldValue.length > 0) out[field] = fieldValue;
  }
  const stack = frameLines(error.stack);
  if (stack) out.stack = stack;
  if (error.cause !== undefined) {
    out.cause =
      depth >= MAX_CAUSE_DEPTH
        ? '[cause chain too deep]'
        : error.cause instanceof Error
          ? (serializeError(error.cause, depth + 1) as SerializedError)
          : '[non-error cause]';
  }
  if (Array.isArray(error.errors) && depth < MAX_CAUSE_DEPTH) {
    out.errors = error.errors
      .slice(0, 10)
      .map((inner: unknown) =>
        inner instanceof Error ? (serializeError(inner, depth + 1) as SerializedError) : '[non-error]',
      );
  }
  return out;
}

/**
 * pino's serializers are keyed by field name; this catches an error under any other name
 * (`{ error }`, `{ lastFailure: { err } }`) before the line is written.
 */
function serializeErrorFields(object: Record<string, unknown>): Record<string, unknown> {
  return serializeNested(object, 0) as Record<string, unknown>;
}

function serializeNested(value: unknown, depth: number): unknown {
  if (value instanceof Error) return serializeError(value);
  if (depth >= MAX_FIELD_DEPTH) return value;
  if (Array.isArray(value)) {
    if (!value.some((item) => item instanceof Error || isRecord(item) || Array.isArray(item))) return value;
    return value.map((item) => serializeNested(item, depth + 1));
  }
  if (!isRecord(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    const serialized = serializeNested(field, depth + 1);
    if (serialized !== field) {
      copy ??= { ...value };
      copy[key] = serialized;
    }
  }
  return copy ?? value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
