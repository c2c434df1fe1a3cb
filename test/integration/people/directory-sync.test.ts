// The directory sync at scale: page by page into PostgreSQL, resumed after a failure from the last page
// staged (by another instance too), a refused resume link answered with a full read, one run at a time,
// and a progress line. Against the emulator's users delta through the production Graph adapter.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appPaths } from '../../../src/app-paths.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { seedOrganisation } from '../../../src/dev/m365-emulator/seed-organisation.ts';
import { startM365Emulator, type M365Emulator } from '../../../src/dev/m365-emulator/index.ts';
import { loadFramework } from '../../../src/framework/framework-loader.ts';
import type { Framework } from '../../../src/framework/framework.schema.ts';
import { createGraphDirectory } from '../../../src/graph/graph-directory.ts';
import { createInterviewTransfer } from '../../../src/interviews/interview-transfer.ts';
import type { Directory } from '../../../src/people/directory.port.ts';
import { createPeopleAdminService } from '../../../src/people/people-admin.service.ts';
import { syntheticOrganisation } from '../../bench/synthetic-organisation.ts';
import { BACKENDS, createTestStore, type TestStore } from '../../support/backends.ts';
import { captureLogs, testLogger } from '../../support/logger.ts';
import { emulatorMicrosoftSettings } from '../../support/emulator-settings.ts';

/** Seeded city hall (92) plus 150 more: five pages of 50 in a full round. */
const EXTRA_TEAMS = 30;

