// docs/deploy.md is followed step by step by a city's IT staff: every repository file it names must
// exist, and every file it has them create must come from a committed example or a named step.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const runbook = readFileSync('docs/deploy.md', 'utf8');

/** Files the runbook's steps create rather than the repository holding them, and what creates each. */
const CREATED_BY_STEPS: Record<string, string> = {
  'env/.env.dev': 'cp env/.env.dev.example env/.env.dev',
  'env/.env.dev.user': 'cp env/.env.dev.user.example env/.env.dev.user',
  'env/local-tenant/.env.local': 'cp env/local-tenant/.env.local.example env/local-tenant/.env.local',
  'env/local-tenant/.env.service.user': 'target: ./env/local-tenant/.env.service.user',
};

function namedPaths(): string[] {
  const tokens = [...runbook.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]!);
  return [
    ...new Set(
      tokens.filter(
        (token) =>
          /^(env|infra|src|appPackage|test|docs)\/[\w./-]*$/.test(token) ||
          /^(m365agents(\.local)?\.yml|aad\.manifest\.json|Dockerfile|README\.md)$/.test(token),
      ),
    ),
  ];
}

describe('docs/deploy.md', () => {
  it('names repository files that exist', () => {
    const paths = namedPaths();
    expect(paths.length).toBeGreaterThan(10);
    const missing = paths.filter((file) => !existsSync(file) && !(file in CREATED_BY_STEPS));
    expect(missing).toEqual([]);
  });

  it('has a step or an action that creates each file it does not ship, and git ignores it', () => {
    const sources = [runbook, readFileSync('m365agents.local.yml', 'utf8')].join('\n');
    const ignored = readFileSync('.gitignore', 'utf8').split('\n');
    for (const [file, step] of Object.entries(CREATED_BY_STEPS)) {
      expect(sources, file).toContain(step);
      // They hold the city's ids or secrets.
      expect(file.endsWith('.user') ? ignored.includes('*.user') : ignored.includes(file), file).toBe(true);
    }
  });

  it('uses only npm scripts the project defines', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    const used = [...runbook.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!);
    expect(used.filter((name) => !(name in scripts))).toEqual([]);
  });
});
