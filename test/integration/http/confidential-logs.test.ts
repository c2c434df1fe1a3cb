import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { BACKENDS } from '../../support/backends.ts';
import { captureLogs, type CapturedLogs } from '../../support/logger.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = { id: string; levelId: string | null; department: string | null; appRoles: string[] };

// A constraint no row can satisfy: every write to the table fails inside PostgreSQL, as a real
// failure would (a full disk, a bad migration), after drizzle has bound the confidential text.
const REFUSING_CONSTRAINT = 'test_refuses_every_write';

describe.each(BACKENDS)('confidential text never reaches a log, on %s', (backend) => {
  let server: TestServer;
  let logs: CapturedLogs;
  let self: Person;
  let hr: Person;
  const call = apiCaller(() => server);

  beforeAll(async () => {
    logs = captureLogs();
    server = await startTestServer({ backend, logger: logs.logger });
    const people = server.emulator.people as Person[];
    self = people.find((person) => person.levelId === 'shuji' && person.department !== '職員課')!;
    hr = people.find((person) => person.appRoles.length > 0)!;
    const fiscalYear = halfPeriodAt(new Date()).fiscalYear;
    const opened = await call(hr, 'POST', '/api/declaration-windows', {
      fiscalYear,
      closesOn: `${fiscalYear + 1}-03-31`,
    });
    expect(opened.status).toBe(201);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('logs a failed 自己申告 write by SQLSTATE, table and constraint, without the submitted text', async () => {
    const fiscalYear = halfPeriodAt(new Date()).fiscalYear;
    const secrets = {
      department: '秘密の希望課テスト',
      reason: '上司との関係に悩んでいるため異動を希望',
      circumstances: '配偶者の病気療養のため通院の付き添いが必要',
      comment: 'ハラスメントの相談を検討中',
    };
    await server.database.query(
      `ALTER TABLE declarations ADD CONSTRAINT ${REFUSING_CONSTRAINT} CHECK (false) NOT VALID`,
    );
    try {
      const answer = await call(self, 'PUT', `/api/people/me/declarations/${fiscalYear}`, {
        version: 0,
        transferWishes: [{ department: secrets.department, reason: secrets.reason }],
        circumstances: secrets.circumstances,
        comment: secrets.comment,
      });
      expect(answer.status).toBe(500);
      expect(JSON.stringify(answer.body)).not.toContain(secrets.reason);
    } finally {
      await server.database.query(`ALTER TABLE declarations DROP CONSTRAINT ${REFUSING_CONSTRAINT}`);
    }

    const text = logs.text();
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    // JSON escapes would hide a match above; look for the text as JSON would spell it too.
    for (const secret of Object.values(secrets))
      expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(text).not.toMatch(/Failed query|params:|Failing row/);

    // What an operator needs is still there: the failing request's line names the SQLSTATE (check
    // violation), the table and the constraint, the error classes and where they were thrown.
    const failure = logs.lines().find((line) => line.msg === 'unhandled error');
    expect(failure).toBeDefined();
    const err = failure!.err as Record<string, unknown> & { cause?: Record<string, unknown> };
    expect(err.type).toBe('DrizzleQueryError');
    expect(err.message).toBeUndefined();
    expect(err.stack).toMatch(/^\s+at /);
    expect(err.cause).toMatchObject({
      code: '23514',
      table: 'declarations',
      constraint: REFUSING_CONSTRAINT,
    });
    expect(err.cause?.message).toBeUndefined();
    expect(Object.keys(err.cause ?? {})).not.toContain('detail');
  });
});
