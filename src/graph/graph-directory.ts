import type { Logger } from 'pino';
import { z } from 'zod';
import type { MicrosoftConfig } from '../config.ts';
import type { Directory, DirectoryUser } from '../people/directory.port.ts';
import { createGraphClient, type GraphClient } from './graph-client.ts';
import { GraphError } from './graph-errors.ts';
import { graphUserSchema, USER_SELECT, type GraphUser } from './graph-schemas.ts';
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

    async listUsers() {
      // One paged listing with each user's manager expanded: no per-user manager calls.
      const users = await graph.getAll<unknown>(
        `/users?$select=${USER_SELECT}&$expand=manager($select=id)&$top=999`,
      );
      return users.flatMap((value) => {
        const user = parseUser(value);
        return user ? [toDirectoryUser(user, user.manager?.id ?? null)] : [];
      });
    },
  };
}
