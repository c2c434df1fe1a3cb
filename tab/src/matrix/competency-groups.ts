import type { Competency, Framework } from '../../../src/framework/framework.contract.ts';

type Group = Framework['competencyGroups'][number];

/** The framework's competencies under their groups, both in the framework's order. */
export function competenciesByGroup(
  framework: Pick<Framework, 'competencyGroups' | 'competencies'>,
): Array<{ group: Group; competencies: Competency[] }> {
  return framework.competencyGroups.map((group) => ({
    group,
    competencies: framework.competencies.filter((competency) => competency.group === group.id),
  }));
}
