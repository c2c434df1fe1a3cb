// The directory sync at BENCH_STAFF (100,000) staff: a full round from the emulator's users delta through
// the production Graph adapter into a fresh database (PostgreSQL when TEST_DATABASE_URL names a server,
// else PGlite), then delta rounds of 100 changed people. Part of `npm run bench -- scale`; alone with
// BENCH_SCALE_PART=directory-sync. The emulator runs in this process, so its work is in the timings too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appPaths } from '../../src/app-paths.ts';
import { openDatabase } from '../../src/db/database.ts';
import { startM365Emulator } from '../../src/dev/m365-emulator/index.ts';
import { loadFramework } from '../../src/framework/framework-loader.ts';
import { createGraphDirectory } from '../../src/graph/graph-directory.ts';
import { createInterviewTransfer } from '../../src/interviews/interview-transfer.ts';
import { createLogger } from '../../src/logger.ts';
import { createPeopleAdminService, type SyncRun } from '../../src/people/people-admin.service.ts';
import { createTestStore } from '../support/backends.ts';
import { syntheticOrganisation } from './synthetic-organisation.ts';
import { emulatorMicrosoftSettings } from '../support/emulator-settings.ts';

const STAFF = Number(process.env.BENCH_STAFF ?? 100_000);
const CHANGED = 100;
const DELTA_RUNS = Number(process.env.BENCH_DELTA_RUNS ?? 5);

export interface DirectorySyncFigures {
  /** A full round of STAFF people, read and applied (seconds). */
  fullSyncS: number;
  /** The slowest of DELTA_RUNS delta rounds of 100 changed people (milliseconds). */
  deltaSyncMs: number;
  /** Of deltaSyncMs, applying the round (the rest is reading it from the in-process emulator). */
  deltaSyncApplyMs: number;
  /** Of fullSyncS, reading and staging the pages. */
  fullSyncReadS: number;
  fullSyncPages: number;
  /** RSS the full round added at its peak (MB). */
  fullSyncRssGrowthMb: number;
}

export async function measureDirectorySync(): Promise<DirectorySyncFigures> {
  const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
  const stateDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-bench-dirsync-'));
  // Supervisors with four reports each: STAFF people in all.
  const organisation = syntheticOrganisation(Math.ceil(STAFF / 5), 4);
  const emulator = await startM365Emulator({ stateFile: path.join(stateDir, 'state.json'), organisation });
  const place = await createTestStore(backend);
  const database = await openDatabase({ databaseUrl: place.databaseUrl, dataDir: place.dataDir });
  // Progress lines to stderr: the bench's last stdout line is its JSON.
  const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'info', process.stderr);
  try {
    const framework = await loadFramework(appPaths.defaultFrameworkFile);
    const directory = createGraphDirectory({
      microsoft: emulatorMicrosoftSettings(emulator),
      caCertPem: emulator.caCertPem,
      logger,
    });
    const service = createPeopleAdminService({
      db: database.db,
      directory,
      levels: framework.levels,
      chainHandler: createInterviewTransfer({ notifyOutlookWork: async () => undefined }),
      queueSync: async () => undefined,
      now: () => new Date(),
      logger,
    });
    const sync = async (): Promise<SyncRun> => {
      const run = await service.syncFromDirectory();
      if (run.status !== 'synced') throw new Error('the sync was busy');
      return run;
    };

    if (typeof global.gc === 'function') global.gc();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 20);
    const fullStarted = performance.now();
    const full = await sync();
    const fullMs = performance.now() - fullStarted;
    clearInterval(sampler);
    if (full.people !== STAFF)
      throw new Error(`expected ${STAFF} people after the full sync, got ${full.people}`);

    // Production's next delta comes hours later, after autovacuum has analyzed the 100,000 new rows;
    // seconds later the planner would still plan for an empty table.
    await database.query('ANALYZE');
    const deltas: number[] = [];
    const deltaApplies: number[] = [];
    for (let run = 0; run < DELTA_RUNS; run += 1) {
      // 100 people change job title (a different 100 each run), as a day of personnel changes would.
      for (const person of organisation.slice(run * CHANGED, (run + 1) * CHANGED))
        person.jobTitle = `${person.jobTitle ?? ''}・兼務`;
      const started = performance.now();
      const delta = await sync();
      deltas.push(performance.now() - started);
      deltaApplies.push(delta.elapsedMs - delta.readMs);
      if (delta.full || delta.read !== CHANGED)
        throw new Error(`expected a delta of ${CHANGED}, got ${JSON.stringify(delta)}`);
    }
    return {
      fullSyncS: Math.round(fullMs / 100) / 10,
      deltaSyncMs: Math.round(Math.max(...deltas)),
      deltaSyncApplyMs: Math.round(Math.max(...deltaApplies)),
      fullSyncReadS: Math.round(full.readMs / 100) / 10,
      fullSyncPages: full.pages,
      fullSyncRssGrowthMb: Math.round((rssPeak - rssBefore) / 1024 / 102.4) / 10,
    };
  } finally {
    await database.close();
    await place.dispose();
    await emulator.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
