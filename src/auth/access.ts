import { AppError } from '../http/app-error.ts';

/** How the caller stands to the person whose data is asked for. */
export type Relation = 'self' | 'supervisor' | 'colleague' | 'none';

export interface ReportingLines {
  managerOf(personId: string): Promise<string | null>;
  departmentOf(personId: string): Promise<string | null>;
}

const MAX_CHAIN = 12;

/**
 * Decides access from reporting lines: a person reaches their own data; everyone above them in the
 * chain (課長 above 係長 above 主事) reaches it as supervisor; people of the same 課 are colleagues, who
 * see only what the workplace shares. HR's role arrives with the HR console.
 */
export function createAccessPolicy(lines: ReportingLines) {
  const relation = async (actorId: string, subjectId: string): Promise<Relation> => {
    if (actorId === subjectId) return 'self';
    let current: string | null = subjectId;
    for (let depth = 0; depth < MAX_CHAIN && current; depth += 1) {
      current = await lines.managerOf(current);
      if (current === actorId) return 'supervisor';
    }
    // Same 課: the policy asks for goals to be shared in the workplace.
    const [actorDepartment, subjectDepartment] = await Promise.all([
      lines.departmentOf(actorId),
      lines.departmentOf(subjectId),
    ]);
    if (actorDepartment && actorDepartment === subjectDepartment) return 'colleague';
    return 'none';
  };
  return {
    relation,
    async require(actorId: string, subjectId: string, allowed: readonly Relation[]): Promise<Relation> {
      const found = await relation(actorId, subjectId);
      if (!allowed.includes(found)) {
        throw new AppError('forbidden', 'You may not access this person’s data for this action.');
      }
      return found;
    },
  };
}

export type AccessPolicy = ReturnType<typeof createAccessPolicy>;
