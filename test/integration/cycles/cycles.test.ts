import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDueCalculator } from '../../../src/cycles/cycle-due.ts';
import { createCycleReminders } from '../../../src/cycles/cycle-reminders.ts';
import { createCycleStore } from '../../../src/cycles/cycle.store.ts';
import { createGrowthStatus } from '../../../src/growth/growth-status.adapter.ts';
import type { CycleWindow, DueResponse } from '../../../src/cycles/cycle.contract.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { nextOfficeTime } from '../../../src/jobs/office-hours.ts';
import { jstDayOf, jstMidnight } from '../../../src/shared/japan-time.ts';
import { createBotOutbox } from '../../../src/reports/bot-outbox.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { jstDay } from '../../support/fiscal-days.ts';
import { offsetFromYearEnd, shiftedClock } from '../../support/shifted-clock.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = {
  id: string;
  managerId: string | null;
  department: string | null;
  levelId: string | null;
  appRoles: string[];
};

const DAY = 86_400_000;
/** A day in Japan, `offset` days from today (YYYY-MM-DD). */
const japanDay = (offset: number) => jstDay(offset, clock.now().getTime());
// The server's clock and the test's: the machine's, but late in March some weeks back, so that windows a
// few weeks long (and reminders more than a week before their last day) still fit in the fiscal year.
const clock = shiftedClock(offsetFromYearEnd(30));

