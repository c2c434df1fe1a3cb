import { readFile } from 'node:fs/promises';
import { formatPath } from '../framework/framework-loader.ts';
import { evaluationConfigSchema, type EvaluationConfig } from './evaluation-config.schema.ts';

export class EvaluationConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(
      `The evaluation settings file ${source} is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'EvaluationConfigError';
  }
}

/** Validates parsed settings; the error names the file and, for each problem, where it is. */
export function parseEvaluationConfig(json: unknown, source: string): EvaluationConfig {
  const result = evaluationConfigSchema.safeParse(json);
  if (!result.success)
    throw new EvaluationConfigError(
      source,
      result.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`),
    );
  return result.data;
}

/** The scale and stages (docs/evaluation.md), read at start-up: an invalid file stops the server. */
export async function loadEvaluationConfig(filePath: string): Promise<EvaluationConfig> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(filePath, 'utf8'));
  } catch (error) {
    throw new EvaluationConfigError(filePath, [`cannot be read as JSON: ${(error as Error).message}`]);
  }
  return parseEvaluationConfig(json, filePath);
}
