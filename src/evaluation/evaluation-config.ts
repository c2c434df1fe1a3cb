import { readFile } from 'node:fs/promises';
import { parsedOrThrow, SettingsFileError } from '../framework/framework-loader.ts';
import { evaluationConfigSchema, type EvaluationConfig } from './evaluation-config.schema.ts';

export class EvaluationConfigError extends SettingsFileError {
  constructor(source: string, problems: string[]) {
    super('evaluation settings', source, problems);
    this.name = 'EvaluationConfigError';
  }
}

/** Validates parsed settings; the error names the file and, for each problem, where it is. */
export function parseEvaluationConfig(json: unknown, source: string): EvaluationConfig {
  return parsedOrThrow(
    evaluationConfigSchema,
    json,
    (problems) => new EvaluationConfigError(source, problems),
  );
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
