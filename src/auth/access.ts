import { AppError } from '../http/app-error.ts';
import type { AuthenticatedUser } from '../http/route.ts';

/**
 * How the caller stands to the person whose data is asked for, strongest first: the person themself;
 * anyone above them in the reporting chain; HR (the personnel section, by app role); someone of the
 * same 課; anyone else.
 */
export type Relation = 'self' | 'supervisor' | 'hr' | 'colleague' | 'none';

/** Who is acting: the signed-in person and whether their token carries the HR app role. */
export interface Actor {
  id: string;
  isHr: boolean;
}

/** The actor of a signed-in route's caller (defineRoute gives every `user` route its user). */
export function actorOf(user: Pick<AuthenticatedUser, 'id' | 'isHr'>): Actor {
  return { id: user.id, isHr: user.isHr };
}

export interface ReportingLines {
  /**
   * In one round trip: whether `actorId` is above `subjectId` in the lines in force, within `maxDepth`
   * levels, and each one's 課 (null when unknown).
   */
  standing(
    actorId: string,
    subjectId: string,
    maxDepth: number,
  ): Promise<{ above: boolean; actorDepartment: string | null; subjectDepartment: string | null }>;
}

const MAX_CHAIN = 12;

/**
 * Decides access from reporting lines and the HR role: a person reaches their own data; everyone above
 * them in the chain (課長 above 係長 above 主事) reaches it as supervisor; HR reaches it as HR; people of
 * the same 課 are colleagues, who see only what the workplace shares.
 */
export function createAccessPolicy(lines: ReportingLines) {
  const relation = async (actor: Actor, subjectId: string): Promise<Relation> => {
    if (actor.id === subjectId) return 'self';
    // The whole chain and both 課 in one query, not one per level.
    const { above, actorDepartment, subjectDepartment } = await lines.standing(
      actor.id,
      subjectId,
      MAX_CHAIN,
    );
    if (above) return 'supervisor';
    if (actor.isHr) return 'hr';
    // Same 課: the policy asks for goals to be shared in the workplace.
    if (actorDepartment && actorDepartment === subjectDepartment) return 'colleague';
    return 'none';
  };
  return {
    relation,
    async require(actor: Actor, subjectId: string, allowed: readonly Relation[]): Promise<Relation> {
      const found = await relation(actor, subjectId);
      if (!allowed.includes(found)) {
        throw new AppError('forbidden', 'You may not access this person’s data for this action.');
      }
      return found;
    },
  };
}

export type AccessPolicy = ReturnType<typeof createAccessPolicy>;
