import { describe, expect, it } from 'vitest';
import { serializeError } from '../../src/logger.ts';
import { captureLogs } from '../support/logger.ts';

const SECRET = '親の介護のため残業の少ない職場を希望';

/** Shaped like drizzle's DrizzleQueryError: the message and `params` carry every bound value. */
class DrizzleQueryError extends Error {
  constructor(
    readonly query: string,
    readonly params: unknown[],
    cause: Error,
  ) {
    super(`Failed query: ${query}\nparams: ${params.join(',')}`, { cause });
  }
}

/** Shaped like node-postgres' / PGlite's DatabaseError: SQLSTATE, names, and a `detail` quoting the row. */
function databaseError(): Error {
  return Object.assign(new Error(`invalid input syntax for type json: "${SECRET}"`), {
    name: 'error',
    severity: 'ERROR',
    code: '22P02',
    detail: `Failing row contains (${SECRET}).`,
    table: 'declarations',
    column: 'transfer_wishes',
    constraint: 'declarations_person_year',
    routine: 'json_errsave_error',
    query: 'insert into declarations …',
    params: [SECRET],
  });
}

function failedQuery(): Error {
  return new DrizzleQueryError('insert into "declarations" values ($1)', [SECRET], databaseError());
}

describe('the log serializer for errors', () => {
  it('keeps the error class, SQLSTATE, table, constraint and frames of a failed query, never its text', () => {
    const serialized = JSON.stringify(serializeError(failedQuery()));
    expect(serialized).not.toContain(SECRET);
    expect(serialized).not.toMatch(/Failed query|params|Failing row|detail/);
    expect(JSON.parse(serialized)).toMatchObject({
      type: 'DrizzleQueryError',
      stack: expect.stringMatching(/^\s+at .*logger\.test\.ts:\d+/) as unknown,
      cause: {
        type: 'Error',
        code: '22P02',
        severity: 'ERROR',
        table: 'declarations',
        column: 'transfer_wishes',
        constraint: 'declarations_person_year',
        routine: 'json_errsave_error',
      },
    });
  });

  it('keeps the message of errors that carry no query (ours, Node’s)', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(serializeError(error)).toMatchObject({ message: error.message, code: 'ECONNREFUSED' });
  });

  it('drops a wrapper’s message that quotes a failed query below it', () => {
    const inner = failedQuery();
    const wrapper = new Error(`sync failed: ${inner.message}`, { cause: inner });
    const serialized = JSON.stringify(serializeError(wrapper));
    expect(serialized).not.toContain(SECRET);
  });

  it('covers every way an error reaches a log line: err, any field, nested, bare, a child logger', () => {
    const logs = captureLogs();
    logs.logger.error({ err: failedQuery() }, 'unhandled error');
    logs.logger.error({ err: failedQuery() });
    logs.logger.error(failedQuery());
    logs.logger.warn({ error: failedQuery(), job: { lastFailure: failedQuery() } }, 'job failed');
    logs.logger.warn({ failures: [failedQuery()] }, 'several failed');
    logs.logger.child({ component: 'teams' }).error({ err: failedQuery() }, 'bot error');
    const text = logs.text();
    expect(text).not.toContain(SECRET);
    const lines = logs.lines();
    expect(lines).toHaveLength(6);
    // A bare error, or one without a message, still says what failed.
    expect(lines[1]!.msg).toBe('database error 22P02');
    expect(lines[2]!.msg).toBe('database error 22P02');
    expect(JSON.stringify(lines[3])).toContain('22P02');
  });

  it('still redacts tokens beside errors', () => {
    const logs = captureLogs();
    logs.logger.error({ err: new Error('boom'), headers: { authorization: 'Bearer abc' } }, 'failed');
    expect(logs.text()).not.toContain('Bearer abc');
  });
  it('redacts credentials: a secret, a private key, the microsoft settings whole', () => {
    const logs = captureLogs();
    const privateKeyPem = '-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----';
    logs.logger.info(
      {
        microsoft: { clientId: 'app', credential: { kind: 'secret', clientSecret: 'not-a-real-secret' } },
        botCredential: { kind: 'certificate', certificate: { privateKeyPem, thumbprintSha256: 'ab' } },
        certificate: { privateKeyPem },
      },
      'settings',
    );
    expect(logs.text()).not.toContain('not-a-real-secret');
    expect(logs.text()).not.toContain('not-a-real-key');
    expect(logs.text()).toContain('"clientId":"app"');
  });
});
