import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEVELS, POLICY_TABLE, SYMBOLS } from '../../support/policy-table.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

async function getFramework(server: TestServer) {
  const someone = server.emulator.people.find((person) => person.levelId === 'shuji')!;
  const response = await fetch(`${server.url}/api/framework`, {
    headers: { authorization: `Bearer ${await server.tokenFor(someone.id)}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    version: string;
    guidelines: Array<{ id: string; name: { ja: string; en: string } }>;
    levels: Array<{ id: string; name: { ja: string; en: string }; title: { ja: string }; roles: unknown[] }>;
    competencies: Array<{ id: string; group: string; name: { ja: string; en: string } }>;
    expectations: Record<string, Record<string, string>>;
  };
}

describe('GET /api/framework', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('matches the policy table in every cell, with the contract shape', async () => {
    const framework = await getFramework(server);
    expect(framework.version).toMatch(/^kodaira-2022/);
    expect(framework.guidelines.map((guideline) => guideline.name.en)).toEqual([
      'Diversity',
      'Responsibility',
      'Identity',
      'Link',
      'Local love',
    ]);
    expect(framework.levels.map((level) => level.id)).toEqual(LEVELS);
    expect(framework.competencies.map((competency) => [competency.id, competency.name.ja])).toEqual(
      POLICY_TABLE.map(([id, name]) => [id, name]),
    );
    expect(framework.competencies.map((competency) => competency.group)).toEqual([
      ...Array<string>(6).fill('ability'),
      ...Array<string>(4).fill('attitude'),
    ]);
    let cells = 0;
    for (const [competencyId, , row] of POLICY_TABLE) {
      [...row].forEach((symbol, column) => {
        expect(framework.expectations[LEVELS[column]!]![competencyId]).toBe(SYMBOLS[symbol]);
        cells += 1;
      });
    }
    expect(cells).toBe(70);
  });
});

describe("another city's framework file", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { FRAMEWORK_FILE: 'test/fixtures/frameworks/small-city.json' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('is served instead, with no code change', async () => {
    const framework = await getFramework(server);
    expect(framework.version).toBe('small-city-2025.1');
    expect(framework.levels.map((level) => level.id)).toEqual(['manager', 'staff', 'partTime']);
  });
});
