import { z } from 'zod';
import {
  DirectoryRoundRefused,
  type ChangedStaff,
  type Directory,
  type DirectoryUser,
} from '../people/directory.port.ts';
import { appGraphClient, type AppGraphInput } from './app-graph-client.ts';
import { GraphError } from './graph-errors.ts';
import {
  graphUserSchema,
  removedUserSchema,
  STAFF_DELTA_SELECT,
  USER_SELECT,
  type GraphUser,
} from './graph-schemas.ts';

const managerIdSchema = z.object({ id: z.string().min(1) });

function toDirectoryUser(user: GraphUser, managerId: string | null): DirectoryUser {
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    mail: user.mail ?? null,
    employeeId: user.employeeId ?? null,
    jobTitle: user.jobTitle ?? null,
    department: user.department ?? null,
    division: user.employeeOrgData?.division ?? null,
    employeeType: user.employeeType ?? null,
    employeeHireDate: user.employeeHireDate ?? null,
    managerId,
  };
}

/** The organisation's directory through Graph, with the app's own identity (User.Read.All). */
export function createGraphDirectory(input: AppGraphInput): Directory {
  const graph = appGraphClient(input);
  const parseUser = (value: unknown) => {
    const parsed = graphUserSchema.safeParse(value);
    if (!parsed.success) {
      input.logger.warn(
        { issues: parsed.error.issues.length },
        'skipping a directory entry Graph returned in an unexpected shape',
      );
      return undefined;
    }
    return parsed.data;
  };

  return {
    async getUser(id) {
      const [userResult, managerResult] = await graph.batch([
        { id: 'user', method: 'GET', url: `/users/${encodeURIComponent(id)}?$select=${USER_SELECT}` },
        { id: 'manager', method: 'GET', url: `/users/${encodeURIComponent(id)}/manager?$select=id` },
      ]);
      if (userResult!.status === 404) return null;
      if (userResult!.status !== 200)
        throw new GraphError(
          userResult!.status,
          'UserLookupFailed',
          'Could not read the user',
          undefined,
          undefined,
        );
      const user = parseUser(userResult!.body);
      if (!user) return null;
      const manager =
        managerResult!.status === 200 ? managerIdSchema.safeParse(managerResult!.body) : undefined;
      const managerId = manager?.success ? manager.data.id : null;
      return toDirectoryUser(user, managerId);
    },

    async getDirectReportIds(id) {
      const reports = await graph.getAll<{ id?: unknown }>(
        `/users/${encodeURIComponent(id)}/directReports?$select=id`,
      );
      return reports
        .map((report) => report.id)
        .filter((reportId): reportId is string => typeof reportId === 'string');
    },

    async readStaffPage(link) {
      let page: { value?: unknown[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
      try {
        page = await graph.get(link ?? `/users/delta?$select=${STAFF_DELTA_SELECT}`);
      } catch (error) {
        // "Use delta query" (token duration, synchronization reset): an expired state token answers a 40X
        // with syncStateNotFound, a reset answers 410 Gone. The documented remedy is a full round.
        if (
          link !== null &&
          error instanceof GraphError &&
          (error.code === 'syncStateNotFound' || error.status === 410)
        )
          throw new DirectoryRoundRefused('the directory refused the users delta link', { cause: error });
        throw error;
      }
      const nextLink = page['@odata.nextLink'] ?? null;
      const deltaLink = nextLink ? null : (page['@odata.deltaLink'] ?? null);
      if (!nextLink && !deltaLink)
        throw new GraphError(
          502,
          'DeltaWithoutLink',
          'users delta ended without a deltaLink',
          undefined,
          undefined,
        );
      // The same user may appear more than once in a round; the last entry wins (here and across pages).
      const latest = new Map<string, DirectoryChange>();
      for (const value of page.value ?? []) {
        const removed = removedUserSchema.safeParse(value);
        if (removed.success) {
          latest.set(removed.data.id, { gone: true });
          continue;
        }
        const user = parseUser(value);
        if (!user) continue;
        latest.set(user.id, isStaff(user) ? { gone: false, user } : { gone: true });
      }
      const staff: ChangedStaff[] = [];
      const goneIds: string[] = [];
      for (const [id, change] of latest) {
        if (change.gone) {
          goneIds.push(id);
          continue;
        }
        const managerDelta = change.user['manager@delta'];
        const manager = managerDelta?.find((entry) => !entry['@removed']);
        const managerId = managerDelta === undefined ? undefined : (manager?.id ?? null);
        staff.push({ ...toDirectoryUser(change.user, null), managerId });
      }
      return { staff, goneIds, nextLink, deltaLink };
    },
  };
}

type DirectoryChange = { gone: true } | { gone: false; user: GraphUser };

/**
 * Staff, by the user resource's documented properties: a member (not a guest), able to sign in, and
 * licensed. Shared and room mailboxes are created with sign-in blocked and hold no licence.
 */
function isStaff(user: GraphUser): boolean {
  return (
    user.accountEnabled === true &&
    (user.userType ?? 'Member') === 'Member' &&
    (user.assignedLicenses ?? []).length > 0
  );
}
