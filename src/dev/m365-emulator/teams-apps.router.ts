// Our Teams app in the tenant: the app catalog (/appCatalogs/teamsApps) and installations in users'
// personal scope (/users/{id}/teamwork/installedApps, with the 1:1 chat of the user and the bot).
import { z } from 'zod';
import type { EmulatorContext } from './context.ts';
import {
  GraphFailure,
  ok,
  requireRole,
  resourceNotFound,
  type Caller,
  type GraphRouter,
} from './graph-http.ts';
import { stableGuid } from './seed-organisation.ts';

/** Our Teams app in the tenant: who has it installed in their personal scope, and who may not have it. */
export interface EmulatedTeamsApp {
  /** The id the app catalog gave it (not the manifest id). */
  catalogId: string;
  externalId: string;
  /** Whether the user (Entra object id) has the app in their personal scope. */
  isInstalledFor(userId: string): boolean;
  /** The member of a 1:1 chat between the bot and a user, from the chat id; undefined for other ids. */
  memberOfChat(chatId: string): string | undefined;
  /** As if the user had added the app themselves (or a setup policy had). */
  installFor(userId: string): void;
  /** The organisation's app permission policy does not allow the app for this user: installing is 403. */
  blockFor(userId: string): void;
}

export function createTeamsAppsRouter(
  ctx: EmulatorContext,
  options: { teamsAppExternalId?: string | undefined },
) {
  const { tenantId, botClientId, people, findPerson, state, saveState } = ctx;
  const teamsAppCatalogId = stableGuid('teams-app:hagukumi');
  const teamsAppExternalId = options.teamsAppExternalId ?? stableGuid('teams-manifest:hagukumi');
  const blockedFor = new Set<string>();
  // The 1:1 chat of a user with the bot has an id of its own, the same every time it is asked for.
  const chatIdOf = (userId: string) => `19:${userId}_${botClientId}@unq.gbl.spaces`;
  const installationIdOf = (userId: string) =>
    Buffer.from(`${userId}##${teamsAppCatalogId}`).toString('base64url');
  /** Our app as the tenant's catalog lists it. */
  const catalogApp = {
    id: teamsAppCatalogId,
    externalId: teamsAppExternalId,
    displayName: 'Hagukumi',
    distributionMethod: 'organization',
  };

  const installedAppResource = (userId: string) => ({
    id: installationIdOf(userId),
    teamsApp: catalogApp,
  });

  /**
   * Apps in a user's personal scope ("Install app for user", "List apps installed for user", "Get chat
   * between user and app"), for our own app, with TeamsAppInstallation.ReadWriteSelfForUser.All (or a
   * broader role). App tokens only: the delegated forms are not emulated.
   */
  const userInstalledApps = (
    method: string,
    segments: string[],
    query: URLSearchParams,
    caller: Caller,
    body: unknown,
  ): [number, unknown?] => {
    requireRole(caller, [
      'TeamsAppInstallation.ReadWriteSelfForUser.All',
      'TeamsAppInstallation.ReadWriteForUser.All',
      'TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All',
      'TeamsAppInstallation.ReadWriteAndConsentForUser.All',
    ]);
    const person = findPerson(segments[1] ?? '');
    if (!person || person.isMailbox)
      throw new GraphFailure(404, 'NotFound', `User '${segments[1] ?? ''}' was not found.`);
    const installed = state.installedFor.has(person.id);
    const rest = segments.slice(4);
    if (method === 'POST' && rest.length === 0) {
      const bind = z.object({ 'teamsApp@odata.bind': z.string() }).safeParse(body).data?.[
        'teamsApp@odata.bind'
      ];
      const bound = bind ? /\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind)?.[1] : undefined;
      if (!bind) throw new GraphFailure(400, 'BadRequest', 'teamsApp@odata.bind is required.');
      // The catalog id, never the manifest id ("Install app for user": "the catalog generated app ID").
      if (bound !== teamsAppCatalogId)
        throw new GraphFailure(
          404,
          'NotFound',
          `The Teams app '${bound ?? bind}' was not found in the catalog.`,
        );
      if (blockedFor.has(person.id))
        throw new GraphFailure(
          403,
          'Forbidden',
          'The app is not allowed for this user by the organization’s app permission policy.',
        );
      if (installed) throw new GraphFailure(409, 'Conflict', 'The app is already installed for this user.');
      state.installedFor.add(person.id);
      saveState();
      return [201];
    }
    if (method === 'GET' && rest.length === 0) {
      const filter = query.get('$filter');
      const match = filter ? /^teamsApp\/(id|externalId) eq '((?:[^']|'')*)'$/.exec(filter.trim()) : null;
      if (filter && !match) throw new GraphFailure(400, 'BadRequest', `Invalid filter clause: ${filter}`);
      const value = match?.[2]?.replace(/''/g, "'");
      const wanted =
        !match ||
        (match[1] === 'id' && value === teamsAppCatalogId) ||
        (match[1] === 'externalId' && value === teamsAppExternalId);
      const expand = query.get('$expand') === 'teamsApp';
      const list = installed && wanted ? [installedAppResource(person.id)] : [];
      return [
        200,
        {
          '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#users('${person.id}')/teamwork/installedApps`,
          value: list.map((entry) => (expand ? entry : { id: entry.id })),
        },
      ];
    }
    if (rest.length >= 1 && (!installed || rest[0] !== installationIdOf(person.id)))
      throw new GraphFailure(404, 'NotFound', 'The app installation was not found.');
    if (method === 'GET' && rest.length === 1) return [200, installedAppResource(person.id)];
    if (method === 'GET' && rest.length === 2 && rest[1] === 'chat')
      return [
        200,
        {
          '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#chats/$entity`,
          id: chatIdOf(person.id),
          topic: null,
          chatType: 'oneOnOne',
          tenantId,
        },
      ];
    throw resourceNotFound(segments);
  };

  const route: GraphRouter = ({ method, graphPath, segments, query, caller, body }) => {
    if (method === 'GET' && graphPath === '/appCatalogs/teamsApps') {
      requireRole(caller, ['AppCatalog.Read.All', 'AppCatalog.ReadWrite.All', 'Directory.Read.All']);
      // "List teamsApp": filter on `externalId eq '…'` (the manifest id), `id eq '…'` or
      // `distributionMethod eq 'organization'`; the tenant's catalog holds our app only.
      const filter = query.get('$filter');
      const match = filter
        ? /^(externalId|id|distributionMethod) eq '((?:[^']|'')*)'$/.exec(filter.trim())
        : null;
      if (filter && !match) throw new GraphFailure(400, 'BadRequest', `Invalid filter clause: ${filter}`);
      const app = catalogApp;
      const value = match?.[2]?.replace(/''/g, "'");
      const wanted =
        !match ||
        (match[1] === 'externalId' && value === app.externalId) ||
        (match[1] === 'id' && value === app.id) ||
        (match[1] === 'distributionMethod' && value === app.distributionMethod);
      return ok(200, {
        '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#appCatalogs/teamsApps`,
        value: wanted ? [app] : [],
      });
    }
    if (segments[0] === 'users' && segments[2] === 'teamwork' && segments[3] === 'installedApps') {
      return ok(...userInstalledApps(method, segments, query, caller, body));
    }
    return undefined;
  };

  const teamsApp: EmulatedTeamsApp = {
    catalogId: teamsAppCatalogId,
    externalId: teamsAppExternalId,
    isInstalledFor: (userId) => state.installedFor.has(userId),
    memberOfChat: (chatId) => people.find((person) => chatIdOf(person.id) === chatId)?.id,
    installFor: (userId) => {
      state.installedFor.add(userId);
      saveState();
    },
    blockFor: (userId) => {
      blockedFor.add(userId);
    },
  };

  return { route, teamsApp, reset: () => blockedFor.clear() };
}
