// A city of 100,000 staff (BENCH_STAFF): the HR dashboards and the access check against one database
// seeded in bulk (PostgreSQL when TEST_DATABASE_URL names a server, else PGlite). Every person has a
// latest and an older submitted self-check; a year of training sessions has attendees, reports and
// wanted courses; the reporting lines are a tree eight wide. Prints p95 timings of the service calls,
// the RSS the dashboards add and the longest event-loop stall while they ran, as one JSON line.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createAnalyticsService } from '../../src/analytics/analytics.service.ts';
import { createAnalyticsStore } from '../../src/analytics/analytics.store.ts';
import { createAccessPolicy } from '../../src/auth/access.ts';
import type { AuditLog } from '../../src/auth/audit.ts';
import { appPaths } from '../../src/app-paths.ts';
import { openDatabase } from '../../src/db/database.ts';
import { loadFramework } from '../../src/framework/framework-loader.ts';
import { createPeopleStore } from '../../src/people/people.store.ts';
import { createTestStore } from '../support/backends.ts';
import { measureDirectorySync } from './directory-sync-scale.ts';
import type { Benchmark } from './registry.ts';

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
      const levels = framework.levels.map((level) => level.id);
      const competencies = framework.competencies.map((competency) => competency.id);
      const db = database.db;
      const seedStarted = performance.now();
      await db.execute(sql`
        insert into people (id, user_principal_name, display_name, department, division, level_id,
          manager_id, directory_manager_id, directory_department, directory_division)
        select 'p' || i, 'staff' || i || '@city.example', '職員' || i, '課' || (i % 400),
          '部' || (i % 400 / 10), (${sql.param(levels)}::text[])[1 + i % ${levels.length}],
          case when i = 1 then null else 'p' || greatest(1, i / 8) end,
          case when i = 1 then null else 'p' || greatest(1, i / 8) end, '課' || (i % 400), '部' || (i % 400 / 10)
        from generate_series(1, ${STAFF}) as i`);
      for (const [period, shift] of [
        ['2025-H2', 1],
        ['2026-H1', 0],
      ] as const)
        await db.execute(sql`
          insert into self_checks (person_id, period, level_id, framework_version, status, ratings, submitted_at)
          select 'p' || i, ${period}, 'shuji', '1', 'submitted',
            (select jsonb_object_agg(c.id, jsonb_build_object('rating', 1 + (i + c.ord + ${shift}) % 5))
             from unnest(${sql.param(competencies)}::text[]) with ordinality as c(id, ord)),
            now()
          from generate_series(1, ${STAFF}) as i`);
      await db.execute(sql`
        insert into training_courses (id, category, title_ja, format)
        select ('00000000-0000-4000-8000-' || lpad(c::text, 12, '0'))::uuid, 'specialist', '研修' || c, 'inPerson'
        from generate_series(1, 40) as c`);
      // 400 sessions of FY2026, each of 50 attendees (20,000 attendances), 4 in 5 reported.
      await db.execute(sql`
        insert into training_sessions (id, course_id, starts_at, ends_at, capacity, application_deadline,
          transaction_id)
        select ('10000000-0000-4000-8000-' || lpad(s::text, 12, '0'))::uuid,
          ('00000000-0000-4000-8000-' || lpad((1 + s % 40)::text, 12, '0'))::uuid,
          timestamptz '2026-04-10T00:00:00Z' + (s % 200) * interval '1 day',
          timestamptz '2026-04-10T08:00:00Z' + (s % 200) * interval '1 day', 50, date '2026-04-01',
          'bench-' || s
        from generate_series(1, 400) as s`);
      await db.execute(sql`
        insert into training_enrolments (session_id, person_id, status, origin)
        select ('10000000-0000-4000-8000-' || lpad((1 + a / 50)::text, 12, '0'))::uuid,
          'p' || (1 + (a * 5) % ${STAFF}), 'attended', 'application'
        from generate_series(0, 19999) as a`);
      await db.execute(sql`
        insert into training_reports (session_id, person_id, status, wanted_text, wanted_course_ids)
        select session_id, person_id, 'submitted',
          case when random() < 0.5 then '次は' || person_id || 'の業務に役立つ研修' else '' end,
          jsonb_build_array(('00000000-0000-4000-8000-' || lpad((1 + abs(hashtext(person_id)) % 40)::text, 12, '0')))
        from training_enrolments where random() < 0.8`);
      await db.execute(sql`analyze`);
      const seedMs = Math.round(performance.now() - seedStarted);
      console.log(`seeded ${STAFF} staff on ${backend} in ${seedMs} ms`);

      const audit = { record: () => Promise.resolve() } as unknown as AuditLog;
      const service = createAnalyticsService({
        store: createAnalyticsStore(db),
        framework,
        audit,
        now: () => NOW,
      });
      const hr = { id: 'hr', isHr: true };

      if (typeof global.gc === 'function') global.gc();
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }, 5);
      const stalls = monitorEventLoopDelay({ resolution: 5 });
      stalls.enable();
      const competencyDashboardMs = await timed(RUNS, () =>
        service.competencies(hr, { groupBy: 'department' }),
      );
      const competencyByLevelMs = await timed(RUNS, () => service.competencies(hr, { groupBy: 'level' }));
      const completionDashboardMs = await timed(RUNS, () =>
        service.completion(hr, { fiscalYear: 2026, groupBy: 'department' }),
      );
      const demandDashboardMs = await timed(RUNS, () => service.demand(hr, { fiscalYear: 2026 }));
      stalls.disable();
      clearInterval(sampler);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

      // The deepest person, checked by someone outside their chain: the whole chain is walked.
      const lines = createPeopleStore(db, { now: () => NOW });
      const access = createAccessPolicy(lines);
      const deepest = `p${STAFF}`;
      const accessCheckMs = await timed(RUNS * 10, () => access.relation({ id: 'p2', isHr: false }, deepest));
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
        seedMs,
        ...(await measureDirectorySync()),
      };
    } finally {
      await database.close();
      await place.dispose();
    }
  },
};
