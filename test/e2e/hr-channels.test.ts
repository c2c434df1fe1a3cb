// HR maps a 課 to a channel in the HR console (共有先チャネル): the app is first installed in a team the
// way Teams announces it (an installation activity to the bot endpoint; a stand-in connector lists the
// team's channels), in Japanese with axe. English, 360 px and the dark theme: a component test
// (test/component/hr-sections-page.test.tsx).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openDevHost,
  screenshot,
  seriousAxeViolations,
  openTabPage,
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { courseBody, sessionBody } from '../integration/training/training-support.ts';

const TEAM_ID = '19:shiminka-team@thread.tacv2';
const CHANNEL_ID = '19:kenshu-houkoku@thread.tacv2';

describe('HR report channels in the tab', () => {
  let server: TestServer;
  let browser: Browser;
  let connector: Server;
  let hr: TestServer['emulator']['people'][number];
  let department = '';
  let author: TestServer['emulator']['people'][number];

  beforeAll(async () => {
    connector = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          /\/v3\/teams\/[^/]+\/conversations/.test(request.url ?? '')
            ? JSON.stringify({
                conversations: [
                  { id: TEAM_ID, name: 'General' },
                  { id: CHANNEL_ID, name: '研修報告' },
                ],
              })
            : '{}',
        );
      });
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    hr = server.emulator.people.find((person) => person.appRoles.length > 0)!;
    author = server.emulator.people.find(
      (person) =>
        person.levelId === 'shuji' &&
        person.appRoles.length === 0 &&
        person.managerId &&
        person.department &&
        person.department !== hr.department,
    )!;
    department = author.department!;
    const installed = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'conversationUpdate',
        id: 'install-e2e',
        serviceUrl: `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`,
        channelId: 'msteams',
        from: { id: '29:installer' },
        recipient: { id: '28:bot', name: 'Hagukumi' },
        membersAdded: [{ id: '28:bot' }],
        conversation: { id: TEAM_ID, conversationType: 'channel', tenantId: 'tenant-1' },
        channelData: {
          eventType: 'teamMemberAdded',
          team: { id: TEAM_ID, name: '市民課チーム' },
          tenant: { id: 'tenant-1' },
        },
      }),
    });
    expect(installed.status).toBeLessThan(300);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => connector?.close(resolve));
  });

  const openChannels = async (page: Page): Promise<FrameLocator> => {
    const tab = await openDevHost(page, server.url, { user: hr.userPrincipalName });
    await openTabPage(tab.frame, 'hr');
    await tab.frame.locator('[data-testid=hr-tab-channels]').click();
    await tab.frame.locator('[data-testid=hr-section-channels]').waitFor();
    return tab.frame;
  };
  const contentOf = async (page: Page) => {
    const content = await (
      await page.locator('[data-testid=dev-host-frame]').elementHandle()
    )?.contentFrame();
    if (!content) throw new Error('the tab frame is not there');
    return content;
  };
  const rowOf = (frame: FrameLocator) => frame.locator(`li[data-department="${department}"]`);

  it('lets HR pick a team and channel for a 課 and save it; the choice survives a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const frame = await openChannels(page);
    const row = rowOf(frame);
    await expect(row.locator('[data-testid=channels-current]').textContent()).resolves.toContain('未設定');
    await row.locator('[data-testid=channels-team]').selectOption(TEAM_ID);
    await row.locator('[data-testid=channels-channel]').selectOption(CHANNEL_ID);
    await row.locator('[data-testid=channels-save]').click();
    await frame.locator('[data-testid=channels-status]', { hasText: '保存しました' }).waitFor();
    await expect(row.locator('[data-testid=channels-current]').textContent()).resolves.toContain(
      '市民課チーム / 研修報告',
    );
    expect(await seriousAxeViolations(await contentOf(page))).toEqual([]);
    await screenshot(page, 'hr-channels-ja');

    await page.reload();
    const again = await openChannels(page);
    await expect(rowOf(again).locator('[data-testid=channels-channel]').inputValue()).resolves.toBe(
      CHANNEL_ID,
    );
    await expect(rowOf(again).locator('[data-testid=channels-current]').textContent()).resolves.toContain(
      '研修報告',
    );
    await page.close();
  });

  it('tells HR when another HR member changed the mapping meanwhile, keeping the choice', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const frame = await openChannels(page);
    const row = rowOf(frame);
    await row.locator('[data-testid=channels-channel]').selectOption(TEAM_ID);
    // Someone else saves first (version 1 → 2).
    const token = await server.tokenFor(hr.id);
    const path = `/api/reports/channel-mappings/${encodeURIComponent(department)}`;
    const other = await fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ teamId: TEAM_ID, channelId: CHANNEL_ID, version: 1 }),
    });
    expect(other.status).toBe(200);
    await row.locator('[data-testid=channels-save]').click();
    await row.locator('[data-testid=channels-error]').waitFor();
    await expect(row.locator('[data-testid=channels-error]').textContent()).resolves.toContain(
      'ほかの担当者',
    );
    await expect(row.locator('[data-testid=channels-channel]').inputValue()).resolves.toBe(TEAM_ID);
    await row.locator('[data-testid=channels-error] button').click();
    await row.locator('[data-testid=channels-save]').click();
    await frame.locator('[data-testid=channels-status]', { hasText: '保存しました' }).waitFor();
    await expect(row.locator('[data-testid=channels-current]').textContent()).resolves.toContain('General');
    await page.close();
  });

  it('shows the author, on the training page, that their report was shared and what their supervisor commented', async () => {
    const api = async (as: { id: string }, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await server.tokenFor(as.id)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return (await response.json()) as Record<string, unknown>;
    };
    const course = await api(
      hr,
      'POST',
      '/api/training/courses',
      courseBody({ title: { ja: '共有の研修' } }),
    );
    const session = await api(
      hr,
      'POST',
      `/api/training/courses/${course.id as string}/sessions`,
      sessionBody(),
    );
    const applied = await api(author, 'POST', `/api/training/sessions/${session.id as string}/apply`, {
      note: '',
    });
    await api(hr, 'POST', `/api/training/enrolments/${applied.id as string}/confirm`, { version: 1 });
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    await api(hr, 'POST', `/api/training/enrolments/${applied.id as string}/attendance`, { version: 2 });
    const report = await api(author, 'POST', `/api/reports/sessions/${session.id as string}/submit`, {
      submissionId: 'e2e-report-0001',
      learned: '目的を最初に共有する',
      application: '定例会議で試す',
      competencyIds: [],
      guidelineIds: [],
      satisfaction: 5,
      wantedText: '',
      wantedCourseIds: [],
    });
    await api({ id: author.managerId! }, 'POST', `/api/reports/${report.reportId as string}/comments`, {
      text: '次の定例で結果を共有してください。',
      requestId: 'e2e-comment-0001',
    });

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: author.userPrincipalName });
    await tab.frame.locator('[data-testid=nav-training]').click();
    await tab.frame.locator('[data-testid=training-tab-mine]').click();
    const status = tab.frame.locator(
      `[data-testid=enrolment-${applied.id as string}] [data-testid=report-status]`,
    );
    await status.waitFor();
    // The 課 is mapped (first test): the summary waits in the outbox or has been posted.
    await expect(status.getAttribute('data-sharing')).resolves.toMatch(/^(submitted|shared|not_shared)$/);
    await expect(status.textContent()).resolves.toContain('提出済み');
    await expect(status.locator('[data-testid=report-comments]').textContent()).resolves.toContain(
      '次の定例で結果を共有してください。',
    );
    expect(await seriousAxeViolations(await contentOf(page))).toEqual([]);
    await status.scrollIntoViewIfNeeded();
    await screenshot(page, 'training-mine-report-status');
    await page.close();
  });

  // The section in English at 360 px and in the dark theme is a component test
  // (test/component/hr-sections-page.test.tsx): it needs no server.
});
