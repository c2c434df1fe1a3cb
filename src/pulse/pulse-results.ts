// The pulse's results, counted in PostgreSQL (docs/pulse.md, "Anonymity"): every statement groups the
// answers by 課 (or by nothing, for the organisation) and keeps only groups of at least
// PULSE_MIN_GROUP_SIZE answers with a HAVING clause, so a small group's ratings and even its count never
// leave the database. Nothing here reads or returns a person.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { PULSE_MIN_GROUP_SIZE } from './pulse.contract.ts';

interface GroupRow {
  department: string | null;
  answered: number;
  score: number;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** Two decimal places. */
const rounded = (value: number) => Math.round(Number(value) * 100) / 100;

export function createPulseResults(db: Db, minGroupSize: number = PULSE_MIN_GROUP_SIZE) {
  return {
    minGroupSize,

    /** Per 課 of one pulse: answered, mean score and per-question averages, only where big enough. */
    async byDepartment(
      pulseId: string,
    ): Promise<Array<{ department: string | null; answered: number; score: number; averages: number[] }>> {
      const groups = rowsOf<GroupRow>(
        await db.execute(sql`
          select a.department, count(distinct a.id)::int as answered, avg(r.rating)::float8 as score
          from pulse_answers a cross join lateral unnest(a.ratings) as r(rating)
          where a.pulse_id = ${pulseId}
          group by a.department
          having count(distinct a.id) >= ${minGroupSize}`),
      );
      const questions = rowsOf<{ department: string | null; idx: number; average: number }>(
        await db.execute(sql`
          select a.department, r.idx::int as idx, avg(r.rating)::float8 as average
          from pulse_answers a cross join lateral unnest(a.ratings) with ordinality as r(rating, idx)
          where a.pulse_id = ${pulseId}
          group by a.department, r.idx
          having count(*) >= ${minGroupSize}
          order by r.idx`),
      );
      return groups.map((group) => ({
        department: group.department,
        answered: Number(group.answered),
        score: rounded(group.score),
        averages: questions
          .filter((row) => row.department === group.department)
          .map((row) => rounded(row.average)),
      }));
    },

    /** The whole organisation for one pulse, or undefined below the threshold. */
    async overall(
      pulseId: string,
    ): Promise<{ answered: number; score: number; averages: number[] } | undefined> {
      const [group] = rowsOf<{ answered: number; score: number }>(
        await db.execute(sql`
          select count(distinct a.id)::int as answered, avg(r.rating)::float8 as score
          from pulse_answers a cross join lateral unnest(a.ratings) as r(rating)
          where a.pulse_id = ${pulseId}
          having count(distinct a.id) >= ${minGroupSize}`),
      );
      if (!group) return undefined;
      const questions = rowsOf<{ average: number }>(
        await db.execute(sql`
          select avg(r.rating)::float8 as average
          from pulse_answers a cross join lateral unnest(a.ratings) with ordinality as r(rating, idx)
          where a.pulse_id = ${pulseId}
          group by r.idx
          order by r.idx`),
      );
      return {
        answered: Number(group.answered),
        score: rounded(group.score),
        averages: questions.map((row) => rounded(row.average)),
      };
    },

    /**
     * The free texts of the 課 that reached the threshold, without their 課, sorted by text: the order of
     * answering and the 課 do not show. Answers of people without a 課 are left out (their group is unknown).
     */
    async freeTexts(pulseId: string): Promise<string[]> {
      const rows = rowsOf<{ text: string }>(
        await db.execute(sql`
          select a.free_text as text from pulse_answers a
          where a.pulse_id = ${pulseId} and a.free_text <> ''
            and a.department in (
              select department from pulse_answers
              where pulse_id = ${pulseId} and department is not null
              group by department having count(*) >= ${minGroupSize})
          order by a.free_text`),
      );
      return rows.map((row) => row.text);
    },

    /** Mean score per quarter and 課 (department null: the whole organisation), only where big enough. */
    async trend(
      department?: string,
    ): Promise<Array<{ quarter: string; department: string | null; answered: number; score: number }>> {
      const byDepartment = rowsOf<{ quarter: string; department: string; answered: number; score: number }>(
        await db.execute(sql`
          select p.quarter, a.department, count(distinct a.id)::int as answered, avg(r.rating)::float8 as score
          from pulse_answers a
            join pulses p on p.id = a.pulse_id
            cross join lateral unnest(a.ratings) as r(rating)
          where a.department is not null ${department === undefined ? sql`` : sql`and a.department = ${department}`}
          group by p.quarter, a.department
          having count(distinct a.id) >= ${minGroupSize}`),
      );
      const overall =
        department === undefined
          ? rowsOf<{ quarter: string; answered: number; score: number }>(
              await db.execute(sql`
                select p.quarter, count(distinct a.id)::int as answered, avg(r.rating)::float8 as score
                from pulse_answers a
                  join pulses p on p.id = a.pulse_id
                  cross join lateral unnest(a.ratings) as r(rating)
                group by p.quarter
                having count(distinct a.id) >= ${minGroupSize}`),
            )
          : [];
      return [...overall.map((row) => ({ ...row, department: null })), ...byDepartment].map((row) => ({
        quarter: row.quarter,
        department: row.department,
        answered: Number(row.answered),
        score: rounded(row.score),
      }));
    },
  };
}

export type PulseResultsReader = ReturnType<typeof createPulseResults>;
