import type { Logger } from 'pino';
import { z } from 'zod';
import type { MicrosoftConfig } from '../config.ts';
import type { ChangedStaff, Directory, DirectoryUser } from '../people/directory.port.ts';
import { createGraphClient, type GraphClient } from './graph-client.ts';
import { GraphError } from './graph-errors.ts';
import {
  graphUserSchema,
  removedUserSchema,
  STAFF_DELTA_SELECT,
  USER_SELECT,
  type GraphUser,
} from './graph-schemas.ts';
import { createAppTokenProvider } from './token-providers.ts';

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
export function createGraphDirectory(input: {
  microsoft: MicrosoftConfig;
  caCertPem: string | undefined;
  logger: Logger;
  client?: GraphClient;
}): Directory {
  const graph =
    input.client ??
    createGraphClient({
      baseUrl: input.microsoft.graphBaseUrl,
      getToken: createAppTokenProvider({ ...input.microsoft, caCertPem: input.caCertPem }),
      caCertPem: input.caCertPem,
      logger: input.logger,
    });
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

    async staffChanges(deltaLink) {
      const read = async (start: string) => {
        const entries: unknown[] = [];
        let next: string = start;
        for (;;) {
          const page = await graph.get<{
            value?: unknown[];
            '@odata.nextLink'?: string;
            '@odata.deltaLink'?: string;
          }>(next);
          entries.push(...(page.value ?? []));
          if (page['@odata.nextLink']) next = page['@odata.nextLink'];
          else if (page['@odata.deltaLink']) return { entries, deltaLink: page['@odata.deltaLink'] };
          else
            throw new GraphError(
              502,
              'DeltaWithoutLink',
              'users delta ended without a deltaLink',
              undefined,
              undefined,
            );
        }
      };
      const initial = `/users/delta?$select=${STAFF_DELTA_SELECT}`;
      let full = deltaLink === null;
      let round: Awaited<ReturnType<typeof read>>;
      try {
        round = await read(deltaLink ?? initial);
      } catch (error) {
        // "Duration of change tracking tokens": an expired link answers 400 syncStateNotFound; Outlook-style
        // resources answer 410 Gone. Either way the documented remedy is a full synchronisation.
        if (
          deltaLink === null ||
          !(error instanceof GraphError) ||
          !(error.code === 'syncStateNotFound' || error.status === 410)
        )
          throw error;
        input.logger.warn('the stored users delta link was refused; syncing the whole directory again');
        full = true;
        round = await read(initial);
      }
      const latest = new Map<string, DirectoryChange>();
      for (const value of round.entries) {
        const removed = removedUserSchema.safeParse(value);
        if (removed.success) {
          latest.set(removed.data.id, { gone: true });
          continue;
        }
        const user = parseUser(value);
        if (!user) continue;
        // The same user may appear more than once in a round; the last entry wins.
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
      return { full, staff, goneIds, deltaLink: round.deltaLink };
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
