import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsedOrThrow, SettingsFileError } from '../../../src/framework/framework-loader.ts';

const schema = z.object({ scale: z.array(z.object({ id: z.string(), points: z.number() })) });
const fail = (problems: string[]) => new SettingsFileError('test settings', 'city.json', problems);

describe('a settings file read at start-up', () => {
  it('gives what the schema makes of a valid file', () => {
    expect(parsedOrThrow(schema, { scale: [{ id: 'A', points: 5 }] }, fail)).toEqual({
      scale: [{ id: 'A', points: 5 }],
    });
  });

  it('names the file and, for each problem, where it is', () => {
    const attempt = () =>
      parsedOrThrow(schema, { scale: [{ id: 'A', points: 'five' }, { points: 1 }] }, fail);
    expect(attempt).toThrow(SettingsFileError);
    expect(attempt).toThrow(/^The test settings file city\.json is not valid:\n {2}- scale\[0\]\.points: /);
    try {
      attempt();
    } catch (error) {
      expect((error as SettingsFileError).source).toBe('city.json');
      expect((error as SettingsFileError).problems.map((problem) => problem.split(':')[0])).toEqual([
        'scale[0].points',
        'scale[1].id',
      ]);
    }
  });

  it('says (root) for a problem with the whole file', () => {
    expect(() => parsedOrThrow(schema, 'text', fail)).toThrow(/- \(root\): /);
  });
});
