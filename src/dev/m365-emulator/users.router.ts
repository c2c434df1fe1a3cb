// The directory: /users (listing, $filter, $select, $expand=manager), /users/delta, one user, /me, a
// user's manager and direct reports, each as the Microsoft Learn pages in docs/emulator.md describe.
import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from './context.ts';
import { GraphFailure, ok, select, unsupportedQuery, userScoped, type GraphRouter } from './graph-http.ts';
import { stableGuid, type SeedPerson } from './seed-organisation.ts';

export function createUsersRouter(ctx: EmulatorContext) {
  const { now, people, byId, findPerson, page, mailboxPerson } = ctx;
  const userResource = (person: SeedPerson) => ({
    '@odata.type': '#microsoft.graph.user',
    id: person.id,
    businessPhones: [],
    displayName: person.displayName,
    givenName: person.givenName,
    surname: person.surname,
    jobTitle: person.jobTitle,
    mail: person.mail,
    mobilePhone: null,
    officeLocation: person.officeLocation,
    preferredLanguage: 'ja-JP',
    userPrincipalName: person.userPrincipalName,
    department: person.department,
    employeeId: person.employeeId,
    employeeHireDate: person.employeeHireDate,
    employeeType: person.employeeType,
    employeeOrgData: { division: person.divisionName, costCenter: null },
    accountEnabled: person.accountEnabled ?? true,
    userType: person.userType ?? 'Member',
    // A made-up SKU id: only "has a licence or not" matters here.
    assignedLicenses:
      (person.licensed ?? !person.isMailbox)
        ? [{ disabledPlans: [], skuId: stableGuid('sku:office365-e3') }]
        : [],
  });

  // "List users": without $select Graph returns only this default set (the user resource's properties table).
  const DEFAULT_USER_PROPERTIES = new Set([
    'businessPhones',
    'displayName',
    'givenName',
    'id',
    'jobTitle',
    'mail',
    'mobilePhone',
    'officeLocation',
    'preferredLanguage',
    'surname',
    'userPrincipalName',
  ]);
  const selectUser = (person: SeedPerson, query: URLSearchParams) => {
    const resource = userResource(person);
    if (query.get('$select')) return select(resource, query);
    return Object.fromEntries(
      Object.entries(resource).filter(
        ([key]) => DEFAULT_USER_PROPERTIES.has(key) || key.startsWith('@odata'),
      ),
    );
  };

  /**
   * The $filter clauses we support on /users, joined by `and`. Operators and properties that the "Advanced
   * query capabilities" page lists as advanced-only are refused unless the request carries
   * `ConsistencyLevel: eventual` and `$count=true`, with Graph's Request_UnsupportedQuery message.
   */
  const userFilter = (
    filter: string,
    advanced: boolean,
  ): ((resource: ReturnType<typeof userResource>) => boolean) => {
    const needsAdvanced = (operator: string) => {
      if (!advanced)
        throw new GraphFailure(
          400,
          'Request_UnsupportedQuery',
          `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
        );
    };
    const tests = filter.split(/\s+and\s+/i).map((clause) => {
      const text = clause.trim();
      const scalar = /^(department|userType|accountEnabled) (eq|ne) (?:'((?:[^']|'')*)'|(true|false))$/.exec(
        text,
      );
      if (scalar) {
        const [, property, operator, quoted, bool] = scalar;
        if (operator === 'ne') needsAdvanced('ne');
        const wanted: unknown = quoted !== undefined ? quoted.replace(/''/g, "'") : bool === 'true';
        return (resource: ReturnType<typeof userResource>) =>
          (resource[property as 'department' | 'userType' | 'accountEnabled'] === wanted) ===
          (operator === 'eq');
      }
      const licences = /^assignedLicenses\/\$count (eq|ne) 0$/.exec(text);
      if (licences) {
        // Counting a collection is an advanced query whatever the operator.
        needsAdvanced(licences[1]!);
        return (resource: ReturnType<typeof userResource>) =>
          (resource.assignedLicenses.length === 0) === (licences[1] === 'eq');
      }
      if (/^not\(/i.test(text)) needsAdvanced('not');
      if (/^endsWith\(/i.test(text)) needsAdvanced('endsWith');
      throw unsupportedQuery();
    });
    return (resource) => tests.every((test) => test(resource));
  };

  // ---- users delta ("user: delta", "Use delta query to track changes") ----
  // A delta token stands for a snapshot of what the client saw (its $select, each user's values and
  // manager), so changes made any way (including tests editing `people`) show up in the next round.
  const DELTA_TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;
  interface DeltaState {
    issuedAt: number;
    select: string | null;
    seen: Map<string, { values: string; managerId: string | null }>;
  }
  const deltaStates = new Map<string, DeltaState>();
  const deltaPages = new Map<
    string,
    { items: unknown[]; next: number; deltaToken: string; issuedAt: number }
  >();
  const deltaSnapshot = (person: SeedPerson, query: URLSearchParams) => {
    const { manager: _manager, ...values } = selectUser(person, query);
    return { values: JSON.stringify(values), managerId: person.managerId };
  };
  /** Entra's answer to a delta or skip token past its lifetime (or after `expireDeltaLinks()`). */
  const syncStateNotFound = () =>
    new GraphFailure(
      400,
      'syncStateNotFound',
      'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    );
  const usersDelta = (query: URLSearchParams): unknown => {
    const skipToken = query.get('$skiptoken');
    if (skipToken) {
      // A skip token is a state token like a delta token ("Use delta query", state tokens): it stands
      // for its page of the round's snapshot and lives as long (7 days for directory objects). The docs
      // do not say whether one may be used twice; the emulator allows it, and production does not rely
      // on it (a refused resume link starts a full round).
      const pending = deltaPages.get(skipToken);
      if (!pending || now().getTime() - pending.issuedAt > DELTA_TOKEN_LIFETIME_MS) throw syncStateNotFound();
      return deltaPage(pending.items, pending.next, pending.deltaToken);
    }
    if (query.get('$expand')) throw unsupportedQuery();
    if (query.get('$filter') && !/^id eq '[^']+'( or id eq '[^']+')*$/.test(query.get('$filter')!))
      throw unsupportedQuery();
    const deltaToken = query.get('$deltatoken');
    let previous: DeltaState | undefined;
    if (deltaToken) {
      previous = deltaStates.get(deltaToken);
      if (!previous || now().getTime() - previous.issuedAt > DELTA_TOKEN_LIFETIME_MS)
        throw syncStateNotFound();
    }
    const selectText = previous ? previous.select : query.get('$select');
    const selectQuery = new URLSearchParams(selectText ? { $select: selectText } : {});
    const tracksManager = (selectText ?? '').split(',').some((field) => field.trim() === 'manager');
    const seen = new Map<string, { values: string; managerId: string | null }>();
    const items: unknown[] = [];
    for (const person of people) {
      const snapshot = deltaSnapshot(person, selectQuery);
      seen.set(person.id, snapshot);
      const before = previous?.seen.get(person.id);
      const valuesChanged = !before || before.values !== snapshot.values;
      const managerChanged = tracksManager && (!before || before.managerId !== snapshot.managerId);
      if (!valuesChanged && !managerChanged) continue;
      const item: Record<string, unknown> = JSON.parse(snapshot.values) as Record<string, unknown>;
      if (managerChanged) {
        // Relationships are annotations (propertyName@delta); a removed manager is marked @removed.
        item['manager@delta'] = person.managerId
          ? [{ '@odata.type': '#microsoft.graph.user', id: person.managerId }]
          : before?.managerId
            ? [
                {
                  '@odata.type': '#microsoft.graph.user',
                  id: before.managerId,
                  '@removed': { reason: 'deleted' },
                },
              ]
            : [];
      }
      items.push(item);
    }
    for (const [id] of previous?.seen ?? []) {
      if (!seen.has(id)) items.push({ id, '@removed': { reason: 'deleted' } });
    }
    const token = randomUUID();
    deltaStates.set(token, { issuedAt: now().getTime(), select: selectText, seen });
    return deltaPage(items, 0, token);
  };
  // Delta page sizes vary and $top is refused ("Use delta query"); a smaller page than listings makes a
  // full read of the seeded city hall take several requests, so tests can tell it from an incremental one.
  const DELTA_PAGE_SIZE = 50;
  const deltaPage = (items: unknown[], from: number, deltaToken: string) => {
    const slice = items.slice(from, from + DELTA_PAGE_SIZE);
    const base = `${ctx.urls.graph}/v1.0/users/delta`;
    if (from + DELTA_PAGE_SIZE < items.length) {
      const skipToken = randomUUID();
      deltaPages.set(skipToken, {
        items,
        next: from + DELTA_PAGE_SIZE,
        deltaToken,
        issuedAt: now().getTime(),
      });
      return {
        '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#users`,
        '@odata.nextLink': `${base}?$skiptoken=${skipToken}`,
        value: slice,
      };
    }
    return {
      '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#users`,
      '@odata.deltaLink': `${base}?$deltatoken=${deltaToken}`,
      value: slice,
    };
  };

  const userNotFound = (segment: string) =>
    new GraphFailure(
      404,
      'Request_ResourceNotFound',
      `Resource '${segment}' does not exist or one of its queried reference-property objects are not present.`,
    );

  const userEntity = (person: SeedPerson, query: URLSearchParams) => ({
    '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#users/$entity`,
    ...selectUser(person, query),
  });

  const route: GraphRouter = ({ method, graphPath, segments, query, headers, caller }) => {
    if (method === 'GET' && (graphPath === '/users/delta' || graphPath === '/users/microsoft.graph.delta')) {
      return ok(200, usersDelta(query));
    }
    if (method === 'GET' && graphPath === '/users') {
      const filter = query.get('$filter');
      let list = [...people];
      const advanced =
        headers.consistencylevel?.toLowerCase() === 'eventual' && query.get('$count') === 'true';
      if (filter) {
        const matches = userFilter(filter, advanced);
        list = list.filter((person) => matches(userResource(person)));
      }
      const expandManager = /^manager(\(.*\))?$/.test(query.get('$expand') ?? '');
      const listed = page(
        list.map((person) => ({
          ...selectUser(person, query),
          ...(expandManager && person.managerId
            ? { manager: { '@odata.type': '#microsoft.graph.user', id: person.managerId } }
            : {}),
        })),
        query,
        '/users',
        'users',
      );
      return ok(200, query.get('$count') === 'true' ? { '@odata.count': list.length, ...listed } : listed);
    }
    if (segments[0] === 'me' && segments.length === 1) {
      if (caller.kind !== 'user')
        throw new GraphFailure(
          400,
          'BadRequest',
          '/me request is only valid with delegated authentication flow.',
        );
      return ok(200, userEntity(mailboxPerson('me', caller), query));
    }
    const scoped = userScoped(segments);
    if (!scoped) return undefined;
    const { ownerSegment, rest } = scoped;
    if (rest.length === 0 && method === 'GET') {
      const person = findPerson(ownerSegment);
      if (!person) throw userNotFound(ownerSegment);
      return ok(200, userEntity(person, query));
    }
    if (rest[0] === 'manager' && method === 'GET') {
      const person = findPerson(ownerSegment === 'me' ? (caller.userId ?? '') : ownerSegment);
      const manager = person?.managerId ? byId.get(person.managerId) : undefined;
      if (!manager)
        throw new GraphFailure(
          404,
          'Request_ResourceNotFound',
          "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
        );
      return ok(200, {
        '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#directoryObjects/$entity`,
        ...selectUser(manager, query),
      });
    }
    if (rest[0] === 'directReports' && method === 'GET') {
      const person = findPerson(ownerSegment === 'me' ? (caller.userId ?? '') : ownerSegment);
      if (!person) throw userNotFound(ownerSegment);
      return ok(
        200,
        page(
          people
            .filter((candidate) => candidate.managerId === person.id)
            .map((report) => selectUser(report, query)),
          query,
          `/users/${person.id}/directReports`,
          'directoryObjects',
        ),
      );
    }
    return undefined;
  };

  return {
    route,
    /** Stands for the 7 days after which Entra refuses a users delta link (400 syncStateNotFound). */
    expireDeltaLinks: () => {
      deltaStates.clear();
      deltaPages.clear();
    },
  };
}
