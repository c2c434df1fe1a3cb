// What the server answers in local mode, for the routes most views ask for first.
import type { MeResponse } from '../../../src/people/people.contract.ts';
import frameworkFile from '../../../src/framework/data/kodaira-2022.json' with { type: 'json' };
import { frameworkSchema, type Framework } from '../../../src/framework/framework.schema.ts';

/** The framework the server serves by default (src/app-paths.ts), parsed as the server parses it. */
export const framework: Framework = frameworkSchema.parse(frameworkFile);

/** The competencies a 主事's self-check asks about, in the framework's order. */
export const SHUJI_ITEMS = [
  'explanation',
  'planning',
  'problemSolving',
  'cooperation',
  'initiative',
  'aspiration',
  'discipline',
];

/** GET /api/me for a staff member of `levelId`. */
export function meAt(levelId: string | null, overrides: Partial<MeResponse> = {}): MeResponse {
  return {
    id: `person-${levelId ?? 'none'}`,
    displayName: '小平 花子',
    userPrincipalName: 'hanako@kodaira.example',
    department: '人事課',
    division: '総務部',
    jobTitle: null,
    levelId,
    employmentType: 'regular',
    managerId: null,
    roles: ['employee'],
    ...overrides,
  };
}