describe.each(BACKENDS)('directory sync at scale on %s', (backend) => {
  let emulator: M365Emulator;
  let stateDir: string;
  let place: TestStore;
  let database: Database;
  let framework: Framework;
  let graphDirectory: Directory;

  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-dirsync-'));
    emulator = await startM365Emulator({
      stateFile: path.join(stateDir, 'state.json'),
      organisation: [...seedOrganisation(), ...syntheticOrganisation(EXTRA_TEAMS, 4)],
    });
    place = await createTestStore(backend);
    database = await openDatabase({ databaseUrl: place.databaseUrl, dataDir: place.dataDir });
    framework = await loadFramework(appPaths.defaultFrameworkFile);
    graphDirectory = createGraphDirectory({
      microsoft: emulatorMicrosoftSettings(emulator),
      caCertPem: emulator.caCertPem,
      logger: testLogger,
    });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await place?.dispose();
    await emulator?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    // Every test starts with no sync ever run and no round in progress.
    await database.query('DELETE FROM directory_sync_entries');
    await database.query('DELETE FROM directory_sync_progress');
    await database.query('DELETE FROM directory_syncs');
    await database.query('DELETE FROM people');
  });

  /** The directory as the port sees it, recording each link asked for; `failOn` throws on those calls. */
  const watched = (options: { failOn?: number[]; beforeRead?: (call: number) => Promise<void> } = {}) => {
    const links: Array<string | null> = [];
    const directory: Directory = {
      getUser: (id) => graphDirectory.getUser(id),
      getDirectReportIds: (id) => graphDirectory.getDirectReportIds(id),
      async readStaffPage(link) {
        links.push(link);
        await options.beforeRead?.(links.length);
        if (options.failOn?.includes(links.length))
          throw Object.assign(new Error('Graph answered 503'), { status: 503 });
        const page = await graphDirectory.readStaffPage(link);
        answers.push(page.nextLink ?? page.deltaLink);
        return page;
      },
    };
    const answers: Array<string | null> = [];
    return { directory, links, answers };
  };

  const service = (directory: Directory, logs = captureLogs(), instanceId = 'instance-a') =>
    createPeopleAdminService({
      db: database.db,
      directory,
      levels: framework.levels,
      chainHandler: createInterviewTransfer({ notifyOutlookWork: async () => undefined }),
      queueSync: async () => undefined,
      now: () => new Date(),
      logger: logs.logger,
      sync: { instanceId, progressEveryPages: 2, progressEveryMs: 3_600_000 },
    });

  const peopleCount = async () =>
    Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM people'))[0]!.n);
  const staffCount = () => emulator.people.filter((person) => !person.isMailbox).length;

  it('resumes a full round from the page that failed, on another instance, without reading the earlier pages again', async () => {
    const first = watched({ failOn: [3] });
    await expect(service(first.directory).syncFromDirectory()).rejects.toThrow('503');
    // Two pages were staged; nothing is applied before the round is complete.
    expect(first.links).toHaveLength(3);
    expect(await peopleCount()).toBe(0);

    const second = watched();
    const run = await service(second.directory, captureLogs(), 'instance-b').syncFromDirectory();
    // The new run starts with the link of the page that failed, then reads on to the end.
    expect(second.links[0]).toBe(first.answers[1]);
    expect(second.links[0]).toBe(first.links[2]);
    expect(second.links).not.toContain(null);
    expect(second.links).toHaveLength(3);
    expect(run).toMatchObject({ status: 'synced', full: true, pages: 5, pagesThisRun: 3, resumedAtPage: 3 });
    expect(await peopleCount()).toBe(staffCount());
    const [progress] = await database.query<{ next_link: string | null; owner: string | null }>(
      'SELECT next_link, owner FROM directory_sync_progress',
    );
    expect(progress).toEqual({ next_link: null, owner: null });
    expect(await database.query('SELECT 1 FROM directory_sync_entries')).toHaveLength(0);
  });

  it('reads the whole directory again when Graph refuses the stored resume link', async () => {
    const first = watched({ failOn: [2] });
    await expect(service(first.directory).syncFromDirectory()).rejects.toThrow('503');
    // Past the tokens' lifetime: the stored next link answers 400 syncStateNotFound.
    emulator.expireDeltaLinks();
    const logs = captureLogs();
    const second = watched();
    const run = await service(second.directory, logs).syncFromDirectory();
    expect(second.links[0]).toBe(first.links[1]);
    expect(second.links[1]).toBeNull();
    expect(second.links).toHaveLength(1 + 5);
    expect(run).toMatchObject({ full: true, restartedFull: true, pages: 5 });
    expect(await peopleCount()).toBe(staffCount());
    expect(
      logs.lines().some((line) => String(line.msg).includes('refused the stored users delta link')),
    ).toBe(true);
  });

  it('still removes whoever a full round did not list, also when the round was resumed', async () => {
    await database.query(
      `INSERT INTO people (id, user_principal_name, display_name) VALUES ('left-in-2025', 'left@x', '退職 者')`,
    );
    const first = watched({ failOn: [4] });
    await expect(service(first.directory).syncFromDirectory()).rejects.toThrow('503');
    // Not applied yet: the leaver stays until the round has listed everyone.
    expect(await database.query(`SELECT 1 FROM people WHERE id = 'left-in-2025'`)).toHaveLength(1);
    await service(watched().directory).syncFromDirectory();
    expect(await database.query(`SELECT 1 FROM people WHERE id = 'left-in-2025'`)).toHaveLength(0);
    expect(await peopleCount()).toBe(staffCount());
  });

  it('applies a delta round after a resume, and the next delta reads only the changes', async () => {
    await service(watched().directory).syncFromDirectory();
    const changed = emulator.people.filter((person) => !person.isMailbox).slice(0, 120);
    for (const person of changed) person.jobTitle = `${person.jobTitle ?? ''} (兼務)`;
    const first = watched({ failOn: [2] });
    await expect(service(first.directory).syncFromDirectory()).rejects.toThrow('503');
    const second = watched();
    const run = await service(second.directory).syncFromDirectory();
    expect(second.links[0]).toBe(first.links[1]);
    expect(run).toMatchObject({ full: false, pages: 3, pagesThisRun: 2, read: 120 });
    const titles = await database.query<{ job_title: string }>(
      `SELECT job_title FROM people WHERE job_title LIKE '%(兼務)'`,
    );
    expect(titles).toHaveLength(120);
    for (const person of changed) person.jobTitle = person.jobTitle!.replace(' (兼務)', '');
    await service(watched().directory).syncFromDirectory();
  });

  it('runs one sync at a time: a second instance backs off while the first holds the lease', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reachedPage2!: () => void;
    const atPage2 = new Promise<void>((resolve) => (reachedPage2 = resolve));
    const slow = watched({
      beforeRead: async (call) => {
        if (call === 2) {
          reachedPage2();
          await gate;
        }
      },
    });
    const running = service(slow.directory).syncFromDirectory();
    await atPage2;
    const other = watched();
    expect(await service(other.directory, captureLogs(), 'instance-b').syncFromDirectory()).toEqual({
      status: 'busy',
    });
    expect(other.links).toHaveLength(0);
    release();
    expect(await running).toMatchObject({ status: 'synced', pages: 5 });
  });

  it('takes over the round of an instance that died once its lease has run out, and not before', async () => {
    const first = watched({ failOn: [3] });
    await expect(service(first.directory).syncFromDirectory()).rejects.toThrow('503');
    // As if the instance had been killed mid-round: it never released its lease.
    await database.query(
      `UPDATE directory_sync_progress SET owner = 'killed', lease_until = now() + interval '1 hour'`,
    );
    const early = watched();
    expect(await service(early.directory, captureLogs(), 'instance-b').syncFromDirectory()).toEqual({
      status: 'busy',
    });
    await database.query(`UPDATE directory_sync_progress SET lease_until = now() - interval '1 second'`);
    const late = watched();
    const run = await service(late.directory, captureLogs(), 'instance-b').syncFromDirectory();
    expect(late.links[0]).toBe(first.links[2]);
    expect(run).toMatchObject({ status: 'synced', resumedAtPage: 3, pagesThisRun: 3 });
  });

  it('logs progress every few pages and a summary at the end', async () => {
    const logs = captureLogs();
    await service(watched().directory, logs).syncFromDirectory();
    const progress = logs.lines().filter((line) => line.msg === 'directory sync progress');
    expect(progress.map((line) => line.pages)).toEqual([2, 4]);
    expect(progress[0]).toMatchObject({ mode: 'full', people: 100 });
    expect(typeof progress[0]!.elapsedMs).toBe('number');
    const summary = logs.lines().find((line) => line.msg === 'directory sync finished');
    expect(summary).toMatchObject({ full: true, pages: 5, read: emulator.people.length });
  });
});
