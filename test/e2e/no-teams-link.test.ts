// Issue 15, point 4, in the tab: a supervisor whose mailbox cannot host Teams meetings books an
// interview; Outlook (the emulator) makes the event without a meeting, the app reads it back, and the
// supervisor sees "no Teams link" on the interview instead of a join link that is not there.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedPerson } from '../../src/dev/m365-emulator/seed-organisation.ts';
import type { InterviewSummary, PlanResponse } from '../../src/interviews/interview.contract.ts';
import { isOfficeDay, jstDayOf } from '../../src/interviews/slot-finder.ts';
import { apiCaller } from '../support/api-caller.ts';
import { launchBrowser, openDevHost } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('an interview booked without a Teams meeting, in the tab', () => {
  let server: TestServer;
  let browser: Browser;
  let kacho: SeedPerson;
  let report: SeedPerson;
  const call = apiCaller(() => server);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const people = server.emulator.people;
    kacho = people.find(
      (person) =>
        person.levelId === 'kacho' &&
        !person.appRoles.includes('Hagukumi.HR') &&
        people.some((other) => other.managerId === person.id),
    )!;
    report = people.find((person) => person.managerId === kacho.id)!;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the organizer "no Teams link" once Outlook made the event without one', async () => {
    server.emulator.setOnlineMeetingProviders(kacho.id, []);
    const days: string[] = [];
    for (let offset = 2; days.length < 8; offset += 1) {
      const day = jstDayOf(Date.now() + offset * DAY);
      if (isOfficeDay(day)) days.push(day);
    }
    const options = { firstDay: days[0]!, lastDay: days.at(-1)!, durationMinutes: 30 };
    const plan = await call(kacho, 'POST', '/api/interviews/plan', {
      ...options,
      type: 'career',
      personIds: [report.id],
    });
    expect(plan.status).toBe(200);
    const [slot] = (plan.body as unknown as PlanResponse).slots;
    const booked = await call(kacho, 'POST', '/api/interviews/bookings', {
      idempotencyKey: randomUUID(),
      type: 'career',
      plan: options,
      slots: [{ personId: report.id, start: slot!.start, end: slot!.end }],
    });
    expect(booked.status).toBe(202);
    // The read-back pauses a few seconds inside the Outlook job before it settles.
    const organizerList = async () =>
      (await call(kacho, 'GET', '/api/interviews?as=organizer')).body as unknown as InterviewSummary[];
    await expect
      .poll(
        async () => (await organizerList()).find((candidate) => candidate.personId === report.id)?.status,
        { timeout: 40_000, interval: 500 },
      )
      .toBe('booked');
    const entry = (await organizerList()).find((candidate) => candidate.personId === report.id)!;
    expect(entry).toMatchObject({ status: 'booked', joinUrl: null, noTeamsLink: true });

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: kacho.userPrincipalName });
    await tab.frame.locator('[data-testid=nav-interviews]').click();
    const item = tab.frame.locator(`[data-testid=organizer-${entry.id}]`);
    await item.waitFor();
    await expect(item.locator('[data-testid=no-teams-link]').textContent()).resolves.toContain(
      'Teams 会議のリンクがありません',
    );
    await expect(item.locator('[data-testid=join-link]').count()).resolves.toBe(0);
    await page.close();
  }, 90_000);
});
