// A city of 100,000 staff (BENCH_STAFF, scale-city.ts): the HR dashboards, a 課長's team view and the
// access check against one database seeded in bulk (PostgreSQL when TEST_DATABASE_URL names a server,
// else PGlite). The dashboards and the team view are timed as repeated requests through the HTTP API
// (scale-api.ts: the express app and the production token path, not the whole server). Prints p95
// timings, the RSS the dashboards add and the longest event-loop stall while they ran, as one JSON line.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createAccessPolicy } from '../../src/auth/access.ts';
import { appPaths } from '../../src/app-paths.ts';
import { openDatabase } from '../../src/db/database.ts';
import { loadFramework } from '../../src/framework/framework-loader.ts';
import { createPeopleStore } from '../../src/people/people.store.ts';
import { createTestStore } from '../support/backends.ts';
import { measureDirectorySync } from './directory-sync-scale.ts';
import type { Benchmark } from './registry.ts';
import { startBenchApi } from './scale-api.ts';
import { seedCity } from './scale-city.ts';

const STAFF = Number(process.env.BENCH_STAFF ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NOW = new Date('2026-12-05T03:00:00Z');

const p95 = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]! * 10) / 10;
};

async function timed(runs: number, call: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return p95(samples);
}

export const scaleBenchmark: Benchmark = {
  description: `HR dashboards and the access check at ${STAFF.toLocaleString('en')} staff: p95 per call, RSS growth, longest stall`,
  async run() {
    // The directory sync alone (its own database and emulator): BENCH_SCALE_PART=directory-sync.
    if (process.env.BENCH_SCALE_PART === 'directory-sync')
      return { staff: STAFF, ...(await measureDirectorySync()) };
    const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
    const place = await createTestStore(backend);
    const database = await openDatabase({ databaseUrl: place.databaseUrl, dataDir: place.dataDir });
    try {
      const framework = await loadFramework(appPaths.defaultFrameworkFile);
      const db = database.db;
      const seedStarted = performance.now();
      const city = await seedCity(db, framework, STAFF);
      const seedMs = Math.round(performance.now() - seedStarted);
      console.log(`seeded ${STAFF} staff on ${backend} in ${seedMs} ms`);

      const api = await startBenchApi({ db, framework, now: () => NOW });
      const hr = (path: string) => () => api.get('hr', path, { hr: true });
      // The first request of each kind plans its statements, loads code and warms the caches; it is not
      // counted, so the RSS growth is what a request adds in steady state.
      const dashboards = [
        '/api/hr/dashboards/competencies?groupBy=department',
        '/api/hr/dashboards/competencies?groupBy=level',
        '/api/hr/dashboards/completion?fiscalYear=2026&groupBy=department',
        '/api/hr/dashboards/demand?fiscalYear=2026',
      ];
      for (const path of dashboards) await hr(path)();
      await api.get(city.sectionHead, '/api/team');

      if (typeof global.gc === 'function') global.gc();
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }, 5);
      const stalls = monitorEventLoopDelay({ resolution: 5 });
      stalls.enable();
      const competencyDashboardMs = await timed(
        RUNS,
        hr('/api/hr/dashboards/competencies?groupBy=department'),
      );
      const competencyByLevelMs = await timed(RUNS, hr('/api/hr/dashboards/competencies?groupBy=level'));
      const completionDashboardMs = await timed(
        RUNS,
        hr('/api/hr/dashboards/completion?fiscalYear=2026&groupBy=department'),
      );
      const demandDashboardMs = await timed(RUNS, hr('/api/hr/dashboards/demand?fiscalYear=2026'));
      stalls.disable();
      clearInterval(sampler);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

      // A 課長's team view (two levels, 72 people at 100,000), through GET /api/team.
      const team = (await api.get(city.sectionHead, '/api/team')) as { members: unknown[] };
      const teamViewMs = await timed(RUNS * 4, () => api.get(city.sectionHead, '/api/team'));
      await api.close();

      // The deepest person, checked by someone outside their chain: the whole chain is walked. The
      // policy is called directly: it runs inside every request, it is not a route of its own.
      const lines = createPeopleStore(db, () => NOW);
      const access = createAccessPolicy(lines);
      const deepest = city.deepest;
      // PostgreSQL plans a prepared statement afresh for its first five runs on a connection, then keeps a
      // generic plan: the first calls on each pooled connection are reported apart from the steady state.
      const check = () => access.relation({ id: 'p2', isHr: false }, deepest);
      const accessCheckFirstCallsMs = await timed(20, check);
      const accessCheckMs = await timed(RUNS * 40, check);
      const relation = await access.relation({ id: 'p1', isHr: false }, deepest);
      if (relation !== 'supervisor')
        throw new Error(`the top of the chain should be supervisor, got ${relation}`);

      return {
        staff: STAFF,
        backend,
        runs: RUNS,
        competencyDashboardMs,
        competencyByLevelMs,
        completionDashboardMs,
        demandDashboardMs,
        dashboardRssGrowthMb: Math.round((rssPeak - rssBefore) / 1024 / 102.4) / 10,
        dashboardMaxStallMs: Math.round(stalls.max / 1e5) / 10,
        accessCheckMs,
        accessCheckFirstCallsMs,
        teamViewMs,
        teamViewMembers: team.members.length,
        seedMs,
        // BENCH_SCALE_PART=dashboards leaves the directory sync out.
        ...(process.env.BENCH_SCALE_PART === 'dashboards' ? {} : await measureDirectorySync()),
      };
    } finally {
      await database.close();
      await place.dispose();
    }
  },
};
