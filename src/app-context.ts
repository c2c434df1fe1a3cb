// What the composition root (server.ts) hands every slice's module factory, and what a factory returns.
import type { Express } from 'express';
import type { AccessPolicy } from './auth/access.ts';
import type { AuditLog } from './auth/audit.ts';
import type { Config, MicrosoftConfig } from './config.ts';
import type { Database, Db } from './db/database.ts';
import type { Framework } from './framework/framework.schema.ts';
import { createGraphCalendar } from './graph/graph-calendar.ts';
import { appGraphClient } from './graph/app-graph-client.ts';
import type { GraphClient } from './graph/graph-client.ts';
import { createGraphDirectory } from './graph/graph-directory.ts';
import { createMailboxPacer, type MailboxPacer } from './graph/mailbox-pacer.ts';
import type { HttpAppOptions } from './http/app.ts';
import type { Calendar } from './interviews/calendar.port.ts';
import type { JobDeclaration } from './jobs/job-table.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { Logger } from './logger.ts';
import type { Directory } from './people/directory.port.ts';
import type { PeopleStore } from './people/people.store.ts';
import type { BotIdentities } from './reports/bot-identities.ts';
import type { Clock } from './shared/clock.ts';

/** The shared infrastructure: built once by the composition root, the same for every slice. */
export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** `clock.now`, ready to pass to the services that take `now: () => Date`. */
  now: () => Date;
  database: Database;
  db: Db;
  queue: JobQueue;
  framework: Framework;
  /** The tenant in production; in local mode the emulator, described the same way. */
  microsoft: MicrosoftConfig;
  /** A CA to trust besides the system's (the emulator's, in local mode). */
  caCertPem: string | undefined;
  /**
   * Whom the bot names for a person (local mode: the Agents Playground's identities); absent, their Entra
   * object id. Only the composition root knows about the emulator behind it.
   */
  botIdentities: BotIdentities | undefined;
  /** The app identity's one Graph client and token cache (client credentials). */
  graph: GraphClient;
  /** The organisation's directory (people's port) over that client. */
  directory: Directory;
  /** Calendars: free/busy and events (interviews' port) over that client. */
  calendar: Calendar;
  /** Exchange's sending limit per organizer mailbox, shared by every instance (interviews and training). */
  pacer: MailboxPacer;
}

export type AppRoute = HttpAppOptions['routes'][number];
/** Something mounted on the express app besides the JSON API (the bot endpoint, Graph's notifications). */
export type AppMount = (app: Express) => void | Promise<void>;

/** What a slice's module factory returns besides the ports other slices need from it. */
export interface SliceModule {
  routes: AppRoute[];
  jobs: JobDeclaration[];
  mounts?: AppMount[];
  /** Run when the server closes, before the queue and the database. */
  shutdown?: () => Promise<void>;
}

/** What a service takes from the context: the database, the policy, and the clock. */
export const serviceContext = (ctx: AppContext) => ({ db: ctx.db, framework: ctx.framework, now: ctx.now });

/** What a slice that acts for a signed-in person takes from people and auth. */
export interface PersonSliceDeps {
  people: PeopleStore;
  access: AccessPolicy;
  audit: AuditLog;
}

/** The context, with the app identity's one Graph client and token cache, and the adapters over it. */
export function createAppContext(
  input: Omit<AppContext, 'now' | 'db' | 'graph' | 'directory' | 'calendar' | 'pacer'>,
): AppContext {
  const { microsoft, caCertPem, logger, clock } = input;
  const graph = appGraphClient({ microsoft, caCertPem, logger });
  const now = () => clock.now();
  return {
    ...input,
    now,
    db: input.database.db,
    graph,
    directory: createGraphDirectory({ microsoft, caCertPem, logger, client: graph }),
    calendar: createGraphCalendar({ microsoft, caCertPem, logger, client: graph }),
    pacer: createMailboxPacer(input.database.db, { now }),
  };
}
