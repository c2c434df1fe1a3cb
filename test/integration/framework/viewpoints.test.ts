import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = { id: string; levelId: string | null; department: string | null; appRoles: string[] };

describe('着眼点 (GET/PUT /api/framework/viewpoints)', () => {
  let server: TestServer;
  let hr: Person;
  let shuji: Person;
  let period: string;

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people as Person[];
    hr = people.find((person) => person.appRoles.length > 0)!;
    shuji = people.find((person) => person.levelId === 'shuji' && person.appRoles.length === 0)!;
    period = halfPeriodAt(new Date()).id;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = apiCaller(() => server);
  const cell = (levelId: string, competencyId: string) =>
    `/api/framework/viewpoints/${levelId}/${competencyId}`;

  it('lets HR write a 着眼点 for the framework in force, versioned and audited, and shows it in the self-check', async () => {
    const written = await call(hr, 'PUT', cell('shuji', 'explanation'), {
      version: 0,
      ja: '  相手に合わせて、根拠を示しながら分かりやすく説明している。 ',
      en: '',
    });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({
      levelId: 'shuji',
      competencyId: 'explanation',
      ja: '相手に合わせて、根拠を示しながら分かりやすく説明している。',
      en: '',
      version: 1,
    });
    const changed = await call(hr, 'PUT', cell('shuji', 'explanation'), {
      version: 1,
      ja: '相手に合わせて、根拠を示しながら説明している。',
      en: 'Explains with evidence, in terms the listener understands.',
    });
    expect(changed.body).toMatchObject({ version: 2 });

    const list = await call(shuji, 'GET', '/api/framework/viewpoints');
    expect(list.status).toBe(200);
    expect(list.body.frameworkVersion).toMatch(/^kodaira-2022/);
    expect(list.body.viewpoints).toEqual([expect.objectContaining({ levelId: 'shuji', version: 2 })]);

    const selfCheck = await call(shuji, 'GET', `/api/people/me/self-checks/${period}`);
    expect(selfCheck.body.viewpoints).toEqual({
      explanation: {
        ja: '相手に合わせて、根拠を示しながら説明している。',
        en: 'Explains with evidence, in terms the listener understands.',
      },
    });

    const audit = await server.database.query<{ actor_id: string; details: Record<string, unknown> }>(
      `SELECT actor_id, details FROM audit_log WHERE resource = 'competency-viewpoint' ORDER BY id`,
    );
    expect(audit.map((row) => [row.actor_id, row.details.change, row.details.version])).toEqual([
      [hr.id, 'written', 1],
      [hr.id, 'changed', 2],
    ]);
  });

  it('refuses everyone but HR, bad cells and bad text, and changes nothing', async () => {
    const before = await snapshotState(server);
    const cases: Array<[string, Person, string, unknown, number]> = [
      ['not HR', shuji, cell('shuji', 'planning'), { version: 0, ja: '書く', en: '' }, 403],
      ['unknown level', hr, cell('nobody', 'planning'), { version: 0, ja: '書く', en: '' }, 404],
      ['unknown competency', hr, cell('shuji', 'juggling'), { version: 0, ja: '書く', en: '' }, 404],
      // 統率力 is blank for 主事級: no self-check item, so nothing to write a 着眼点 for.
      ['blank cell', hr, cell('shuji', 'leadership'), { version: 0, ja: '書く', en: '' }, 422],
      ['English without Japanese', hr, cell('shuji', 'planning'), { version: 0, ja: ' ', en: 'x' }, 400],
      ['too long', hr, cell('shuji', 'planning'), { version: 0, ja: 'あ'.repeat(1001), en: '' }, 400],
      ['NUL', hr, cell('shuji', 'planning'), { version: 0, ja: 'a\u0000', en: '' }, 400],
      ['extra field', hr, cell('shuji', 'planning'), { version: 0, ja: '書く', en: '', x: 1 }, 400],
      ['no version', hr, cell('shuji', 'planning'), { ja: '書く', en: '' }, 400],
      ['bad id', hr, cell('Shuji', 'planning'), { version: 0, ja: '書く', en: '' }, 400],
      ['stale version', hr, cell('shuji', 'explanation'), { version: 1, ja: '古い', en: '' }, 409],
      ['first write with a version', hr, cell('shuji', 'planning'), { version: 3, ja: '書く', en: '' }, 409],
    ];
    for (const [name, who, path, body, status] of cases) {
      const answer = await call(who, 'PUT', path, body);
      expect([name, answer.status]).toEqual([name, status]);
    }
    expect(await snapshotState(server)).toBe(before);
  });

  it('clears a 着眼点 when both texts are empty (204), so the self-check falls back to the policy', async () => {
    await call(hr, 'PUT', cell('shuji', 'planning'), { version: 0, ja: '計画を立てている。', en: '' });
    const response = await fetch(`${server.url}${cell('shuji', 'planning')}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${await server.tokenFor(hr.id)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ version: 1, ja: '', en: '' }),
    });
    expect(response.status).toBe(204);
    const selfCheck = await call(shuji, 'GET', `/api/people/me/self-checks/${period}`);
    expect(Object.keys(selfCheck.body.viewpoints as object)).toEqual(['explanation']);
  });

  it('shows a self-check the 着眼点 of the framework version it was written under, not the one in force', async () => {
    const saved = await call(shuji, 'PUT', `/api/people/me/self-checks/${period}`, {
      version: 0,
      ratings: { explanation: { rating: 3, evidence: '' } },
      reflections: {},
    });
    expect(saved.status).toBe(200);
    // As if it had been written under an earlier policy file, whose 着眼点 HR wrote then.
    await server.database.query(
      `UPDATE self_checks SET framework_version = 'kodaira-2021.1' WHERE person_id = $1 AND period = $2`,
      [shuji.id, period],
    );
    await server.database.query(
      `INSERT INTO competency_viewpoints (framework_version, level_id, competency_id, text_ja, text_en)
       VALUES ('kodaira-2021.1', 'shuji', 'cooperation', '前の版の着眼点', '')`,
    );
    const read = await call(shuji, 'GET', `/api/people/me/self-checks/${period}`);
    expect(read.body.frameworkVersion).toBe('kodaira-2021.1');
    expect(read.body.viewpoints).toEqual({ cooperation: { ja: '前の版の着眼点', en: '' } });
    // The version in force still lists only its own.
    const list = await call(hr, 'GET', '/api/framework/viewpoints');
    expect(
      (list.body.viewpoints as Array<{ competencyId: string }>).map((entry) => entry.competencyId),
    ).toEqual(['explanation']);
  });
});
