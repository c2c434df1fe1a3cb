// The app installs itself for a person before its first 1:1 message: Teams lets a bot message only people
// who have it installed (Microsoft Learn, "Proactively install your bot for users using Microsoft Graph").
// With the application permission TeamsAppInstallation.ReadWriteSelfForUser.All it may install only
// itself; the catalog id it installs is looked up once from the manifest id (AppCatalog.Read.All).
// Every step is idempotent, so a caller that crashed half way simply asks again:
//   GET  /appCatalogs/teamsApps?$filter=externalId eq '{manifest id}'      → catalog id
//   POST /users/{id}/teamwork/installedApps { teamsApp@odata.bind }       → 201, or 409 when installed
//   GET  /users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '{catalog id}'
//   GET  /users/{id}/teamwork/installedApps/{installation id}/chat         → the 1:1 chat's id
import type { Logger } from 'pino';
import { z } from 'zod';
import type { PersonalAppInstaller } from '../reports/personal-app-installer.port.ts';
import type { GraphClient } from './graph-client.ts';
import { GraphError } from './graph-errors.ts';
import { installationChatSchema, teamsCatalogAppSchema, userAppInstallationSchema } from './graph-schemas.ts';

const listOf = <S extends z.ZodType>(item: S) => z.object({ value: z.array(item) });

/** OData string literal: a quote inside is doubled. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

function parseGraph<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new GraphError(
      502,
      'UnexpectedResponse',
      `Graph answered ${what} in an unexpected shape`,
      undefined,
      undefined,
    );
  return parsed.data;
}

export function createGraphTeamsAppInstaller(input: {
  graph: GraphClient;
  /** The Graph root the client talks to (`https://graph.microsoft.com/v1.0`): `@odata.bind` names a full URL. */
  graphBaseUrl: string;
  /** The Teams app manifest's `id` (TEAMS_APP_ID). */
  manifestAppId: string;
  logger: Logger;
}): PersonalAppInstaller {
  const { graph } = input;
  const root = input.graphBaseUrl.replace(/\/+$/, '');
  let catalogId: Promise<string> | undefined;

  const lookUpCatalogId = async (): Promise<string> => {
    const answer = await graph.get<unknown>(
      `/appCatalogs/teamsApps?$filter=externalId eq ${literal(input.manifestAppId)}`,
    );
    const apps = parseGraph(listOf(teamsCatalogAppSchema), answer, 'the app catalog').value;
    const app = apps[0];
    // Not in the organisation's catalog, or not visible yet ("List teamsApp": policies take 24-48 hours to
    // apply after publishing): worth asking again later, so the outbox retries it with its backoff (503).
    if (!app)
      throw new GraphError(
        503,
        'TeamsAppNotInCatalog',
        `the Teams app ${input.manifestAppId} is not in the organisation's app catalog`,
        undefined,
        undefined,
      );
    return app.id;
  };

  const catalogIdOf = () => {
    // Once per process; a failed look-up is asked again next time.
    catalogId ??= lookUpCatalogId().catch((error: unknown) => {
      catalogId = undefined;
      throw error;
    });
    return catalogId;
  };

  return {
    async personalChatOf(userAadId) {
      const appId = await catalogIdOf();
      const user = encodeURIComponent(userAadId);
      try {
        await graph.post(`/users/${user}/teamwork/installedApps`, {
          'teamsApp@odata.bind': `${root}/appCatalogs/teamsApps/${appId}`,
        });
        input.logger.info({ userAadId }, 'installed the app for a person before their first 1:1 message');
      } catch (error) {
        // "Install app for user": 409 Conflict when it is already installed, which is what we wanted.
        if (!(error instanceof GraphError && error.status === 409)) throw error;
      }
      const installations = parseGraph(
        listOf(userAppInstallationSchema),
        await graph.get<unknown>(
          `/users/${user}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq ${literal(appId)}`,
        ),
        'the installed apps',
      ).value;
      const installation =
        installations.find((candidate) => candidate.teamsApp?.id === appId) ?? installations[0];
      // Installed a moment ago but not listed yet: a retry will find it.
      if (!installation)
        throw new GraphError(
          503,
          'InstallationNotListed',
          'the installation is not listed yet',
          undefined,
          undefined,
        );
      const chat = parseGraph(
        installationChatSchema,
        await graph.get<unknown>(
          `/users/${user}/teamwork/installedApps/${encodeURIComponent(installation.id)}/chat`,
        ),
        'the installation chat',
      );
      return { chatId: chat.id };
    },
  };
}