describe.each(SLICE_BACKENDS)('fiscal-year cycles on %s', (backend) => {
  let server: TestServer;
  const { fiscalYear, half, id: period } = halfPeriodAt(clock.now());
  const halfKind = half === 1 ? 'selfCheckH1' : 'selfCheckH2';
  const yearEnd = `${fiscalYear + 1}-03-31`;
  /** A last day some weeks ahead, inside the fiscal year. */
  const lastDay = japanDay(20) < yearEnd ? japanDay(20) : yearEnd;
  let self: Person;
  let supervisor: Person;
  let hr: Person;
  let partTimer: Person;
  let others: Person[];

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    const people = server.emulator.people as Person[];
    self = people.find((person) => person.levelId === 'shuji' && person.department !== '職員課')!;
    supervisor = people.find((person) => person.id === self.managerId)!;
    hr = people.find((person) => person.appRoles.length > 0 && person.department !== self.department)!;
    partTimer = people.find((person) => person.levelId === 'kaikeiNendo')!;
    others = [self, supervisor, partTimer];
    expect([self, supervisor, hr, partTimer].every(Boolean)).toBe(true);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = apiCaller(() => server);
  const windowOf = async (kind: string): Promise<CycleWindow | undefined> =>
    ((await call(hr, 'GET', `/api/cycles?fiscalYear=${fiscalYear}`)).body.windows as CycleWindow[]).find(
      (window) => window.kind === kind,
    );
  const due = async (person: Person) =>
    (await call(person, 'GET', '/api/cycles/due')).body as unknown as DueResponse;
  const plan = (kind: string, opensOn = japanDay(0), closesOn = lastDay) =>
    call(hr, 'POST', '/api/cycles/windows', { fiscalYear, kind, opensOn, closesOn });
  const selfCheckDraft = (version: number) =>
    call(self, 'PUT', `/api/people/me/self-checks/${period}`, { version, ratings: {}, reflections: {} });

  it('lists, before HR configures anything, the self-check of the current half as due by the default rule', async () => {
    const answer = await due(self);
    expect(answer.today).toBe(japanDay(0));
    expect(answer.open).toEqual([
      { kind: halfKind, windowId: null, fiscalYear, closesOn: half === 1 ? `${fiscalYear}-09-30` : yearEnd },
    ]);
    expect(answer.mine).toEqual([
      {
        kind: halfKind,
        windowId: null,
        fiscalYear,
        closesOn: answer.open[0]!.closesOn,
        task: 'submitSelfCheck',
        count: 1,
        period,
        page: 'self-check',
      },
    ]);
    expect(answer.team).toBeNull();
    const team = (await due(supervisor)).team!;
    expect(team).toHaveLength(1);
    expect(team[0]).toMatchObject({ kind: halfKind, task: 'submitSelfCheck' });
    expect(team[0]!.of).toBeGreaterThanOrEqual(1);
  });

  it('lets only HR plan, open and close windows: everyone else gets 403 and nothing changes', async () => {
    const before = await snapshotState(server);
    for (const person of others) {
      const planned = await call(person, 'POST', '/api/cycles/windows', {
        fiscalYear,
        kind: 'goalSetting',
        opensOn: japanDay(0),
        closesOn: lastDay,
      });
      expect([person.id, planned.status, planned.body.error?.code]).toEqual([person.id, 403, 'forbidden']);
    }
    expect(await snapshotState(server)).toBe(before);

    const planned = await plan('goalSetting');
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({
      fiscalYear,
      kind: 'goalSetting',
      state: 'scheduled',
      opensOn: japanDay(0),
      closesOn: lastDay,
      openedAt: null,
      version: 1,
      openedBy: null,
    });
    const id = planned.body.id as string;
    const afterPlan = await snapshotState(server);
    for (const person of others) {
      expect((await call(person, 'POST', `/api/cycles/windows/${id}/open`, { version: 1 })).status).toBe(403);
      expect((await call(person, 'POST', `/api/cycles/windows/${id}/close`, { version: 1 })).status).toBe(
        403,
      );
      const moved = await call(person, 'PUT', `/api/cycles/windows/${id}`, {
        version: 1,
        opensOn: japanDay(0),
        closesOn: lastDay,
      });
      expect(moved.status).toBe(403);
    }
    expect(await snapshotState(server)).toBe(afterPlan);

    const opened = await call(hr, 'POST', `/api/cycles/windows/${id}/open`, { version: 1 });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ state: 'open', version: 2, openedBy: { id: hr.id } });
    // Everyone signed in reads the year, without who did what.
    const read = await call(self, 'GET', `/api/cycles?fiscalYear=${fiscalYear}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ fiscalYear, currentFiscalYear: fiscalYear, today: japanDay(0) });
    const seen = (read.body.windows as CycleWindow[]).find((window) => window.id === id)!;
    expect(seen).toMatchObject({ state: 'open', kind: 'goalSetting' });
    expect(seen).not.toHaveProperty('history');
    expect(seen).not.toHaveProperty('openedBy');
  });

  it('refuses days outside the fiscal year, a last day before the first, a second window of a kind and a stale version', async () => {
    const before = await snapshotState(server);
    const cases: Array<[string, unknown, number]> = [
      ['before the year', { kind: 'midYear', opensOn: `${fiscalYear}-03-31`, closesOn: lastDay }, 422],
      ['after the year', { kind: 'midYear', opensOn: japanDay(0), closesOn: `${fiscalYear + 1}-04-01` }, 422],
      ['closes before it opens', { kind: 'midYear', opensOn: lastDay, closesOn: japanDay(0) }, 422],
      ['a second goal-setting window', { kind: 'goalSetting', opensOn: japanDay(0), closesOn: lastDay }, 409],
      ['not a date', { kind: 'midYear', opensOn: `${fiscalYear}-02-30`, closesOn: lastDay }, 400],
      ['an unknown kind', { kind: 'appraisal', opensOn: japanDay(0), closesOn: lastDay }, 400],
    ];
    for (const [label, body, status] of cases) {
      const answer = await call(hr, 'POST', '/api/cycles/windows', { fiscalYear, ...(body as object) });
      expect([label, answer.status]).toEqual([label, status]);
    }
    const far = await call(hr, 'POST', '/api/cycles/windows', {
      fiscalYear: fiscalYear + 2,
      kind: 'midYear',
      opensOn: `${fiscalYear + 2}-10-01`,
      closesOn: `${fiscalYear + 2}-10-31`,
    });
    expect(far.status).toBe(422);
    const goalSetting = (await windowOf('goalSetting'))!;
    const stale = await call(hr, 'POST', `/api/cycles/windows/${goalSetting.id}/close`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'version_conflict',
      details: [{ path: 'body.version', message: `current version is ${goalSetting.version}` }],
    });
    const moved = await call(hr, 'PUT', `/api/cycles/windows/${goalSetting.id}`, {
      version: goalSetting.version,
      opensOn: lastDay,
      closesOn: japanDay(0),
    });
    expect(moved.status).toBe(422);
    const missing = await call(hr, 'POST', '/api/cycles/windows/00000000-0000-4000-8000-000000000000/open', {
      version: 1,
    });
    expect(missing.status).toBe(404);
    expect(await snapshotState(server)).toBe(before);
  });

  it('cannot close a window that was never opened, nor open one twice from the same reading', async () => {
    const planned = await plan('midYear', japanDay(1), lastDay);
    expect(planned.status).toBe(201);
    const closed = await call(hr, 'POST', `/api/cycles/windows/${planned.body.id as string}/close`, {
      version: 1,
    });
    expect(closed.status).toBe(409);
    expect((await windowOf('midYear'))!.state).toBe('scheduled');
    // Two HR staff opening it from the same reading: one succeeds, the other is told it changed.
    const opens = await Promise.all([
      call(hr, 'POST', `/api/cycles/windows/${planned.body.id as string}/open`, { version: 1 }),
      call(hr, 'POST', `/api/cycles/windows/${planned.body.id as string}/open`, { version: 1 }),
    ]);
    expect(opens.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const opened = (await windowOf('midYear'))!;
    expect(opened).toMatchObject({ state: 'open', version: 2, opensOn: japanDay(0) });
    expect(opened.history!.map((event) => event.action)).toEqual(['scheduled', 'opened']);
  });

  it('lists what I owe in the open windows, until I do it; supervisors see counts for their team', async () => {
    const goalSetting = (await windowOf('goalSetting'))!;
    const mine = (await due(self)).mine;
    expect(mine.find((item) => item.kind === 'goalSetting')).toEqual({
      kind: 'goalSetting',
      windowId: goalSetting.id,
      fiscalYear,
      closesOn: lastDay,
      task: 'setGoals',
      count: 1,
      page: 'goals',
    });
    // 会計年度任用職員 are outside 目標管理: no goals are asked of them.
    expect((await due(partTimer)).mine.map((item) => item.kind)).not.toContain('goalSetting');
    const teamBefore = (await due(supervisor)).team!.find((item) => item.kind === 'goalSetting')!;
    expect(teamBefore.owing).toBeGreaterThanOrEqual(1);

    const goal = await call(self, 'POST', '/api/people/me/goals', {
      fiscalYear,
      title: '窓口の待ち時間を短縮する',
      successCriteria: '平均待ち時間を15分以内にする',
      dueDate: yearEnd,
      competencyIds: [],
      guidelineIds: [],
      idempotencyKey: randomUUID(),
    });
    expect(goal.status).toBe(201);
    expect((await due(self)).mine.map((item) => item.kind)).not.toContain('goalSetting');
    const teamAfter = (await due(supervisor)).team!.find((item) => item.kind === 'goalSetting')!;
    expect(teamAfter).toMatchObject({ owing: teamBefore.owing - 1, of: teamBefore.of });

    // 自己申告 opened through its own route is the same window: due for me, never counted for my supervisor.
    const declaration = await call(hr, 'POST', '/api/declaration-windows', { fiscalYear, closesOn: lastDay });
    expect(declaration.status).toBe(201);
    const declarationWindow = (await windowOf('declaration'))!;
    expect(declarationWindow).toMatchObject({ state: 'open', closesOn: lastDay });
    expect((await due(self)).mine.find((item) => item.kind === 'declaration')).toMatchObject({
      windowId: declarationWindow.id,
      task: 'submitDeclaration',
      page: 'declaration',
    });
    expect((await due(supervisor)).team!.map((item) => item.kind)).not.toContain('declaration');
  });

  it("refuses self-checks while HR has their half's window planned or closed, and allows them while it is open", async () => {
    // By default (nothing configured for the half) the current half is open.
    const first = await selfCheckDraft(0);
    expect(first.status).toBe(200);
    const planned = await plan(halfKind);
    expect(planned.status).toBe(201);
    const before = await snapshotState(server);
    const refused = await selfCheckDraft(1);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('conflict');
    expect(await snapshotState(server)).toBe(before);
    expect((await call(self, 'GET', `/api/people/me/self-checks/${period}`)).body.editable).toBe(false);
    expect((await due(self)).mine.map((item) => item.kind)).not.toContain(halfKind);

    const opened = await call(hr, 'POST', `/api/cycles/windows/${planned.body.id as string}/open`, {
      version: 1,
    });
    expect(opened.status).toBe(200);
    expect((await selfCheckDraft(1)).status).toBe(200);
    expect((await due(self)).mine.find((item) => item.kind === halfKind)).toMatchObject({
      windowId: planned.body.id,
      closesOn: lastDay,
    });

    const closed = await call(hr, 'POST', `/api/cycles/windows/${planned.body.id as string}/close`, {
      version: 2,
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', closedBy: { id: hr.id } });
    expect((await selfCheckDraft(2)).status).toBe(409);

    // Reopened with a new last day: the history keeps every step, with who and when.
    const reopened = await call(hr, 'POST', `/api/cycles/windows/${planned.body.id as string}/open`, {
      version: 3,
      closesOn: lastDay,
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ state: 'open', closedAt: null });
    const history = (reopened.body as unknown as CycleWindow).history!;
    expect(history.map((event) => [event.action, event.state, event.actor.id])).toEqual([
      ['scheduled', 'scheduled', hr.id],
      ['opened', 'open', hr.id],
      ['closed', 'closed', hr.id],
      ['reopened', 'open', hr.id],
    ]);
    const audit = await server.database.query<{ details: { change: string } }>(
      `SELECT details FROM audit_log WHERE resource = 'cycle-window' AND details->>'windowId' = $1 ORDER BY id`,
      [planned.body.id],
    );
    expect(audit.map((row) => row.details.change)).toEqual(['scheduled', 'opened', 'closed', 'reopened']);
    await expect(server.database.query('DELETE FROM cycle_window_events')).rejects.toThrow(/append-only/);
  });

  it('enqueues reminders for what people owe once per key, and only while the office is open', async () => {
    const outbox = createBotOutbox({ db: server.database.db });
    // The office's opening on the next office day from tomorrow (an hour later it is still open: from
    // tomorrow at this hour, a run started after 16:00 in Japan had its second reminder run after
    // closing), and that evening after hours, both before the last day.
    const officeTime = nextOfficeTime(jstMidnight(jstDayOf(clock.now().getTime() + DAY)));
    const evening = new Date(
      jstMidnight(new Date(officeTime.getTime() + 9 * 3_600_000).toISOString().slice(0, 10)) + 20 * 3_600_000,
    );
    const remindersAt = (now: Date) => {
      const store = createCycleStore(server.database.db, clock.now);
      return createCycleReminders({
        due: createDueCalculator({ store, status: createGrowthStatus(server.database.db), now: () => now }),
        messages: outbox,
        render: (content) => ({ text: `${content.task} ${content.closesOn}`, attachments: [] }),
        now: () => now,
      });
    };
    const keys = async () =>
      (
        await server.database.query<{ key: string; recipient: { personId: string } }>(
          `SELECT key, recipient FROM bot_outbox WHERE key LIKE 'cycle-reminder:%' ORDER BY key`,
        )
      ).map((row) => row.key);

    expect(await remindersAt(evening).run()).toEqual({ skipped: 'office-closed', enqueued: 0 });
    expect(await keys()).toEqual([]);

    const first = await remindersAt(officeTime).run();
    const stored = await keys();
    expect(first.enqueued).toBe(stored.length);
    const goalSetting = (await windowOf('goalSetting'))!;
    const goalKeys = stored.filter((key) => key.startsWith(`cycle-reminder:${goalSetting.id}:`));
    // I set my goal: not reminded. A 会計年度任用職員 owes no goals. Someone else of my 課 without goals is.
    expect(goalKeys).not.toContain(`cycle-reminder:${goalSetting.id}:${self.id}:1`);
    expect(goalKeys.some((key) => key.includes(partTimer.id))).toBe(false);
    expect(goalKeys.length).toBeGreaterThan(10);
    expect(goalKeys.every((key) => /^cycle-reminder:[0-9a-f-]{36}:[0-9a-f-]{36}:1$/.test(key))).toBe(true);

    const second = await remindersAt(new Date(officeTime.getTime() + 3_600_000)).run();
    expect(second.enqueued).toBe(first.enqueued);
    expect(await keys()).toEqual(stored);
  });
});
