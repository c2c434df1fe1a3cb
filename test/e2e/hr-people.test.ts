import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openDevHost,
  screenshot,
  seriousAxeViolations,
  type DevHostTab,
  expectNoSidewaysScroll,
  openTabPage,
} from '../support/browser.ts';
import { expectNoSqueezedCells, expectTablesFit } from '../support/tables.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { apiCaller } from '../support/api-caller.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// HR walks through the people section: the staff list (filters, one head count, a name opens the
// history), a bad file (every problem listed, nothing applied), a good Shift_JIS file (checked: who
// changes and how; then applied), where HR's 課 and the directory's disagree, a person's history, sync
// now; in Japanese and English, at 360 px and 1,280 px.
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/people/${name}`, import.meta.url));

describe('HR console: staff and levels', () => {
  let server: TestServer;
  let browser: Browser;
  let hr: { id: string; userPrincipalName: string };
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    hr = server.emulator.people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (options: { locale?: string; theme?: string; width?: number } = {}) => {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, {
      user: hr.userPrincipalName,
      locale: options.locale ?? 'ja-JP',
      theme: options.theme ?? 'default',
    });
    await openTabPage(tab.frame, 'hr');
    await tab.frame.locator('[data-testid=hr-people-import]').waitFor();
    return { page, tab };
  };
  const levelRows = async () =>
    Number(
      (await server.database.query<{ n: number }>('SELECT count(*)::int AS n FROM person_levels'))[0]!.n,
    );
  const noSeriousAxe = async (tab: DevHostTab) => {
    expect(await seriousAxeViolations(await tab.contentFrame())).toEqual([]);
  };
  it('shows every problem of a bad file with its line and reason and applies nothing, then applies a good Shift_JIS file', async () => {
    const { page, tab } = await open();
    await noSeriousAxe(tab);
    const section = tab.frame.locator('[data-testid=hr-section-people]');

    await section.locator('[data-testid=hr-people-file]').setInputFiles(fixture('levels-bad.utf8-bom.csv'));
    await section.locator('[data-testid=hr-people-apply]').click();
    const refused = section.locator('[data-testid=hr-people-import-refused]');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('何も変更していません');
    const rows = await refused
      .locator('[data-testid=hr-people-problem]')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    expect(rows).toEqual([
      ['3', '職員番号', 'K99999', 'この職員番号・メールアドレスの職員がいません。'],
      ['4', '職層', '主査級', '方針にない職層です（例：主事級、係長級、会計年度任用職員）。'],
      ['5', '雇用形態', 'パート', '雇用形態は「常勤」か「会計年度任用職員」です。'],
      ['6', '採用日', '2020/13/1', '日付として読めません（例：2026/4/1）。'],
      ['7', '（行全体）', '2', '同じ職員・同じ発令日の行が重複しています（値は最初の行番号）。'],
    ]);
    expect(await levelRows()).toBe(0);
    await noSeriousAxe(tab);
    await screenshot(page, 'hr-people-refused-ja');

    // The staff list: everyone, one head count with its rule; filtered by 課 and level on the server.
    await expect(section.locator('[data-testid=hr-people-headcount]').textContent()).resolves.toMatch(
      /^職員数 \d+ 人/,
    );
    await section.locator('[data-testid=hr-people-list-department]').selectOption('職員課');
    await expect
      .poll(() => section.locator('[data-testid=hr-people-list-range]').textContent())
      .toBe('11 人中 1〜11 人目');
    await section.locator('[data-testid=hr-people-list-level]').selectOption('shuji');
    await expect
      .poll(() => section.locator('[data-testid=hr-people-list-range]').textContent())
      .toBe('3 人中 1〜3 人目');
    await expectTablesFit(tab.frame, '[data-testid=hr-people-list]');
    await noSeriousAxe(tab);
    await section.locator('[data-testid=hr-people-list]').scrollIntoViewIfNeeded();
    await screenshot(page, 'hr-people-list-ja');

    // Checking the good file lists who would change and how, and changes nothing.
    await section.locator('[data-testid=hr-people-file]').setInputFiles(fixture('levels-good.sjis.csv'));
    await section.locator('[data-testid=hr-people-check]').click();
    const checked = section.locator('[data-testid=hr-people-import-done]');
    await checked.waitFor();
    const changes = await section.locator('[data-testid=hr-people-change]').allTextContents();
    expect(changes).toHaveLength(3);
    expect(changes[0]).toMatch(/^石川 誠（K10006） 主事級 → 主任級 （2026\/4\/1）/);
    expect(changes[1]).toContain('山下 優子（K10017） 異動：総務部 総務課 → 総務部 職員課・上司 ');
    expect(changes[2]).toMatch(/^山本 大輔（K10005） 主任級 → 係長級 （2099\/4\/1・予定）/);
    expect(await levelRows()).toBe(0);
    await section.locator('[data-testid=hr-people-changes]').scrollIntoViewIfNeeded();
    await screenshot(page, 'hr-people-checked-ja');

    await section.locator('[data-testid=hr-people-apply]').click();
    const done = section.locator('[data-testid=hr-people-import-done]');
    await done.waitFor();
    await expect(done.textContent()).resolves.toContain('Shift_JIS');
    await expect(section.locator('[data-testid=hr-people-summary-rows]').textContent()).resolves.toBe('4');
    await expect(section.locator('[data-testid=hr-people-summary-scheduled]').textContent()).resolves.toBe(
      '1',
    );
    await expect(
      section.locator('[data-testid=hr-people-summary-supervisorsChanged]').textContent(),
    ).resolves.toBe('1');
    expect(await levelRows()).toBe(4);
    await noSeriousAxe(tab);
    await screenshot(page, 'hr-people-applied-ja');

    // 山下 優子 is in 職員課 by the file and still in 総務課 in Entra ID: HR sees the disagreement.
    const transferee = server.emulator.people.find((person) => person.employeeId === 'K10017')!;
    const disagreement = section.locator(`[data-testid=hr-people-disagreement-${transferee.id}]`);
    await disagreement.waitFor();
    const cells = await disagreement.locator('td').allTextContents();
    expect(cells.slice(1, 3)).toEqual(['総務部 職員課', '総務部 総務課']);

    // The history of 山本 大輔, opened from the list: a 2099 promotion waits (the list shows it too);
    // today's level still comes from the job title.
    await section.locator('[data-testid=hr-people-list-level]').selectOption('');
    await section.locator('[data-testid=hr-people-list-search]').fill('K10005');
    const yamamoto = server.emulator.people.find((person) => person.employeeId === 'K10005')!;
    const row = section.locator(`[data-testid=hr-people-row-${yamamoto.id}]`);
    await expect.poll(() => row.textContent()).toContain('2099/4/1 から 係長級');
    await row.locator('[data-testid=hr-people-open]').click();
    const detail = section.locator('[data-testid=hr-people-history-detail]');
    await detail.waitFor();
    await expect(detail.locator('[data-testid=hr-people-history-name]').textContent()).resolves.toContain(
      '山本 大輔',
    );
    await expect(detail.locator('[data-testid=hr-people-current-level]').textContent()).resolves.toContain(
      '主任級',
    );
    // Dates as people write them (issue 18, item 11), no longer 2099-04-01.
    await expect(detail.locator('[data-testid=hr-people-record-scheduled]').textContent()).resolves.toContain(
      '2099/4/1',
    );
    await expect(detail.locator('[data-testid=hr-people-record-scheduled]').textContent()).resolves.toContain(
      '最初の記録',
    );
    // Picked by name in the history's own picker as before.
    await section.locator('[data-testid=hr-people-picker-search]').fill('山下 優子');
    await section.locator(`[data-testid=person-option-${transferee.id}]`).click();
    await expect
      .poll(() => detail.locator('[data-testid=hr-people-history-name]').textContent())
      .toContain('山下 優子');
    await noSeriousAxe(tab);
    await detail.scrollIntoViewIfNeeded();
    await screenshot(page, 'hr-people-history-ja');

    // Sync now: queued, then the last sync's time and counts.
    await section.locator('[data-testid=hr-people-sync-now]').click();
    await section
      .locator('[data-testid=hr-people-sync-pending]')
      .waitFor({ state: 'detached', timeout: 30_000 });
    await expect(section.locator('[data-testid=hr-people-sync-status]').textContent()).resolves.toContain(
      '前回の同期',
    );

    await page.setViewportSize({ width: 1280, height: 900 });
    await expectTablesFit(tab.frame, '[data-testid=hr-section-people]');
    await screenshot(page, 'hr-people-1280-ja');
    await page.setViewportSize({ width: 360, height: 780 });
    await expectNoSidewaysScroll(tab.frame);
    await expectNoSqueezedCells(tab.frame, '[data-testid=hr-section-people]');
    await screenshot(page, 'hr-people-360-ja');
    await page.close();
  });

  it('speaks English completely, in the dark theme, and shows a refused file the same way', async () => {
    const { page, tab } = await open({ locale: 'en-US', theme: 'dark', width: 360 });
    const section = tab.frame.locator('[data-testid=hr-section-people]');
    await expect(section.textContent()).resolves.toContain('Import levels, employment types');
    // The staff list in English: the head count and its rule, names not squeezed at 360 px.
    await expect(section.locator('[data-testid=hr-people-headcount]').textContent()).resolves.toMatch(
      /^\d+ staff \(as of \d+ \w+ \d{4}\)$/,
    );
    await expect(section.locator('[data-testid=hr-people-list]').textContent()).resolves.toContain(
      'The dashboards count staff the same way.',
    );
    await expectNoSqueezedCells(tab.frame, '[data-testid=hr-people-list]');
    await section.locator('[data-testid=hr-people-list]').scrollIntoViewIfNeeded();
    await screenshot(page, 'hr-people-list-en-dark-360');
    await section.locator('[data-testid=hr-people-file]').setInputFiles(fixture('levels-bad.utf8-bom.csv'));
    await section.locator('[data-testid=hr-people-check]').click();
    const refused = section.locator('[data-testid=hr-people-import-refused]');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('Nothing was changed');
    await expect(refused.locator('[data-testid=hr-people-problem]').count()).resolves.toBe(5);
    await expect(refused.textContent()).resolves.toContain('Not a level of the policy');
    await expectNoSidewaysScroll(tab.frame);
    await noSeriousAxe(tab);
    await screenshot(page, 'hr-people-refused-en-dark-360');
    await page.close();
  });

  it('exports the year’s evaluations as CSV, then filters the 配置 workspace, opens a form and reads the roll-ups', async () => {
    // One submitted 自己申告 to read (the window opened by HR, as in the city's year).
    const call = apiCaller(() => server);
    const fiscalYear = halfPeriodAt(new Date()).fiscalYear;
    // A 主事 whom the levels file of the first step does not promote or move.
    const staff = server.emulator.people.find(
      (person) =>
        person.levelId === 'shuji' &&
        person.appRoles.length === 0 &&
        person.department &&
        !['K10005', 'K10006', 'K10017'].includes(person.employeeId ?? ''),
    )!;
    await call(hr, 'POST', '/api/declaration-windows', { fiscalYear, closesOn: `${fiscalYear + 1}-03-31` });
    const declaration = `/api/people/me/declarations/${fiscalYear}`;
    const wish = { department: '保育課', reason: '子育て支援の経験を生かしたい' };
    expect(
      (
        await call(staff, 'PUT', declaration, {
          version: 0,
          placement: 'transfer',
          transferWishes: [wish],
          circumstances: '',
          comment: '',
        })
      ).status,
    ).toBe(200);
    expect((await call(staff, 'POST', `${declaration}/submit`, { version: 1 })).status).toBe(200);

    const { page, tab } = await open();
    await tab.frame.locator('[data-testid=hr-tab-evaluation]').click();
    const evaluation = tab.frame.locator('[data-testid=hr-section-evaluation]');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      evaluation.locator('[data-testid=csv-evaluations-utf8]').click(),
    ]);
    const bytes = await readFile(await file.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toMatch(/^年度,職員番号,氏名,所属,職層,/);
    await noSeriousAxe(tab);

    await tab.frame.locator('[data-testid=hr-tab-placement]').click();
    const placement = tab.frame.locator('[data-testid=hr-section-placement]');
    await placement.locator('[data-testid=placement-filter-department]').selectOption(staff.department);
    await placement.locator('[data-testid=placement-filter-level]').selectOption('shuji');
    await placement.locator(`[data-testid=placement-open-${staff.id}]`).click();
    await expect
      .poll(() => placement.locator('[data-testid=placement-form-rotation]').textContent())
      .toMatch(/部/);
    await expect
      .poll(() => tab.frame.locator('[data-testid=placement-wished]').textContent())
      .toContain('保育課');
    await noSeriousAxe(tab);
    await screenshot(page, 'hr-evaluation-placement-ja');
    await page.close();
  });
});
