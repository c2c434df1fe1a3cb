import type { EmploymentType } from './people.contract.ts';

export interface LevelNames {
  id: string;
  name: { ja: string; en: string };
  employmentType?: EmploymentType;
}

const normalise = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').replace(/級$/, '');

/**
 * The framework level a directory job title stands for: "主事" and "主事級" both mean the 主事級 level.
 * Unknown titles map to null rather than a guess, so the tab can say the level is not set.
 */
export function levelIdForJobTitle(levels: readonly LevelNames[], jobTitle: string | null): string | null {
  if (!jobTitle) return null;
  const wanted = normalise(jobTitle);
  for (const level of levels) {
    if (normalise(level.name.ja) === wanted || level.id === jobTitle) return level.id;
  }
  return null;
}

export function employmentTypeOf(
  levels: readonly LevelNames[],
  levelId: string | null,
  employeeType: string | null,
): EmploymentType {
  if (employeeType && /会計年度|fiscal/i.test(employeeType)) return 'fiscalYear';
  const level = levels.find((candidate) => candidate.id === levelId);
  return level?.employmentType ?? 'regular';
}
