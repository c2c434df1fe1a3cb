// The emulated tenant every resource router shares: its ids, its people, the events and installations
// created through Graph (persisted in the state file), the URLs it answers as, and Graph's paging.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedCalendar, type StoredEvent } from './calendars.ts';
import { GraphFailure, type Caller } from './graph-http.ts';
import { seedOrganisation, stableGuid, type SeedPerson } from './seed-organisation.ts';

const PAGE_SIZE = 100;

export interface EmulatorContext {
  now: () => Date;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  appIdUri: string;
  botClientId: string;
  botClientSecret: string;
  people: SeedPerson[];
  byId: Map<string, SeedPerson>;
  findPerson: (idOrUpn: string) => SeedPerson | undefined;
  /** What Graph calls changed, persisted in the state file; `reset()` replaces both. */
  state: {
    created: StoredEvent[];
    /** Users (object ids) with our Teams app in their personal scope. */
    installedFor: Set<string>;
  };
  saveState: () => void;
  /** A mailbox's seeded events (today's) and those created through Graph. */
  eventsOf: (mailboxId: string) => StoredEvent[];
  /** Known once the server listens: where it answers as Entra ID, Graph and the Bot Framework. */
  urls: { base: string; login: string; graph: string; botFramework: string };
  /** Graph's paging of a collection (`$top`, `$skiptoken`, `@odata.nextLink`). */
  page: <T>(
    items: T[],
    query: URLSearchParams,
    selfUrl: string,
    context: string,
  ) => { '@odata.context': string; value: T[]; '@odata.nextLink'?: string };
  /** The mailbox a path names (`me` for the signed-in user); a delegated caller may reach only its own. */
  mailboxPerson: (segment: string, caller: Caller) => SeedPerson;
}

export function createEmulatorContext(options: {
  now: () => Date;
  stateFile?: string | undefined;
  organisation?: SeedPerson[] | undefined;
}): EmulatorContext {
  const now = options.now;
  const tenantId = stableGuid('tenant:kodaira-demo');
  const clientId = stableGuid('app:hagukumi');
  const clientSecret = `local-emulator-only-${clientId.slice(0, 8)}`;
  const botClientId = stableGuid('app:hagukumi-bot');
  const botClientSecret = `local-emulator-only-${botClientId.slice(0, 8)}`;
  const people = options.organisation ?? seedOrganisation();
  const appIdUri = `api://localhost/${clientId}`;
  const byId = new Map(people.map((person) => [person.id, person]));
  const byAddress = new Map(people.map((person) => [person.userPrincipalName.toLowerCase(), person]));
  const findPerson = (idOrUpn: string) =>
    byId.get(idOrUpn) ?? byAddress.get(decodeURIComponent(idOrUpn).toLowerCase());

  const state: EmulatorContext['state'] = { created: [], installedFor: new Set() };
  const loadState = () => {
    if (options.stateFile && existsSync(options.stateFile)) {
      const saved = JSON.parse(readFileSync(options.stateFile, 'utf8')) as {
        events: StoredEvent[];
        installedFor?: string[];
      };
      state.created = saved.events;
      state.installedFor = new Set(saved.installedFor ?? []);
    }
  };
  const saveState = () => {
    if (!options.stateFile) return;
    mkdirSync(path.dirname(options.stateFile), { recursive: true });
    writeFileSync(
      `${options.stateFile}.tmp`,
      JSON.stringify({ events: state.created, installedFor: [...state.installedFor] }),
    );
    renameSync(`${options.stateFile}.tmp`, options.stateFile);
  };
  loadState();
  const seededCache = new Map<string, { day: string; events: StoredEvent[] }>();
  const eventsOf = (mailboxId: string): StoredEvent[] => {
    const person = byId.get(mailboxId);
    if (!person) return [];
    const day = now().toISOString().slice(0, 10);
    let seeded = seededCache.get(mailboxId);
    if (!seeded || seeded.day !== day) {
      seeded = { day, events: seedCalendar(person, now()) };
      seededCache.set(mailboxId, seeded);
    }
    return [...seeded.events, ...state.created.filter((event) => event.mailboxId === mailboxId)];
  };

  const urls = { base: '', login: '', graph: '', botFramework: '' };
  const page = <T>(items: T[], query: URLSearchParams, selfUrl: string, context: string) => {
    const top = Math.min(Number(query.get('$top') ?? PAGE_SIZE) || PAGE_SIZE, 999);
    const skip = Number(query.get('$skiptoken') ?? 0) || 0;
    const slice = items.slice(skip, skip + top);
    const next = new URLSearchParams(query);
    next.set('$skiptoken', String(skip + top));
    return {
      '@odata.context': `${urls.graph}/v1.0/$metadata#${context}`,
      value: slice,
      ...(skip + top < items.length
        ? { '@odata.nextLink': `${urls.graph}/v1.0${selfUrl}?${next.toString()}` }
        : {}),
    };
  };

  const mailboxPerson = (segment: string, caller: Caller): SeedPerson => {
    const id = segment === 'me' ? caller.userId : segment;
    const person = id ? findPerson(id) : undefined;
    if (!person)
      throw new GraphFailure(
        404,
        'ErrorItemNotFound',
        'The specified object was not found in the store., The process failed to get the correct properties.',
      );
    if (caller.kind === 'user' && person.id !== caller.userId)
      throw new GraphFailure(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    return person;
  };

  return {
    now,
    tenantId,
    clientId,
    clientSecret,
    appIdUri,
    botClientId,
    botClientSecret,
    people,
    byId,
    findPerson,
    state,
    saveState,
    eventsOf,
    urls,
    page,
    mailboxPerson,
  };
}
