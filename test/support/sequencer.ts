// The order in which `npm test` starts its files. Vitest runs one project's files after another's (a
// worker keeps one project's module graph), in the order of the projects' names: component, e2e,
// integration, production, unit. That left the production test (the built artefact booted, about 35 s)
// to run last, alone beside the unit files. Here, within each phase (`sequence.groupOrder` in
// vitest.config.ts), the long projects start first and the short files fill the end: e2e, then
// production, integration and the unit files. Within a project Vitest's own order holds (failed first,
// then the longest by the last run's times, then the largest files).
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const PROJECT_ORDER = ['e2e', 'production', 'integration', 'unit', 'unit-mocks'];

function rank(spec: TestSpecification): number {
  const index = PROJECT_ORDER.indexOf(spec.project.name);
  return index === -1 ? PROJECT_ORDER.length : index;
}

/** `sequence.groupOrder`: phases run one after the other (vitest.config.ts). */
function phase(spec: TestSpecification): number {
  return spec.project.config.sequence.groupOrder;
}

export class ProjectOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort((a, b) => phase(a.spec) - phase(b.spec) || rank(a.spec) - rank(b.spec) || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
