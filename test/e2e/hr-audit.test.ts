// HR reads the audit log in the HR console (監査ログ) in words (no resource keys, no JSON), with page views
// set aside until asked for, filters it by whose data, downloads it as CSV; and, in a section of its own
// (退職者のデータ削除), erases a leaver's data after a confirmation that says what goes; the erasure shows
// in its records and in the log. Japanese first, 1,280 px, axe; English, the dark theme and 360 px are
// checked with the sections' own answers in test/component/hr-sections-page.test.tsx.
import { readFile } from 'node:fs/promises';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import {
  launchBrowser,
  openDevHost,
  screenshot,
  seriousAxeViolations,
  type DevHostTab,
  openTabPage,
} from '../support/browser.ts';
import { apiCaller } from '../support/api-caller.ts';
import { expectTablesFit } from '../support/tables.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Person = TestServer['emulator']['people'][number];
const LEAVER_ID = '00000000-0000-4000-8000-00000000a11e';

describe('HR audit log and leaver erasure in the tab', () => {
  let server: TestServer;
  let browser: Browser;
  let hr: Person;
  let subject: Person;
  let supervisor: Person;
  const call = apiCaller(() => server);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    subject = people.find((person) => person.levelId === 'shunin' && person.department === '市民課')!;
    supervisor = people.find((person) => person.id === subject.managerId)!;
    // Reads of the subject's data by their supervisor and by HR: entries for the log.
    const period = halfPeriodAt(new Date()).id;
    expect((await call(supervisor, 'GET', `/api/people/${subject.id}/self-checks/${period}`)).status).toBe(
      200,
    );
    expect((await call(hr, 'GET', `/api/people/${subject.id}/career`)).status).toBe(200);
    // A dashboard read: its entry names a resource key (analytics.…) and details the log must put in words.
    expect((await call(hr, 'GET', '/api/hr/dashboards/completion?groupBy=department')).status).toBe(200);
    // Someone who left: still in Hagukumi's copy of the directory with a career design, gone from Entra ID.
    await server.database.query(
      `INSERT INTO people (id, user_principal_name, display_name, department) VALUES ($1, 'taishoku@kodaira-demo.example', '退職 花子', '市民課')`,
      [LEAVER_ID],
    );
    await server.database.query(
      `INSERT INTO career_designs (person_id, vision_mid_term) VALUES ($1, '窓口で頼られる職員になる')`,
      [LEAVER_ID],
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openHr = async (
    section: 'audit' | 'erasure',
    options: { locale?: string; theme?: string; width?: number } = {},
  ) => {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: hr.userPrincipalName, ...options });
    await openTabPage(tab.frame, 'hr');
    await tab.frame.locator(`[data-testid=hr-tab-${section}]`).click();
    await tab.frame.locator(`[data-testid=hr-section-${section}]`).waitFor();
    return { page, tab };
  };
  const openAudit = (options: { locale?: string; theme?: string; width?: number } = {}) =>
    openHr('audit', options);
  /** Page views are set aside by default; these tests read them too. */
  const includeViews = async (frame: FrameLocator) => {
    await frame.locator('[data-testid=hr-audit-include-views]').check();
    await frame.locator('[data-testid=hr-audit-apply]').click();
    await frame.locator('[data-testid=hr-audit-views-hidden]').waitFor({ state: 'detached' });
    await frame.locator('[data-testid=hr-audit-table]').waitFor();
  };
  const pick = async (frame: FrameLocator, pickerId: string, text: string, personId: string) => {
    await frame.locator(`[data-testid=${pickerId}-search]`).fill(text);
    await frame.locator(`[data-testid=${pickerId}] [data-testid=person-option-${personId}]`).click();
    await frame.locator(`[data-testid=${pickerId}-chosen]`).waitFor();
  };
  const noSeriousAxe = async (tab: DevHostTab) => {
    expect(await seriousAxeViolations(await tab.contentFrame())).toEqual([]);
  };
  /** Waits for the dialog's opening animation, so the screenshot shows it as people see it. */
  const settled = async (tab: DevHostTab) => {
    const frame = await tab.contentFrame();
    await frame.evaluate(() =>
      Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
    );
  };
  const fullScreenshot = async (page: Page, frame: FrameLocator, name: string) => {
    const viewport = page.viewportSize() ?? { width: 1100, height: 900 };
    const height = await frame.locator('body').evaluate((body) => body.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.min(height + 80, 12_000) });
    await screenshot(page, name);
    await page.setViewportSize(viewport);
  };

  it('lists the log newest first in words, views set aside until asked for, filters it by whose data, and downloads the filtered CSV', async () => {
    const { page, tab } = await openAudit();
    // Only reads so far, and views are hidden by default: the log says so instead of drowning in them.
    await tab.frame.locator('[data-testid=hr-audit-views-hidden]').waitFor();
    await tab.frame.locator('[data-testid=hr-audit-empty]').waitFor();
    await includeViews(tab.frame);
    const rows = tab.frame.locator('[data-testid=hr-audit-row]');
    // The dashboard read reads as words: no resource key, no JSON.
    const dashboardRead = rows.filter({ hasText: 'ダッシュボード（実施状況）' }).first();
    await expect(dashboardRead.textContent()).resolves.toContain('年度: ');
    await expect(dashboardRead.textContent()).resolves.toContain('集計単位: 課');
    const shownText = (await rows.allTextContents()).join('\n');
    expect(shownText).not.toContain('analytics.');
    expect(
      await tab.frame.locator('[data-testid=hr-audit-table] td ul').allTextContents(),
    ).not.toContainEqual(expect.stringContaining('{"'));
    await expectTablesFit(tab.frame, '[data-testid=hr-audit-log]');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    // Newest first: HR's read of the career design came after the supervisor's read of the self-check.
    // (Opening the tab may add newer rows of its own — the home's team counts are an audited read — so
    // the two are compared with each other, not with the top of the list.)
    const texts = await rows.allTextContents();
    const careerRead = texts.findIndex((text) => text.includes('キャリアデザイン'));
    const selfCheckRead = texts.findIndex((text) => text.includes(supervisor.displayName));
    expect(careerRead).toBeGreaterThanOrEqual(0);
    expect(texts[careerRead]).toContain(hr.displayName);
    expect(selfCheckRead).toBeGreaterThan(careerRead);
    await noSeriousAxe(tab);

    await pick(tab.frame, 'hr-audit-actor', supervisor.displayName, supervisor.id);
    await tab.frame.locator('[data-testid=hr-audit-apply]').click();
    // While the filtered page loads the list is empty, and `every` of nothing is true: wait for rows.
    await expect
      .poll(async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((text) => text.includes(supervisor.displayName));
      })
      .toBe(true);
    const filtered = await rows.allTextContents();
    expect(filtered.length).toBeGreaterThanOrEqual(1);
    expect(filtered[0]).toContain('自己チェック');
    expect(filtered[0]).toContain('閲覧');
    expect(filtered[0]).toContain(subject.displayName);
    await fullScreenshot(page, tab.frame, 'hr-audit-log-ja');

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      tab.frame.locator('[data-testid=hr-audit-csv]').click(),
    ]);
    const bytes = await readFile(await file.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('occurred_at,actor_id,actor_name,subject_id,subject_name,action,resource,details');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(1, -1).every((line) => line.includes(`,${supervisor.id},`))).toBe(true);
    await page.close();
  });

  it('erases a leaver in its own section after a confirmation that says what goes; the record and the log show it', async () => {
    const { page, tab } = await openHr('erasure');
    // Its own place: the audit log is not on this page.
    expect(await tab.frame.locator('[data-testid=hr-audit-log]').count()).toBe(0);
    await pick(tab.frame, 'hr-erase-picker', '退職', LEAVER_ID);
    const preview = tab.frame.locator('[data-testid=hr-erase-preview]');
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toContain('ディレクトリにいません');
    await expect(tab.frame.locator('[data-testid=hr-erase-deletes]').textContent()).resolves.toContain(
      'キャリアデザイン: 1 件',
    );
    await tab.frame.locator('[data-testid=hr-erase-start]').click();
    const dialog = tab.frame.locator('[data-testid=hr-erase-dialog]');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('退職 花子 さんのデータを削除しますか');
    await expect(dialog.locator('[data-testid=hr-erase-dialog-deletes]').textContent()).resolves.toContain(
      '職員情報（ディレクトリの写し）: 1 件',
    );
    await noSeriousAxe(tab);
    await settled(tab);
    await screenshot(page, 'hr-audit-erase-dialog-ja');
    await dialog.locator('[data-testid=hr-erase-confirm]').click();

    await expect(tab.frame.locator('[data-testid=hr-erase-done]').textContent()).resolves.toContain(
      '退職 花子 さんのデータを削除しました',
    );
    await dialog.waitFor({ state: 'hidden' });
    await expect(tab.frame.locator('[data-testid=hr-erase-record]').first().textContent()).resolves.toContain(
      LEAVER_ID,
    );
    await fullScreenshot(page, tab.frame, 'hr-erasure-done-ja');
    // The audit log (its own section) shows the erasure first: a deletion is not a view, so it shows by default.
    await tab.frame.locator('[data-testid=hr-tab-audit]').click();
    await expect
      .poll(() => tab.frame.locator('[data-testid=hr-audit-row]').first().textContent())
      .toContain('個人データ');
    await expect(tab.frame.locator('[data-testid=hr-audit-row]').first().textContent()).resolves.toContain(
      '削除',
    );
    expect(
      (await server.database.query('SELECT 1 FROM career_designs WHERE person_id = $1', [LEAVER_ID])).length,
    ).toBe(0);
    await fullScreenshot(page, tab.frame, 'hr-audit-erased-ja');
    await page.close();
  });

  it('asks for force and a reason before erasing someone still in the directory', async () => {
    const { page, tab } = await openHr('erasure');
    await pick(tab.frame, 'hr-erase-picker', subject.displayName, subject.id);
    await tab.frame.locator('[data-testid=hr-erase-preview]').waitFor();
    const start = tab.frame.locator('[data-testid=hr-erase-start]');
    await expect(start.isDisabled()).resolves.toBe(true);
    await tab.frame.locator('[data-testid=hr-erase-force]').check();
    await expect(start.isDisabled()).resolves.toBe(true);
    await tab.frame.locator('[data-testid=hr-erase-reason]').fill('退職日前に本人の同意あり');
    await expect(start.isDisabled()).resolves.toBe(false);
    await start.click();
    const dialog = tab.frame.locator('[data-testid=hr-erase-dialog]');
    await expect(dialog.textContent()).resolves.toContain('強制: 退職日前に本人の同意あり');
    await settled(tab);
    await screenshot(page, 'hr-audit-erase-active-ja');
    // Cancelling erases nothing.
    await dialog.getByRole('button', { name: 'やめる' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await server.database.query('SELECT 1 FROM people WHERE id = $1', [subject.id])).length).toBe(1);
    await page.close();
  });
});
