import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../../src/app-paths.ts';
import {
  EvaluationConfigError,
  loadEvaluationConfig,
  parseEvaluationConfig,
} from '../../../src/evaluation/evaluation-config.ts';

const shipped = () =>
  JSON.parse(readFileSync(appPaths.defaultEvaluationFile, 'utf8')) as Record<string, unknown>;
const problemsOf = (json: unknown): string[] => {
  try {
    parseEvaluationConfig(json, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationConfigError);
    return (error as EvaluationConfigError).problems;
  }
  return [];
};

describe('the 人事評価 settings file (docs/evaluation.md)', () => {
  it('ships a valid scale, best first, and both stages', async () => {
    const config = await loadEvaluationConfig(appPaths.defaultEvaluationFile);
    expect(config.scale.map((entry) => entry.id)).toEqual(['S', 'A', 'B', 'C', 'D']);
    expect(config.stages.second.label).toEqual({ ja: '2次評価者', en: 'Second evaluator' });
  });

  it('refuses a scale with a repeated id or out of order, naming where', () => {
    const config = shipped();
    const scale = config.scale as Array<Record<string, unknown>>;
    expect(problemsOf({ ...config, scale: [scale[0], { ...scale[1], id: 'S' }] })).toEqual([
      'scale[1].id: duplicate id S',
    ]);
    expect(problemsOf({ ...config, scale: [scale[1], scale[0]] })).toEqual([
      'scale[1].points: must be lower than the entry before it (the scale is best first)',
    ]);
  });

  it('refuses a label without English, a missing stage and a one-step scale', () => {
    const config = shipped();
    const scale = config.scale as Array<Record<string, unknown>>;
    expect(problemsOf({ ...config, scale: [{ ...scale[0], label: { ja: 'S' } }, scale[1]] })).toEqual([
      expect.stringMatching(/^scale\[0\]\.label\.en: /),
    ]);
    expect(problemsOf({ ...config, stages: { first: (config.stages as { first: unknown }).first } })).toEqual(
      [expect.stringMatching(/^stages\.second: /)],
    );
    expect(problemsOf({ ...config, scale: [scale[0]] })).toEqual([expect.stringMatching(/^scale: /)]);
  });

  it('refuses a file that is missing or not JSON, naming it', async () => {
    await expect(loadEvaluationConfig('/nonexistent/evaluation.json')).rejects.toThrow(
      /The evaluation settings file \/nonexistent\/evaluation\.json is not valid/,
    );
  });
});
