// The synthetic city of the `scale` bench, seeded in bulk with set-based SQL (a row at a time would take
// hours at 100,000 staff). About 50 部 and 500 課; reporting lines a tree eight wide (p1 at the top, the
// manager of p<i> is p<i/8>), seven levels deep at 100,000; every person a latest and an older submitted
// self-check with a short evidence text per rating; about one goal per person for the year; 20,000
// interviews, some held and some ahead; 400 training sessions of 50 attendees, 4 in 5 reported.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/database.ts';
import type { Framework } from '../../src/framework/framework.schema.ts';

export interface SeededCity {
  staff: number;
  /** The person at the bottom of the deepest chain: the access check walks all of it. */
  deepest: string;
  /** A 課長-sized supervisor: 8 direct reports (係長), each with 8 of their own: 72 below. */
  sectionHead: string;
}

export async function seedCity(db: Db, framework: Framework, staff: number): Promise<SeededCity> {
  const levels = framework.levels.map((level) => level.id);
  const competencies = framework.competencies.map((competency) => competency.id);
  await db.execute(sql`
    insert into people (id, user_principal_name, display_name, department, division, level_id,
      manager_id, directory_manager_id, directory_department, directory_division)
    select 'p' || i, 'staff' || i || '@city.example', '職員' || i, '課' || (i % 500),
      '部' || (i % 500 / 10), (${sql.param(levels)}::text[])[1 + i % ${levels.length}],
      case when i = 1 then null else 'p' || greatest(1, i / 8) end,
      case when i = 1 then null else 'p' || greatest(1, i / 8) end, '課' || (i % 500), '部' || (i % 500 / 10)
    from generate_series(1, ${staff}) as i`);
  for (const [period, shift] of [
    ['2025-H2', 1],
    ['2026-H1', 0],
  ] as const)
    await db.execute(sql`
      insert into self_checks (person_id, period, level_id, framework_version, status, ratings, submitted_at)
      select 'p' || i, ${period}, 'shuji', '1', 'submitted',
        (select jsonb_object_agg(c.id, jsonb_build_object('rating', 1 + (i + c.ord + ${shift}) % 5,
           'evidence', '窓口対応で住民の話を最後まで聞き、担当課へ確実につないだ。'))
         from unnest(${sql.param(competencies)}::text[]) with ordinality as c(id, ord)),
        now()
      from generate_series(1, ${staff}) as i`);
  // Goals of FY2026: four in five people set one, the first fifth of them a second (one per person).
  await db.execute(sql`
    insert into goals (person_id, fiscal_year, title, due_date)
    select 'p' || (1 + g % greatest(1, ${staff} * 4 / 5)), 2026, '窓口の待ち時間を短縮する', date '2027-03-31'
    from generate_series(1, ${staff}) as g`);
  // 20,000 interviews of FY2026 (a fifth of the staff at 100,000), by their manager, four types in turn;
  // spread over the year, so those before the bench's "now" (2026-12-05) are held, the rest booked.
  const interviewCount = Math.min(20_000, Math.floor(staff / 5));
  await db.execute(sql`
    insert into interviews (booking_id, organizer_id, person_id, type, fiscal_year, starts_at, ends_at,
      status, transaction_id)
    select ('20000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid,
      'p' || greatest(1, (1 + (k * 5) % ${staff}) / 8), 'p' || (1 + (k * 5) % ${staff}),
      (array['goalSetting', 'midYear', 'yearEnd', 'career'])[1 + k % 4], 2026,
      timestamptz '2026-04-06T01:00:00Z' + (k % 340) * interval '1 day',
      timestamptz '2026-04-06T01:30:00Z' + (k % 340) * interval '1 day', 'booked', 'bench-interview-' || k
    from generate_series(0, ${interviewCount - 1}) as k`);
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
      'p' || (1 + (a * 5) % ${staff}), 'attended', 'application'
    from generate_series(0, 19999) as a`);
  await db.execute(sql`
    insert into training_reports (session_id, person_id, status, wanted_text, wanted_course_ids)
    select session_id, person_id, 'submitted',
      case when random() < 0.5 then '次は' || person_id || 'の業務に役立つ研修' else '' end,
      jsonb_build_array(('00000000-0000-4000-8000-' || lpad((1 + abs(hashtext(person_id)) % 40)::text, 12, '0')))
    from training_enrolments where random() < 0.8`);
  // As autovacuum leaves a table after bulk inserts: statistics, and pages marked all-visible (which
  // lets the dashboards' index-only scans skip the rows).
  await db.execute(sql`vacuum analyze`);
  // p<k> has p<8k>…p<8k+7> below it; k = staff/100 (1,000 at 100,000) has two full levels: 72 people.
  const head = Math.max(1, Math.floor(staff / 100));
  return { staff, deepest: `p${staff}`, sectionHead: `p${head}` };
}
