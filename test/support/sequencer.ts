// The order in which `npm test` starts its files. Vitest runs one project's files after another's (a
// worker keeps one project's module graph), in the order of the projects' names: component, e2e,
// integration, production, unit. That left the production test (the built artefact booted, about 35 s)
// to run last, alone beside the unit files. Here, within each phase (`sequence.groupOrder` in
// vitest.config.ts), the long projects start first and the short files fill the end: e2e, then
// production, integration and the unit files. Within a project Vitest's own order holds (failed first,
// then the longest by the last run's times, then the largest files), unless TEST_SHUFFLE_SEED=<n> asks
// for a seeded random order within each project, to check that no file depends on another running first
// (Vitest's own `--sequence.shuffle.files` picks its RandomSequencer, which a custom sequencer replaces).
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { seededRandom } from '../../src/dev/m365-emulator/seed-organisation.ts';

const PROJECT_ORDER = ['e2e', 'production', 'integration', 'unit', 'unit-mocks'];

function rank(spec: TestSpecification): number {
  const index = PROJECT_ORDER.indexOf(spec.project.name);
  return index === -1 ? PROJECT_ORDER.length : index;
}

/** `sequence.groupOrder`: phases run one after the other (vitest.config.ts). */
function phase(spec: TestSpecification): number {
  return spec.project.config.sequence.groupOrder;
}

/** The files in a random order of `seed`'s: the same seed and files give the same order on any machine. */
function shuffled(files: TestSpecification[], seed: number): TestSpecification[] {
  const next = seededRandom(seed);
  const order = [...files].sort((a, b) => (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function shuffleSeed(): number | undefined {
  const value = process.env.TEST_SHUFFLE_SEED;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`TEST_SHUFFLE_SEED must be a whole number, not "${value}".`);
  return Number(value);
}

export class ProjectOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seed = shuffleSeed();
    const sorted = seed === undefined ? await super.sort(files) : shuffled(files, seed);
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort((a, b) => phase(a.spec) - phase(b.spec) || rank(a.spec) - rank(b.spec) || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
