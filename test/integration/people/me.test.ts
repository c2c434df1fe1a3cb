import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('GET /api/me', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const me = async (user: string) => {
    const response = await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Bearer ${await server.tokenFor(user)}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };

  it.each(['shuji', 'kacho', 'kaikeiNendo', 'bucho', 'kakaricho'])(
    "returns a %s's own name, department and job level from the directory",
    async (levelId) => {
      const person = server.emulator.people.find((candidate) => candidate.levelId === levelId)!;
      expect(person, `the seed has a ${levelId}`).toBeDefined();
      const profile = await me(person.userPrincipalName);
      expect(profile).toMatchObject({
        id: person.id,
        displayName: person.displayName,
        userPrincipalName: person.userPrincipalName,
        department: person.department,
        levelId,
        employmentType: levelId === 'kaikeiNendo' ? 'fiscalYear' : 'regular',
        managerId: person.managerId ?? null,
      });
    },
  );

  it('marks people with direct reports as supervisors', async () => {
    const manager = server.emulator.people.find((candidate) => candidate.levelId === 'kacho')!;
    const report = server.emulator.people.find((candidate) => candidate.levelId === 'shuji')!;
    expect((await me(manager.id)).roles).toContain('supervisor');
    expect((await me(report.id)).roles).toEqual(['employee']);
  });

  it('marks holders of the HR app role as HR, and only them', async () => {
    const hr = server.emulator.people.filter((candidate) => candidate.appRoles.includes('Hagukumi.HR'));
    expect(hr.map((person) => person.department)).toEqual(['職員課', '職員課', '職員課']);
    for (const person of hr) expect((await me(person.id)).roles).toContain('hr');
    const colleague = server.emulator.people.find(
      (candidate) => candidate.department === '職員課' && candidate.levelId === 'shuji',
    )!;
    expect((await me(colleague.id)).roles).not.toContain('hr');
  });

  it('lets HR find staff by name or 課, and nobody else', async () => {
    const hr = server.emulator.people.find((candidate) => candidate.appRoles.includes('Hagukumi.HR'))!;
    const someone = server.emulator.people.find((candidate) => candidate.department === '保育課')!;
    const search = async (as: string, text: string) =>
      fetch(`${server.url}/api/people?search=${encodeURIComponent(text)}`, {
        headers: { authorization: `Bearer ${await server.tokenFor(as)}` },
      });
    const byName = (await (await search(hr.id, someone.displayName)).json()) as Array<{ id: string }>;
    expect(byName.map((person) => person.id)).toContain(someone.id);
    const bySection = (await (await search(hr.id, '保育課')).json()) as Array<{ department: string }>;
    expect(bySection.length).toBeGreaterThan(5);
    expect(bySection.every((person) => person.department === '保育課')).toBe(true);
    // LIKE wildcards are taken literally.
    expect(await (await search(hr.id, '%')).json()).toEqual([]);
    expect((await search(someone.id, '保育課')).status).toBe(403);
  });

  it('answers for different people differently (the token decides who you are)', async () => {
    const [first, second] = server.emulator.people.filter((candidate) => candidate.levelId === 'shuji');
    expect((await me(first!.id)).id).toBe(first!.id);
    expect((await me(second!.id)).id).toBe(second!.id);
  });
});
