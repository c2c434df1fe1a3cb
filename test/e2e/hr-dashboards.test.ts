import { readFile } from 'node:fs/promises';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api-caller.ts';
import {
  elementScreenshot,
  launchBrowser,
  openDevHost,
  screenshot,
  screenshotsWanted,
  seriousAxeViolations,
  type DevHostTab,
  expectNoSidewaysScroll,
  openTabPage,
} from '../support/browser.ts';
import { expectNoSqueezedCells, expectTablesFit } from '../support/tables.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  heldSession,
  setGoal,
  submitReport,
  submitSelfCheck,
} from '../integration/analytics/analytics-support.ts';
import type { Person } from '../integration/training/training-support.ts';

// HR reads the dashboards (completion, the competency picture with small groups withheld, training
// demand) and the report roll-up (submission rate, trainings wanted with free text shown only where three
// or more wrote), downloads CSVs; axe in both languages and themes; 360 px without sideways scrolling.

const FORMULA_TEXT = '=HYPERLINK("http://evil.example","click")';

describe('HR dashboards and the training report roll-up', () => {
  let server: TestServer;
  let browser: Browser;
  let hr: Person;
  const call = apiCaller(() => server);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    const shiminShuji = people.filter(
      (person) => person.department === '市民課' && person.levelId === 'shuji',
    );
    const partTimer = people.find(
      (person) => person.department === '市民課' && person.levelId === 'kaikeiNendo',
    )!;
    const hoikuShunin = people.filter(
      (person) => person.department === '保育課' && person.levelId === 'shunin',
    );
    for (const [index, person] of shiminShuji.entries()) await submitSelfCheck(call, person, 3 + index);
    for (const [index, person] of hoikuShunin.entries()) await submitSelfCheck(call, person, 2 + 2 * index);
    for (const person of shiminShuji.slice(0, 2)) await setGoal(call, person);
    const wanted = (await heldSession(server, call, hr, [], [], '議事録研修')).course;
    const attendees = [...shiminShuji, partTimer, ...hoikuShunin];
    const { session } = await heldSession(server, call, hr, attendees, attendees, '報告研修');
    const texts = [FORMULA_TEXT, '議事録の書き方, "要点" のまとめ方', 'ファシリテーションの応用'];
    for (const [index, person] of shiminShuji.entries())
      await submitReport(call, server, person, session.id, { text: texts[index]!, courseIds: [wanted.id] });
    for (const person of hoikuShunin)
      await submitReport(call, server, person, session.id, {
        text: '保育の専門研修を受けたい',
        courseIds: [wanted.id],
      });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (
    section: 'dashboards' | 'reports' | 'pulse',
    options: { locale?: string; theme?: string; width?: number } = {},
  ) => {
    const page = await browser.newPage({
      viewport: { width: options.width ?? 1100, height: 900 },
      acceptDownloads: true,
    });
    const tab = await openDevHost(page, server.url, {
      user: hr.userPrincipalName,
      locale: options.locale ?? 'ja-JP',
      theme: options.theme ?? 'default',
    });
    await openTabPage(tab.frame, 'hr');
    await tab.frame.locator(`[data-testid=hr-tab-${section}]`).click();
    await tab.frame.locator(`[data-testid=hr-section-${section}]`).waitFor();
    return { page, tab };
  };
  const noSeriousAxe = async (tab: DevHostTab) => {
    expect(await seriousAxeViolations(await tab.contentFrame())).toEqual([]);
  };
  const fullScreenshot = async (page: Page, frame: FrameLocator, name: string) => {
    if (!screenshotsWanted) return;
    const viewport = page.viewportSize() ?? { width: 1100, height: 900 };
    const height = await frame.locator('body').evaluate((body) => body.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.min(height + 80, 12_000) });
    await screenshot(page, name);
    await page.setViewportSize(viewport);
  };
  const download = async (page: Page, frame: FrameLocator, testId: string) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      frame.locator(`[data-testid=${testId}]`).click(),
    ]);
    const bytes = await readFile(await file.path());
    return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
  };

  it('shows HR completion by 課, the competency picture with groups under three withheld, and demand; the CSV downloads', async () => {
    const { page, tab } = await open('dashboards');
    const section = tab.frame.locator('[data-testid=hr-section-dashboards]');
    const table = section.locator('[data-testid=hr-completion-table]');
    await table.waitFor();
    const shimin = table.locator('tbody tr', { hasText: '市民課' });
    await expect(shimin.locator('td').nth(0).textContent()).resolves.toBe('11');
    await expect(section.locator('[data-testid=hr-completion-chart]').textContent()).resolves.toContain(
      '2 / 11',
    );

    const heatmap = section.locator('[data-testid=hr-competency-heatmap]');
    await heatmap.waitFor();
    await expect(
      heatmap.locator('tbody tr', { hasText: '主事級' }).locator('td').nth(1).textContent(),
    ).resolves.toBe('4.0');
    await section.locator('[data-testid=competency-group-by]').selectOption('department');
    const hoiku = heatmap.locator('tbody tr', { hasText: '保育課' });
    await hoiku.waitFor();
    // Two people: every cell is withheld, and says so to screen readers; the average (3.0) is nowhere.
    await expect(hoiku.locator('td').nth(1).textContent()).resolves.toBe('—非表示（2人）');
    expect(await hoiku.textContent()).not.toContain('3.0');
    await expect(
      heatmap.locator('tbody tr', { hasText: '市民課' }).locator('td').nth(1).textContent(),
    ).resolves.toBe('4.0');

    await expect(section.locator('[data-testid=hr-demand-chart]').textContent()).resolves.toContain(
      '議事録研修',
    );
    await noSeriousAxe(tab);
    await fullScreenshot(page, tab.frame, 'hr-dashboards-ja');
    await elementScreenshot(
      section.locator('[data-testid=hr-dashboards-competencies]'),
      'hr-dashboards-heatmap-ja',
    );

    // At 1,280 px every table fits the page's column: nothing scrolls sideways inside its frame.
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectTablesFit(tab.frame, '[data-testid=hr-section-dashboards]');
    await fullScreenshot(page, tab.frame, 'hr-dashboards-1280-ja');

    const file = await download(page, tab.frame, 'csv-competencies');
    expect(file.name).toBe('competency-picture-by-section.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.text).toContain('保育課,2,非表示（n=2）');
    const completion = await download(page, tab.frame, 'csv-completion');
    expect(completion.text.startsWith('\uFEFF部,課,職員数,')).toBe(true);
    await page.close();
  });

  it('shows HR the report roll-up: submission rate per session and trainings wanted, free text only from three writers', async () => {
    const { page, tab } = await open('reports');
    const section = tab.frame.locator('[data-testid=hr-section-reports]');
    const submission = section.locator('[data-testid=hr-reports-submission]');
    await submission.locator('table').waitFor();
    const row = submission.locator('tbody tr', { hasText: '報告研修' });
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('6');
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('5');
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('83%');

    await expect(section.locator('[data-testid=hr-wanted-courses]').textContent()).resolves.toContain('5人');
    const texts = section.locator('[data-testid=hr-wanted-texts]');
    const shimin = texts.locator('[data-testid=hr-wanted-texts-department]', { hasText: '市民課' });
    await shimin.locator('summary').click();
    await expect(shimin.textContent()).resolves.toContain(FORMULA_TEXT);
    const hoiku = texts.locator('[data-testid=hr-wanted-texts-department]', { hasText: '保育課' });
    await expect(hoiku.textContent()).resolves.toContain('非表示（3人未満：2人が記入）');
    expect(await section.textContent()).not.toContain('保育の専門研修を受けたい');
    await noSeriousAxe(tab);
    await fullScreenshot(page, tab.frame, 'hr-reports-ja');

    const file = await download(page, tab.frame, 'csv-wanted-texts');
    expect(file.name).toMatch(/^trainings-wanted-free-text-\d{4}\.csv$/);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.text).toContain(`市民課,3,"'=HYPERLINK(""http://evil.example"",""click"")"\r\n`);
    expect(file.text).toContain(',保育課,2,非表示（3人未満）\r\n');
    await page.close();
  });

  it('works in English in the dark theme at 360 px without sideways scrolling', async () => {
    const { page, tab } = await open('dashboards', { locale: 'en-US', theme: 'dark', width: 360 });
    for (const section of ['dashboards', 'reports'] as const) {
      await tab.frame.locator(`[data-testid=hr-tab-${section}]`).click();
      const root = tab.frame.locator(`[data-testid=hr-section-${section}]`);
      await root.locator('table').first().waitFor();
      if (section === 'dashboards') {
        await root.locator('[data-testid=hr-competency-heatmap]').waitFor();
        await root.locator('[data-testid=hr-demand-chart]').waitFor();
        await expect(root.textContent()).resolves.toContain('Competency picture');
      } else {
        await root.locator('[data-testid=hr-wanted-texts]').waitFor();
        await expect(root.textContent()).resolves.toContain('hidden (fewer than 3: 2 wrote)');
      }
      await expectNoSidewaysScroll(tab.frame);
      // The tables scroll inside their frames; their cells keep a readable width.
      await expectNoSqueezedCells(tab.frame, `[data-testid=hr-section-${section}]`);
      await noSeriousAxe(tab);
      await fullScreenshot(page, tab.frame, `hr-${section}-en-dark-360`);
    }
    await page.close();
  });

  it('lets HR create the quarter’s やりがい pulse in the console', async () => {
    const { page, tab } = await open('pulse');
    const section = tab.frame.locator('[data-testid=hr-section-pulse]');
    await section.locator('[data-testid=pulse-new]').click();
    for (const n of [1, 2, 3]) {
      await section.locator(`[data-testid=pulse-question-${n}-ja]`).fill(`質問${n}`);
      await section.locator(`[data-testid=pulse-question-${n}-en]`).fill(`Question ${n}`);
    }
    const quarter = await section.locator('[data-testid=pulse-quarter]').inputValue();
    await section.locator('[data-testid=pulse-save]').click();
    await section.locator('[data-testid=pulse-status]', { hasText: 'パルスを作成しました。' }).waitFor();
    await section.locator(`[data-testid=pulse-row-${quarter}]`).waitFor();
    const answer = await call(hr, 'GET', '/api/hr/pulses');
    expect(answer.body).toMatchObject([{ quarter, questions: [{ ja: '質問1', en: 'Question 1' }, {}, {}] }]);
    await noSeriousAxe(tab);
    await page.close();
  });

  it('tells someone without the HR role that the console is not for them', async () => {
    const staff = server.emulator.people.find((person) => person.levelId === 'shuji')!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: staff.userPrincipalName });
    const nav = tab.frame.locator('[data-testid=nav-hr]');
    // The console is offered to HR only; its API answers 403 to anyone else either way.
    if ((await nav.count()) > 0) {
      await nav.click();
      await tab.frame.locator('[data-testid=hr-not-allowed]').waitFor();
    }
    const answer = await call(staff, 'GET', '/api/hr/dashboards/completion');
    expect(answer.status).toBe(403);
    await page.close();
  });
});
