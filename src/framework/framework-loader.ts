import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { ErrorDetail } from '../http/app-error.ts';
import {
  frameworkSchema,
  type CompetencyId,
  type Framework,
  type LevelId,
  type MarkId,
} from './framework.schema.ts';

/** A file read at start-up that is not valid: the message names the file and lists each problem. */
export class SettingsFileError extends Error {
  constructor(
    what: string,
    readonly source: string,
    readonly problems: string[],
  ) {
    super(
      `The ${what} file ${source} is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
}

export class FrameworkError extends SettingsFileError {
  constructor(source: string, problems: string[]) {
    super('framework', source, problems);
    this.name = 'FrameworkError';
  }
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part),
    '',
  );
}

/** What `schema` makes of `json`; else the error `fail` makes of the problems, each saying where it is. */
export function parsedOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  json: unknown,
  fail: (problems: string[]) => SettingsFileError,
): z.output<Schema> {
  const result = schema.safeParse(json);
  if (!result.success)
    throw fail(result.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`));
  return result.data;
}

/** Validates a parsed framework file; the error names the file and, for each problem, where it is. */
export function parseFramework(json: unknown, source: string): Framework {
  return parsedOrThrow(frameworkSchema, json, (problems) => new FrameworkError(source, problems));
}

export async function loadFramework(filePath: string): Promise<Framework> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new FrameworkError(filePath, [`cannot be read: ${(error as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FrameworkError(filePath, [`is not JSON: ${(error as Error).message}`]);
  }
  return parseFramework(json, filePath);
}

/**
 * The mark of one cell. An unknown level (a person whose job title maps to no level) is expected
 * nothing, the same as a blank cell; validation has already made every known cell explicit.
 */
export function markFor(framework: Framework, levelId: LevelId, competencyId: CompetencyId): MarkId {
  return framework.expectations[levelId]?.[competencyId] ?? 'none';
}

/** The competencies a level is expected to show (every mark but blank), in policy order. */
export function expectedCompetencies(framework: Framework, levelId: LevelId): CompetencyId[] {
  return framework.competencies
    .map((competency) => competency.id)
    .filter((competencyId) => markFor(framework, levelId, competencyId) !== 'none');
}

/**
 * What is wrong with the competency and guideline ids an input links to: one detail for each id the
 * framework does not have (goals, training courses and reports link to both).
 */
export function unknownFrameworkLinks(
  framework: Framework,
  input: { competencyIds: readonly string[]; guidelineIds: readonly string[] },
): ErrorDetail[] {
  const competencyIds = new Set(framework.competencies.map((competency) => competency.id));
  const guidelineIds = new Set(framework.guidelines.map((guideline) => guideline.id));
  return [
    ...input.competencyIds
      .filter((id) => !competencyIds.has(id))
      .map((id) => ({ path: 'body.competencyIds', message: `unknown competency ${id}` })),
    ...input.guidelineIds
      .filter((id) => !guidelineIds.has(id))
      .map((id) => ({ path: 'body.guidelineIds', message: `unknown guideline ${id}` })),
  ];
}
