import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careerPromptCards } from '../../../bot/cards/career-prompt-card.ts';
import { addYears } from '../../../src/growth/career.service.ts';
import { DEFAULT_MILESTONES } from '../../../src/growth/career-milestones.ts';
import { createCareerPrompts } from '../../../src/growth/career-prompts.ts';
import { CAREER_MILESTONES_QUEUE } from '../../../src/growth/growth.module.ts';
import { nextOfficeTime } from '../../../src/jobs/office-hours.ts';
import { personalLocalesOf } from '../../../src/reports/conversation-references.store.ts';
import { jstMidnight } from '../../../src/shared/japan-time.ts';
import { createTabLinks } from '../../../src/shared/tab-links.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = {
  id: string;
  managerId: string | null;
  levelId: string | null;
  department: string | null;
  appRoles: string[];
};

// The career milestones' daily run (docs/growth.md, "Career milestones"): one prompt per (person,
// milestone), once whatever retries or instances do, with the bot notices to the person and their
// supervisor queued for office hours.
describe('career milestones: the daily run', () => {
  let server: TestServer;
  let person: Person;
  let hireDate: string;

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people as Person[];
    // A regular 主事 with a hire date and a supervisor in force.
    const rows = await server.database.query<{ id: string; hire_date: string }>(
      `SELECT id, hire_date::text AS hire_date FROM people
        WHERE level_id = 'shuji' AND employment_type = 'regular' AND hire_date IS NOT NULL AND manager_id IS NOT NULL
        ORDER BY id`,
    );
    const row = rows.find((candidate) => people.some((seeded) => seeded.id === candidate.id))!;
    person = people.find((seeded) => seeded.id === row.id)!;
    hireDate = row.hire_date;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** 06:00 Japan time on `day`, when the job runs. */
  const sixAm = (day: string) => new Date(jstMidnight(day) + 6 * 60 * 60 * 1000);
  const instance = (day: string) =>
    createCareerPrompts({
      db: server.database.db,
      settings: DEFAULT_MILESTONES,
      now: () => sixAm(day),
      notices: {
        messages: server.botMessages,
        cards: careerPromptCards,
        languagesOf: (personIds, db) => personalLocalesOf(db, personIds),
        tabLink: createTabLinks(server.config),
      },
    });
  const promptsOf = (personId: string) =>
    server.database.query<{ id: string; milestone_key: string; due_on: string }>(
      `SELECT id, milestone_key, due_on::text AS due_on FROM career_prompts WHERE person_id = $1`,
      [personId],
    );
  const noticesOf = (personId: string) =>
    server.database.query<{
      key: string;
      recipient: { kind: string; personId: string };
      payload: { text: string; attachments: unknown[] };
      next_attempt_at: Date;
    }>(
      `SELECT key, recipient, payload, next_attempt_at FROM bot_outbox WHERE key LIKE 'career-prompt:' || $1 || ':%' ORDER BY key`,
      [personId],
    );

  it('is declared in the jobs table (a daily schedule)', async () => {
    expect(await server.queue.boss.getQueue(CAREER_MILESTONES_QUEUE)).not.toBeNull();
  });

  it('prompts nothing the day before a milestone falls due', async () => {
    const due = addYears(hireDate, 3);
    const dayBefore = new Date(jstMidnight(due) - 12 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await instance(dayBefore).run();
    expect(await promptsOf(person.id)).toEqual([]);
    expect(await noticesOf(person.id)).toEqual([]);
  });

  it('records one prompt per (person, milestone) with two instances racing and a retry, and tells each recipient once in office hours', async () => {
    const due = addYears(hireDate, 3);
    const [first, second] = await Promise.all([instance(due).run(), instance(due).run()]);
    expect(first.prompted + second.prompted).toBeGreaterThan(0);
    const again = await instance(due).run();
    expect(again).toEqual({ prompted: 0 });

    const prompts = await promptsOf(person.id);
    expect(prompts.map(({ milestone_key, due_on }) => ({ milestone_key, due_on }))).toEqual([
      { milestone_key: 'career-interview-3', due_on: due },
    ]);
    const notices = await noticesOf(person.id);
    const prompt = prompts[0]!;
    expect(notices.map((notice) => [notice.key, notice.recipient])).toEqual([
      [`career-prompt:${person.id}:${prompt.id}:self`, { kind: 'person', personId: person.id }],
      [
        `career-prompt:${person.id}:${prompt.id}:supervisor:${person.managerId}`,
        { kind: 'person', personId: person.managerId },
      ],
    ]);
    // Queued at 6:00, sent when the office next opens (Japanese: nobody chose English).
    for (const notice of notices)
      expect(new Date(notice.next_attempt_at).getTime()).toBe(nextOfficeTime(sixAm(due)).getTime());
    expect(notices[0]!.payload.text).toBe('採用3年目のキャリア面談の時期です');
    expect(JSON.stringify(notices[0]!.payload.attachments)).toContain(encodeURIComponent('career'));
    expect(JSON.stringify(notices[1]!.payload.attachments)).toContain(
      encodeURIComponent(`interviews/book/career/${person.id}`),
    );
  });

  it('prompts the 専門 / 幅広 choice as the 評価期間 ends, and a missed day is caught up later', async () => {
    const due = addYears(hireDate, 10);
    const threeDaysLate = new Date(jstMidnight(due) + 3 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await instance(threeDaysLate).run();
    const keys = (await promptsOf(person.id)).map((prompt) => prompt.milestone_key).sort();
    expect(keys).toEqual(['career-interview-3', 'path-choice-10']);
    expect((await noticesOf(person.id)).map((notice) => notice.payload.text)).toContain(
      '能力・適性等評価期間が終わります',
    );
  });

  it('shows the open prompts on the supervisor’s team page until a career interview is booked after them', async () => {
    const call = apiCaller(() => server);
    const people = server.emulator.people as Person[];
    const supervisor = people.find((candidate) => candidate.id === person.managerId)!;
    const promptsOnTeamPage = async () => {
      const team = await call(supervisor, 'GET', '/api/team');
      expect(team.status).toBe(200);
      const members = team.body.members as Array<{ id: string; careerPrompts: Array<{ kind: string }> }>;
      return members.find((member) => member.id === person.id)!.careerPrompts;
    };
    expect((await promptsOnTeamPage()).map((prompt) => prompt.kind)).toEqual([
      'career-interview',
      'path-choice',
    ]);
    // Someone outside the chain sees no team with them in it; the person themself has no team.
    const own = await call(person, 'GET', '/api/team');
    expect(own.body.members).toEqual([]);

    // Fiscal years kept apart (one live career interview per person and year), whatever the hire date.
    const book = async (startsAt: Date, fiscalYear: number) => {
      const [booking] = await server.database.query<{ id: string }>(
        `INSERT INTO interview_bookings (organizer_id, idempotency_key) VALUES ($1, $2) RETURNING id`,
        [supervisor.id, `career-${startsAt.getTime()}`],
      );
      await server.database.query(
        `INSERT INTO interviews (booking_id, organizer_id, person_id, type, fiscal_year, starts_at, ends_at, status, transaction_id)
         VALUES ($1, $2, $3, 'career', $4, $5, $6, 'booked', $7)`,
        [
          booking!.id,
          supervisor.id,
          person.id,
          fiscalYear,
          startsAt,
          new Date(startsAt.getTime() + 30 * 60 * 1000),
          `career-${startsAt.getTime()}`,
        ],
      );
    };
    // A career interview before the 3-year prompt was made closes neither prompt.
    await book(new Date(sixAm(addYears(hireDate, 3)).getTime() - 24 * 60 * 60 * 1000), 1990);
    expect(await promptsOnTeamPage()).toHaveLength(2);
    // One booked after the 3-year prompt (and before the 10-year one) closes the 3-year prompt only.
    await book(new Date(sixAm(addYears(hireDate, 3)).getTime() + 7 * 24 * 60 * 60 * 1000), 1991);
    expect((await promptsOnTeamPage()).map((prompt) => prompt.kind)).toEqual(['path-choice']);
  });
});
