// No Docker daemon or registry runs here, so the image cannot be built in CI. What can drift silently is
// the Dockerfile's steps against the ones `atk deploy` runs and the start command App Service uses:
// this keeps the three the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYamlSubset } from '../../support/yaml-subset.ts';

interface Stage {
  from: string;
  lines: string[];
}

/** The Dockerfile's stages, continuation lines joined, comments dropped. */
function dockerStages(): Stage[] {
  const text = readFileSync('Dockerfile', 'utf8').replace(/\\\n\s*/g, ' ');
  const stages: Stage[] = [];
  for (const line of text.split('\n').map((raw) => raw.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('FROM ')) stages.push({ from: line.slice(5), lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

function instruction(stage: Stage, name: string): string[] {
  return stage.lines.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1));
}

interface DeployAction {
  uses: string;
  with: { args?: string; workingDirectory?: string; artifactFolder?: string };
}

const deploy = (
  parseYamlSubset(readFileSync('m365agents.yml', 'utf8')) as unknown as { deploy: DeployAction[] }
).deploy;
const npmSteps = deploy.filter((action) => action.uses === 'cli/runNpmCommand');
const bicep = readFileSync('infra/azure.bicep', 'utf8');

describe('the Dockerfile, atk deploy and App Service run the same artefact', () => {
  const [build, artefact, runtime] = dockerStages();

  it('builds in three stages on Node 22', () => {
    expect(dockerStages()).toHaveLength(3);
    expect(readFileSync('Dockerfile', 'utf8')).toMatch(/^ARG NODE_IMAGE=node:22[-\w.]*$/m);
    expect(build!.from).toBe('${NODE_IMAGE} AS build');
    expect(artefact!.from).toBe('${NODE_IMAGE} AS artefact');
    expect(runtime!.from).toBe('${NODE_IMAGE}');
  });

  it('builds with the npm commands atk deploy runs at the repository root, in order', () => {
    const rootCommands = npmSteps
      .filter((step) => !step.with.workingDirectory)
      .map((step) => `npm ${step.with.args}`);
    expect(instruction(build!, 'RUN')).toEqual([rootCommands.join(' && ')]);
  });

  it('installs the runtime dependencies inside dist/app as atk deploy does, and ships that folder', () => {
    const inArtefact = npmSteps.filter((step) => step.with.workingDirectory === './dist/app');
    expect(inArtefact).toHaveLength(1);
    expect(instruction(artefact!, 'COPY')).toEqual(['--from=build /src/dist/app ./']);
    expect(instruction(artefact!, 'RUN')[0]).toMatch(new RegExp(`^npm ${inArtefact[0]!.with.args} &&`));
    const zipDeploy = deploy.find((action) => action.uses === 'azureAppService/zipDeploy');
    expect(zipDeploy?.with.artifactFolder).toBe('./dist/app');
  });

  it('starts with the command App Service is given, as a non-root user, node receiving the signals', () => {
    const start = JSON.parse(instruction(runtime!, 'CMD')[0]!) as string[];
    expect(start).toEqual(['node', 'server/src/main.js']);
    expect(bicep).toContain(`appCommandLine: '${start.join(' ')}'`);
    expect(instruction(runtime!, 'USER')).toEqual(['node']);
    expect(instruction(runtime!, 'STOPSIGNAL')).toEqual(['SIGTERM']);
  });

  it('checks liveness in the container and readiness at the App Service load balancer', () => {
    expect(instruction(runtime!, 'HEALTHCHECK')[0]).toContain('/api/health/live');
    expect(bicep).toContain("healthCheckPath: '/api/health/ready'");
  });

  it('keeps secrets and local state out of the build context', () => {
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n');
    for (const entry of ['.git', 'node_modules', 'dist', '.data', '*.user', 'env/.env.dev']) {
      expect(ignored, entry).toContain(entry);
    }
  });
});
