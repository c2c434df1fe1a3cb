import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../src/auth/audit.contract.ts';
import { createAuditLog } from '../../../src/auth/audit.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = TestServer['emulator']['people'][number];

describe.each(SLICE_BACKENDS)('audit log: HR views and exports it; nobody rewrites it, on %s', (backend) => {
  let server: TestServer;
  let hr: Person;
  let employee: Person;
  let subject: Person;
  let otherSubject: Person;
  const call = apiCaller(() => server);

  const insert = async (entry: {
    actorId: string;
    subjectId: string | null;
    action: string;
    resource: string;
    occurredAt?: string;
    details?: Record<string, unknown>;
  }) => {
    await server.database.query(
      `INSERT INTO audit_log (actor_id, subject_id, action, resource, details, occurred_at) VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now()))`,
      [
        entry.actorId,
        entry.subjectId,
        entry.action,
        entry.resource,
        JSON.stringify(entry.details ?? {}),
        entry.occurredAt ?? null,
      ],
    );
  };

  const page = async (query: string) => {
    const answer = await call(hr, 'GET', `/api/hr/audit?${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as unknown as AuditPage;
  };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    employee = people.find((person) => person.levelId === 'shuji' && person.appRoles.length === 0)!;
    subject = people.find((person) => person.levelId === 'shunin' && person.department === '市民課')!;
    otherSubject = people.find((person) => person.levelId === 'shunin' && person.department !== '市民課')!;
    // Twelve reads of one subject on 2026-04-10 (Japan time) and three of another on 2026-05-01, plus
    // a write: enough for three pages and for every filter to have something to leave out.
    for (let n = 0; n < 12; n += 1)
      await insert({
        actorId: hr.id,
        subjectId: subject.id,
        action: 'read',
        resource: 'self-check',
        occurredAt: `2026-04-10T0${n % 10}:00:00+09:00`,
        details: { n },
      });
    for (let n = 0; n < 3; n += 1)
      await insert({
        actorId: employee.id,
        subjectId: otherSubject.id,
        action: 'read',
        resource: 'goals',
        occurredAt: '2026-05-01T10:00:00+09:00',
      });
    await insert({
      actorId: hr.id,
      subjectId: otherSubject.id,
      action: 'write',
      resource: '=HYPERLINK("http://evil.example"),"x"',
      occurredAt: '2026-04-30T23:59:00+09:00',
      details: { note: '+cmd, "quoted"' },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('pages the whole log newest first with a cursor, with no entry repeated or skipped, naming people', async () => {
    const total = Number(
      (await server.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n,
    );
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer: AuditPage = await page(`limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...answer.entries.map((entry) => entry.id));
      cursor = answer.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    const first = (await page('limit=1')).entries[0]!;
    expect(first.actor.id).toBe(hr.id);
    expect(first.actor.displayName).toBe(hr.displayName);
    expect(first.subject).toEqual({ id: otherSubject.id, displayName: otherSubject.displayName });
  });

  it('filters by actor, subject, action and Japan-time days (inclusive), and combines them', async () => {
    const byActor = await page(`actorId=${employee.id}&limit=200`);
    expect(byActor.entries.length).toBeGreaterThanOrEqual(3);
    expect(byActor.entries.every((entry) => entry.actor.id === employee.id)).toBe(true);

    const bySubject = await page(`subjectId=${subject.id}&limit=200`);
    expect(bySubject.entries.filter((entry) => entry.resource === 'self-check')).toHaveLength(12);
    expect(bySubject.entries.every((entry) => entry.subject?.id === subject.id)).toBe(true);

    const writes = await page(`action=write&actorId=${hr.id}`);
    expect(writes.entries.map((entry) => entry.resource)).toContain('=HYPERLINK("http://evil.example"),"x"');
    expect(writes.entries.every((entry) => entry.action === 'write')).toBe(true);

    // 23:59 JST on 4/30 belongs to 4/30, not to 5/1 (UTC would say 14:59 on 4/30 either way; the
    // 5/1 10:00 JST reads must fall inside a from=to=2026-05-01 range).
    const mayDay = await page('from=2026-05-01&to=2026-05-01&limit=200');
    expect(mayDay.entries).toHaveLength(3);
    const april = await page('from=2026-04-01&to=2026-04-30&limit=200');
    expect(april.entries).toHaveLength(13);
    const tenth = await page(`from=2026-04-10&to=2026-04-10&subjectId=${subject.id}&action=read&limit=200`);
    expect(tenth.entries).toHaveLength(12);
  });

  it('refuses a reversed date range and a bad cursor with 400', async () => {
    expect((await call(hr, 'GET', '/api/hr/audit?from=2026-05-02&to=2026-05-01')).status).toBe(400);
    expect((await call(hr, 'GET', '/api/hr/audit?cursor=abc')).status).toBe(400);
    expect((await call(hr, 'GET', '/api/hr/audit?from=2026-02-30')).status).toBe(400);
  });

  it('lets only HR read or export the log', async () => {
    for (const person of [employee, subject]) {
      expect((await call(person, 'GET', '/api/hr/audit')).status).toBe(403);
      const response = await fetch(`${server.url}/api/hr/audit/export`, {
        headers: { authorization: `Bearer ${await server.tokenFor(person.id)}` },
      });
      expect(response.status).toBe(403);
    }
  });

  it('exports CSV (UTF-8 BOM, RFC 4180, formulas neutralised) and records the export itself', async () => {
    const response = await fetch(
      `${server.url}/api/hr/audit/export?actorId=${hr.id}&from=2026-04-01&to=2026-04-30`,
      {
        headers: { authorization: `Bearer ${await server.tokenFor(hr.id)}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('occurred_at,actor_id,actor_name,subject_id,subject_name,action,resource,details');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 13 + 1);
    // Newest first, in Japan time; names as the directory has them.
    expect(lines[1]!.startsWith('2026-04-30T23:59:00.000+09:00,')).toBe(true);
    expect(lines[1]).toContain(`,${hr.displayName},`);
    // The formula is defused and quoted (it holds quotes and a comma); quotes inside are doubled.
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil.example""),""x""",`);
    expect(lines[1]).toContain('"{""note"":""+cmd, \\""quoted\\""""}"');

    const recorded = await server.database.query<{ actor_id: string; action: string; details: unknown }>(
      `SELECT actor_id, action, details FROM audit_log WHERE resource = 'audit-log' ORDER BY id DESC LIMIT 1`,
    );
    expect(recorded[0]).toMatchObject({
      actor_id: hr.id,
      action: 'export',
      details: { rows: 13, filter: { actorId: hr.id, from: '2026-04-01', to: '2026-04-30' } },
    });
  });

  it('offers no way to change the log: the service only appends, the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    // Both write through `record`, an INSERT: `readUnlessSelf` records a read of someone else's record.
    expect(Object.keys(createAuditLog(server.database.db))).toEqual(['record', 'readUnlessSelf']);
    const before = await server.database.query('SELECT * FROM audit_log ORDER BY id');
    await expect(server.database.query(`UPDATE audit_log SET actor_id = 'someone-else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(server.database.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(server.database.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await server.database.query('SELECT * FROM audit_log ORDER BY id')).toEqual(before);
    // And the API has no write route for it at all.
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const auditPaths = Object.entries(document.paths).filter(([path]) => path.startsWith('/api/hr/audit'));
    expect(auditPaths.flatMap(([, operations]) => Object.keys(operations))).toEqual(['get', 'get']);
  });
});
