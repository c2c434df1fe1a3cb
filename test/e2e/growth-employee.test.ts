import { randomUUID } from 'node:crypto';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../src/framework/framework.schema.ts';
import type { FollowUpView } from '../../src/reports/follow-up.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { apiCaller } from '../support/api-caller.ts';
import {
  launchBrowser,
  openDevHost,
  elementScreenshot,
  screenshot,
  seriousAxeViolations,
  expectNoSidewaysScroll,
  openTabPage,
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { courseBody, sessionBody } from '../integration/training/training-support.ts';

// The employee's side of issue 5 in a real browser through the dev host: a 主任 outside 職員課 writes a
// self-check and goals, in Japanese and in English, and the pages hold up to axe, themes and 360 px.

type Person = TestServer['emulator']['people'][number];

const SYMBOL: Record<string, string> = { evaluated: '●', maintain: '※', parttime: '○' };

/** The half `steps` halves before the given one. */
function halfBefore(period: { fiscalYear: number; half: 1 | 2 }, steps: number): string {
  const ordinal = period.fiscalYear * 2 + period.half - 1 - steps;
  return `${Math.floor(ordinal / 2)}-H${(ordinal % 2) + 1}`;
}

// Each test walks a whole flow through a browser: more steps than the default timeout is sized for.
describe("the employee's self-check and goals pages", { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let framework: Framework;
  let shunin: Person[];
  const now = halfPeriodAt(new Date());
  const period = now.id;
  const pastPeriods = [halfBefore(now, 3), halfBefore(now, 2), halfBefore(now, 1)];
  const call = apiCaller(() => server);

  const itemsOf = (levelId: string) =>
    framework.competencies.filter(
      (competency) => (framework.expectations[levelId]?.[competency.id] ?? 'none') !== 'none',
    );

  /** Seeds submitted self-checks of past halves (the API only writes the current one) with rising averages. */
  const seedHistory = async (person: Person) => {
    const items = itemsOf('shunin');
    for (const [index, past] of pastPeriods.entries()) {
      const ratings = Object.fromEntries(
        items.map((competency, position) => [
          competency.id,
          {
            rating: Math.min(5, 2 + index + (competency.group === 'attitude' ? 1 : 0) - (position % 2)),
            evidence: `${past} の根拠`,
          },
        ]),
      );
      const feedback =
        index === pastPeriods.length - 1
          ? {
              [items[0]!.id]: {
                comment: '住民説明会での説明が分かりやすかったです。',
                authorId: person.managerId,
                at: new Date().toISOString(),
              },
            }
          : {};
      await server.database.query(
        `INSERT INTO self_checks (person_id, period, level_id, framework_version, status, ratings, reflections, feedback, version, submitted_at)
         VALUES ($1, $2, 'shunin', $3, 'submitted', $4, $5, $6, 2, now())`,
        [
          person.id,
          past,
          framework.version,
          JSON.stringify(ratings),
          JSON.stringify({ diversity: `${past} の振り返り` }),
          JSON.stringify(feedback),
        ],
      );
    }
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    framework = server.framework;
    shunin = server.emulator.people.filter(
      (person) => person.levelId === 'shunin' && person.department !== '職員課' && person.managerId,
    );
    expect(shunin.length).toBeGreaterThanOrEqual(5);
    await seedHistory(shunin[0]!);
    await seedHistory(shunin[1]!);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openPage = async (
    page: Page,
    person: Person,
    target: 'self-check' | 'goals',
    options: { theme?: string; locale?: string } = {},
  ): Promise<FrameLocator> => {
    // Straight to the page through a deep link, as the bot's buttons open it: the home's own loading is no
    // part of these tests (the navigation is walked inside the tests below, e.g. self-check → goals).
    const tab = await openDevHost(page, server.url, {
      user: person.userPrincipalName,
      ...options,
      subEntityId: target,
    });
    return tab.frame;
  };
  const openSelfCheck = async (
    page: Page,
    person: Person,
    options: { theme?: string; locale?: string } = {},
  ) => {
    const frame = await openPage(page, person, 'self-check', options);
    await frame.locator(`[data-testid=self-check-${period}]`).waitFor();
    return frame;
  };
  /** The goals page once its year and goals have loaded. */
  const goalsLoaded = async (frame: FrameLocator) => {
    await frame.locator('[data-testid=year-picker]').waitFor();
    await frame.locator('[data-testid=goals-empty], article[data-testid^=goal-]').first().waitFor();
    return frame;
  };
  const openGoals = async (page: Page, person: Person, options: { theme?: string; locale?: string } = {}) =>
    goalsLoaded(await openPage(page, person, 'goals', options));
  /** The whole tab in one picture: the dev host's frame is as tall as the window, so grow the window. */
  const fullScreenshot = async (page: Page, frame: FrameLocator, name: string) => {
    const viewport = page.viewportSize() ?? { width: 1100, height: 900 };
    const height = await frame.locator('body').evaluate((body) => body.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.min(height + 80, 12_000) });
    await screenshot(page, name);
    await page.setViewportSize(viewport);
  };
  const rate = (frame: FrameLocator, competencyId: string, value: number) =>
    frame
      .locator(
        `[data-testid=self-check-${period}] [data-testid=item-${competencyId}] input[value="${value}"]`,
      )
      .check();

  it('lets a 主任 fill in the self-check in Japanese, keeps the draft across a reload, and submits it', async () => {
    const person = shunin[0]!;
    const items = itemsOf('shunin');
    // HR wrote the 着眼点 of the first item for 主任級; the others show the policy's own words.
    const hr = server.emulator.people.find((candidate) => candidate.appRoles.length > 0)!;
    const viewpoint = '住民や関係課に、根拠を示しながら分かりやすく説明している。';
    expect(
      (
        await call(hr, 'PUT', `/api/framework/viewpoints/shunin/${items[0]!.id}`, {
          version: 0,
          ja: viewpoint,
          en: '',
        })
      ).status,
    ).toBe(200);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    let frame = await openSelfCheck(page, person);
    const form = frame.locator(`[data-testid=self-check-${period}]`);
    await expect(form.getAttribute('data-status')).resolves.toBe('new');

    // Every item of the 主任 row, with its mark and what it is measured against; nothing else.
    expect(await form.locator('article[data-testid^=item-]').count()).toBe(items.length);
    for (const [index, competency] of items.entries()) {
      const item = form.locator(`[data-testid=item-${competency.id}]`);
      const mark = framework.expectations.shunin![competency.id]!;
      await expect(item.getAttribute('data-mark')).resolves.toBe(mark);
      const text = (await item.textContent()) ?? '';
      expect(text).toContain(competency.name.ja);
      expect(text).toContain(SYMBOL[mark]!);
      expect(text).toContain(framework.marks[mark].label.ja);
      // The five points of the scale, labelled in Japanese.
      expect(text).toContain('1 努力を要する');
      expect(text).toContain('5 模範となる');
      // HR's 着眼点, or the competency's place in the matrix; never the old generic line.
      const guide = item.locator(`[data-testid=viewpoint-${competency.id}]`);
      await expect(guide.getAttribute('data-source')).resolves.toBe(index === 0 ? 'hr' : 'policy');
      if (index === 0) expect(await guide.textContent()).toContain(viewpoint);
      expect(text).not.toContain('重点的に伸ばしましょう');
    }
    // The marks' legend once for the page, with the blank as the policy has it; the level's roles.
    await expect(form.locator('[data-testid=mark-legend]').count()).resolves.toBe(1);
    await expect(form.locator('[data-testid=legend-none]').textContent()).resolves.toContain(
      '全職員が基本的レベルで兼ね備えている必要がある',
    );
    await expect(form.locator('[data-testid=level-roles]').textContent()).resolves.toContain('主任級の役割');
    await expect(form.locator('[data-testid=self-check-progress]').textContent()).resolves.toBe(
      `${items.length}項目中0項目を入力済み`,
    );

    // Rate all but the last item, then try to submit: the missing one is named.
    for (const [index, competency] of items.entries()) {
      if (index < items.length - 1) await rate(frame, competency.id, (index % 5) + 1);
      await form
        .locator(`[data-testid=evidence-${competency.id}]`)
        .fill(`${competency.name.ja}：窓口対応で工夫した`);
    }
    const counter = `${`${items[0]!.name.ja}：窓口対応で工夫した`.length} / 400 文字`;
    await expect(form.locator(`[data-testid=item-${items[0]!.id}]`).textContent()).resolves.toContain(
      counter,
    );
    for (const guideline of framework.guidelines) {
      await form.locator(`[data-testid=reflection-${guideline.id}]`).fill(`${guideline.name.en} を意識した`);
    }
    await form.locator('[data-testid=submit]').click();
    const missing = form.locator('[data-testid=missing-ratings]');
    await missing.waitFor();
    await expect(missing.textContent()).resolves.toContain(items.at(-1)!.name.ja);
    await expect(form.locator(`[data-testid=item-${items.at(-1)!.id}]`).textContent()).resolves.toContain(
      '未評価',
    );
    await expect(form.locator('[data-testid=self-check-progress]').textContent()).resolves.toBe(
      `${items.length}項目中${items.length - 1}項目を入力済み`,
    );
    await rate(frame, items.at(-1)!.id, 4);
    await expect(missing.count()).resolves.toBe(0);

    // Issue 18 changed the notice: it no longer shows the internal version (it said 「（版 1）」).
    await form.locator('[data-testid=save-draft]').click();
    await expect
      .poll(() => form.locator('[data-testid=save-status]').textContent())
      .toBe('下書きを保存しました。');
    expect(await form.textContent()).not.toMatch(/版\s*\d/);

    // A reload shows what was saved.
    await page.close();
    const reloaded = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    frame = await openSelfCheck(reloaded, person);
    const again = frame.locator(`[data-testid=self-check-${period}]`);
    await expect(again.getAttribute('data-status')).resolves.toBe('draft');
    for (const [index, competency] of items.entries()) {
      const expected = index < items.length - 1 ? (index % 5) + 1 : 4;
      await expect(
        again.locator(`[data-testid=item-${competency.id}] input[value="${expected}"]`).isChecked(),
      ).resolves.toBe(true);
      await expect(again.locator(`[data-testid=evidence-${competency.id}]`).inputValue()).resolves.toBe(
        `${competency.name.ja}：窓口対応で工夫した`,
      );
    }
    await expect(again.locator('[data-testid=reflection-link]').inputValue()).resolves.toBe(
      'Link を意識した',
    );
    await fullScreenshot(reloaded, frame, 'self-check-ja');

    // Submit through the confirmation dialog, which says nothing is left empty: the page turns read-only.
    await again.locator('[data-testid=submit]').click();
    await expect(frame.locator('[data-testid=confirm-empty]').textContent()).resolves.toBe(
      'すべての項目の根拠と DRILL の振り返りを記入済みです。',
    );
    await frame.locator('[data-testid=confirm-submit]').click();
    await again.locator('[data-testid=read-only]').waitFor();
    // Focus lands on the outcome, not on the body, as the submit button is gone.
    await expect.poll(() => frame.locator(':focus').getAttribute('data-testid')).toBe('read-only');
    await expect(again.getAttribute('data-status')).resolves.toBe('submitted');
    await expect(again.locator('textarea').count()).resolves.toBe(0);
    await expect(again.locator('[data-testid=save-draft]').count()).resolves.toBe(0);

    // The supervisor's feedback then shows under its item.
    const submitted = await call(person, 'GET', `/api/people/me/self-checks/${period}`);
    const feedback = await call(
      { id: person.managerId! },
      'PUT',
      `/api/people/${person.id}/self-checks/${period}/feedback`,
      {
        version: submitted.body.version,
        feedback: { [items[1]!.id]: '関係課との調整が丁寧でした。' },
      },
    );
    expect(feedback.status).toBe(200);
    await reloaded.close();
    const third = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    frame = await openSelfCheck(third, person);
    await expect(
      frame
        .locator(`[data-testid=self-check-${period}] [data-testid=feedback-${items[1]!.id}]`)
        .textContent(),
    ).resolves.toContain('関係課との調整が丁寧でした。');
    // One comment is progress, not 「フィードバック済み」: the supervisor has not said they are done.
    await expect(
      frame.locator(`[data-testid=self-check-${period}] [data-testid=feedback-status]`).textContent(),
    ).resolves.toBe(`上司がフィードバック中（${items.length}項目中1項目にコメント）`);
    await expect(
      frame.locator(`[data-testid=self-check-${period}] [data-testid=rating-${items[0]!.id}]`).textContent(),
    ).resolves.toBe('1 努力を要する');

    // The growth chart: one line per group across every saved period, with a table of the same numbers.
    const history = frame.locator('[data-testid=self-check-history]');
    await history.locator('svg[role=img]').waitFor();
    const label = await history.locator('svg[role=img]').getAttribute('aria-labelledby');
    expect(label).toBeTruthy();
    expect(await history.locator('desc').textContent()).toContain('職務遂行能力');
    for (const group of framework.competencyGroups) {
      await expect(
        history
          .locator(
            `[data-testid=chart-series-${group.id}] circle, [data-testid=chart-series-${group.id}] rect`,
          )
          .count(),
      ).resolves.toBe(4);
    }
    await history.locator('summary').click();
    await expect(history.locator('[data-testid=history-table] tbody tr').count()).resolves.toBe(4);
    await elementScreenshot(history, 'self-check-history');

    // A past half, read-only, with its feedback.
    await frame.locator('[data-testid=period-picker]').selectOption(pastPeriods[2]!);
    const past = frame.locator(`[data-testid=self-check-${pastPeriods[2]}]`);
    await past.locator('[data-testid=read-only]').waitFor();
    await expect(past.locator(`[data-testid=feedback-${items[0]!.id}]`).textContent()).resolves.toContain(
      '住民説明会での説明が分かりやすかったです。',
    );
    await fullScreenshot(third, frame, 'self-check-past-ja');
    await third.close();
  });

  it('lets the 主任 set a goal, record progress and a mid-year reflection in Japanese', async () => {
    const person = shunin[0]!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    let frame = await openGoals(page, person);
    await frame.locator('[data-testid=goals-empty]').waitFor();
    await frame.locator('[data-testid=goal-add]').click();
    const form = frame.locator('[data-testid=goal-new-form]');

    // Client checks name the field: an empty title and a due date outside the fiscal year.
    await form.locator('[data-testid=goal-due]').fill(`${now.fiscalYear + 2}-01-15`);
    await form.locator('[data-testid=goal-criteria]').fill('申請の処理日数を平均 5 日から 3 日に短縮する');
    await form.locator('[data-testid=goal-save]').click();
    await expect(form.textContent()).resolves.toContain('入力してください。');
    await expect(form.textContent()).resolves.toContain(`${now.fiscalYear}年4月1日`);
    // Nothing typed was lost.
    await expect(form.locator('[data-testid=goal-criteria]').inputValue()).resolves.toBe(
      '申請の処理日数を平均 5 日から 3 日に短縮する',
    );

    await form.locator('[data-testid=goal-title]').fill('窓口手続きのオンライン化を進める');
    await form.locator('[data-testid=goal-due]').fill(`${now.fiscalYear + 1}-02-27`);
    await form.getByLabel('説明・説得力', { exact: false }).check();
    await form.getByLabel('企画・調整力', { exact: false }).check();
    await form.getByLabel('Link', { exact: false }).check();
    await form.locator('[data-testid=goal-save]').click();
    const card = frame.locator('article[data-testid^=goal-]');
    await card.waitFor();
    await expect(card.locator('[data-testid=goal-heading]').textContent()).resolves.toBe(
      '窓口手続きのオンライン化を進める',
    );
    await expect(card.locator('[data-testid=goal-competency-tags]').textContent()).resolves.toContain(
      '企画・調整力',
    );
    await expect(card.locator('[data-testid=goal-guideline-tags]').textContent()).resolves.toContain(
      'L Link',
    );

    // Edit it: the new title and links replace the old ones.
    await card.locator('[data-testid=goal-edit]').click();
    const editForm = card.locator('[data-testid=goal-edit-form]');
    await expect(editForm.locator('[data-testid=goal-title]').inputValue()).resolves.toBe(
      '窓口手続きのオンライン化を進める',
    );
    await editForm.locator('[data-testid=goal-title]').fill('窓口手続きのオンライン化を 3 件進める');
    await editForm.getByLabel('説明・説得力', { exact: false }).uncheck();
    await editForm.locator('[data-testid=goal-save]').click();
    await expect.poll(() => editForm.count()).toBe(0);
    await expect(card.locator('[data-testid=goal-heading]').textContent()).resolves.toBe(
      '窓口手続きのオンライン化を 3 件進める',
    );
    await expect(card.locator('[data-testid=goal-competency-tags]').textContent()).resolves.toBe(
      '企画・調整力',
    );

    await card.locator('[data-testid=progress-percent]').fill('30');
    await card.locator('[data-testid=progress-note]').fill('申請様式の洗い出しを終えた');
    await card.locator('[data-testid=progress-add]').click();
    await card.locator('[data-testid=goal-progress-log] li').waitFor();
    await expect(card.locator('[data-testid=goal-progress-log]').textContent()).resolves.toContain('30%');
    await expect(card.locator('[data-testid=goal-progress-bar]').getAttribute('aria-valuenow')).resolves.toBe(
      '0.3',
    );

    await card
      .locator('[data-testid=reflection-mid]')
      .fill('様式の統一に時間がかかったが、関係課の協力を得られた。');
    await card.locator('[data-testid=reflection-mid-save]').click();
    await expect
      .poll(() => card.locator('[data-testid=goal-status]').textContent())
      .toBe('振り返りを保存しました。');

    // The supervisor comments; a reload shows everything kept.
    const goals = await call(person, 'GET', `/api/people/me/goals?fiscalYear=${now.fiscalYear}`);
    const goal = (goals.body as unknown as Array<{ id: string; version: number }>)[0]!;
    const comment = await call(
      { id: person.managerId! },
      'POST',
      `/api/people/${person.id}/goals/${goal.id}/comments`,
      {
        version: goal.version,
        stage: 'mid',
        text: '順調です。他課との調整も引き続きお願いします。',
      },
    );
    expect(comment.status).toBe(200);
    await page.close();
    const reloaded = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    frame = await openGoals(reloaded, person);
    const kept = frame.locator('article[data-testid^=goal-]');
    await expect(kept.locator('[data-testid=reflection-mid]').inputValue()).resolves.toBe(
      '様式の統一に時間がかかったが、関係課の協力を得られた。',
    );
    await expect(kept.locator('[data-testid=goal-comments]').textContent()).resolves.toContain(
      '順調です。他課との調整も引き続きお願いします。',
    );
    await expect(kept.locator('[data-testid=goal-comments]').textContent()).resolves.toContain('中間');
    await fullScreenshot(reloaded, frame, 'goals-ja');

    // A past year is read-only.
    await frame.locator('[data-testid=year-picker]').selectOption(String(now.fiscalYear - 1));
    await frame.locator('[data-testid=read-only]').waitFor();
    await expect(frame.locator('[data-testid=goal-add]').count()).resolves.toBe(0);
    await reloaded.close();
  });

  it('shows a colleague of the same 課 the 主任’s goal and progress under the workplace’s goals, nothing private', async () => {
    const person = shunin[0]!;
    const colleague = server.emulator.people.find(
      (candidate) =>
        candidate.department === person.department &&
        candidate.id !== person.id &&
        candidate.levelId === 'shuji',
    )!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const frame = await openGoals(page, colleague);
    const entry = frame.locator(`[data-testid=workplace-goals] [data-testid=workplace-person-${person.id}]`);
    await entry.waitFor();
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain(person.displayName);
    expect(text).toContain('窓口手続きのオンライン化');
    expect(text).not.toContain('様式の統一に時間がかかったが');
    await expect(frame.locator('[data-testid=workplace-goals] h2').textContent()).resolves.toContain(
      person.department!,
    );
    const content = await (await page.locator('[data-testid=dev-host-frame]').elementHandle()).contentFrame();
    expect(await seriousAxeViolations(content!)).toEqual([]);
    await fullScreenshot(page, frame, 'goals-workplace-ja');
    await page.close();
  });

  it('works in English: self-check with the English scale, and a goal with progress', async () => {
    const person = shunin[1]!;
    const items = itemsOf('shunin');
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    let frame = await openSelfCheck(page, person, { locale: 'en-US' });
    const form = frame.locator(`[data-testid=self-check-${period}]`);
    await expect(form.textContent()).resolves.toContain('1 Needs improvement');
    await expect(form.textContent()).resolves.toContain('5 Role model');
    await expect(form.textContent()).resolves.toContain(items[0]!.name.en);
    for (const competency of items) await rate(frame, competency.id, 3);
    await form
      .locator(`[data-testid=evidence-${items[0]!.id}]`)
      .fill('Explained the new rules at the counter');
    await form.locator('[data-testid=reflection-diversity]').fill('Listened to residents of every age');
    await form.locator('[data-testid=save-draft]').click();
    await expect.poll(() => form.locator('[data-testid=save-status]').textContent()).toBe('Draft saved.');
    await fullScreenshot(page, frame, 'self-check-en');
    await form.locator('[data-testid=submit]').click();
    await frame.locator('[data-testid=confirm-submit]').click();
    await form.locator('[data-testid=read-only]').waitFor();
    await expect(form.locator('[data-testid=read-only]').textContent()).resolves.toContain('Submitted');
    await expect(frame.locator('[data-testid=self-check-history] desc').textContent()).resolves.toContain(
      'Job performance abilities',
    );

    // On to the goals page in the same tab, through its navigation.
    const goalsPage = page;
    await openTabPage(frame, 'goals');
    frame = await goalsLoaded(frame);
    await frame.locator('[data-testid=goal-add]').click();
    const goalForm = frame.locator('[data-testid=goal-new-form]');
    await goalForm.locator('[data-testid=goal-title]').fill('Publish the counter FAQ online');
    await goalForm.locator('[data-testid=goal-criteria]').fill('FAQ page live with 30 questions');
    await goalForm.locator('[data-testid=goal-due]').fill(`${now.fiscalYear + 1}-03-31`);
    await goalForm.getByLabel('Cooperation', { exact: false }).check();
    await goalForm.getByLabel('Local love', { exact: false }).check();
    // What the API says is wrong appears next to its field, and the form keeps every entry. (The tab's
    // own checks match the API's, so the answer is staged once at the network.)
    await goalsPage.route(
      '**/api/people/me/goals',
      (route) =>
        route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({
            error: {
              code: 'validation_failed',
              message: 'The goal refers to things that do not fit.',
              details: [{ path: 'body.dueDate', message: 'must fall in fiscal year (staged)' }],
            },
          }),
        }),
      { times: 1 },
    );
    await goalForm.locator('[data-testid=goal-save]').click();
    const dueField = goalForm.locator('.fui-Field', { has: frame.locator('[data-testid=goal-due]') });
    await expect.poll(() => dueField.textContent()).toContain('must fall in fiscal year (staged)');
    await expect(goalForm.locator('[data-testid=goal-error]').textContent()).resolves.toContain(
      'What you typed is still here.',
    );
    await expect(goalForm.locator('[data-testid=goal-title]').inputValue()).resolves.toBe(
      'Publish the counter FAQ online',
    );
    // The answer is lost on the way back (the goal is made, the tab hears nothing): saving again sends the
    // same submission with the same idempotency key, so there is still one goal.
    let keys: string[] = [];
    await goalsPage.route(
      '**/api/people/me/goals',
      async (route) => {
        keys = [...keys, (route.request().postDataJSON() as { idempotencyKey: string }).idempotencyKey];
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    goalsPage.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/people/me/goals') && keys.length === 1)
        keys = [...keys, (request.postDataJSON() as { idempotencyKey: string }).idempotencyKey];
    });
    await goalForm.locator('[data-testid=goal-save]').click();
    await goalForm.locator('[data-testid=goal-error]').waitFor();
    await goalForm.locator('[data-testid=goal-save]').click();
    const card = frame.locator('article[data-testid^=goal-]');
    await card.waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await card.count()).toBe(1);
    const stored = (await call(person, 'GET', '/api/people/me/goals')).body as unknown as Array<{
      title: string;
    }>;
    expect(stored.filter((goal) => goal.title === 'Publish the counter FAQ online')).toHaveLength(1);
    // A bad percentage is refused next to the field, and the note stays.
    await card.locator('[data-testid=progress-percent]').fill('150');
    await card.locator('[data-testid=progress-note]').fill('Drafted 12 questions');
    await card.locator('[data-testid=progress-add]').click();
    await expect(card.locator('[data-testid=goal-progress-form]').textContent()).resolves.toContain(
      'Enter a whole number from 0 to 100.',
    );
    await expect(card.locator('[data-testid=progress-note]').inputValue()).resolves.toBe(
      'Drafted 12 questions',
    );
    await card.locator('[data-testid=progress-percent]').fill('40');
    await card.locator('[data-testid=progress-add]').click();
    await expect.poll(() => card.locator('[data-testid=goal-progress-log]').textContent()).toContain('40%');
    await card.locator('[data-testid=reflection-mid]').fill('Halfway there; residents sent good questions.');
    await card.locator('[data-testid=reflection-mid-save]').click();
    await expect
      .poll(() => card.locator('[data-testid=goal-status]').textContent())
      .toBe('Reflection saved.');
    await fullScreenshot(goalsPage, frame, 'goals-en');
    await goalsPage.close();
  });

  it('tells the user when the draft was saved elsewhere in between, keeps their text, and saves theirs over it on request', async () => {
    const person = shunin[2]!;
    const items = itemsOf('shunin');
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const frame = await openSelfCheck(page, person);
    const form = frame.locator(`[data-testid=self-check-${period}]`);
    // Saved from another device after this page was loaded.
    const elsewhere = await call(person, 'PUT', `/api/people/me/self-checks/${period}`, {
      version: 0,
      ratings: { [items[0]!.id]: { rating: 2, evidence: '別の端末で保存' } },
      reflections: {},
    });
    expect(elsewhere.status).toBe(200);

    await rate(frame, items[0]!.id, 5);
    await form.locator(`[data-testid=evidence-${items[0]!.id}]`).fill('この画面で入力した根拠');
    await form.locator('[data-testid=save-draft]').click();
    const conflict = form.locator('[data-testid=version-conflict]');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain('別の画面や端末で保存されました');
    await expect(form.locator(`[data-testid=evidence-${items[0]!.id}]`).inputValue()).resolves.toBe(
      'この画面で入力した根拠',
    );
    await screenshot(page, 'self-check-conflict');

    await form.locator('[data-testid=conflict-overwrite]').click();
    // Issue 18: the notice no longer names the version (it said 「（版 2）」).
    await expect
      .poll(() => form.locator('[data-testid=save-status]').textContent())
      .toBe('下書きを保存しました。');
    await expect(conflict.count()).resolves.toBe(0);
    const saved = await call(person, 'GET', `/api/people/me/self-checks/${period}`);
    expect(saved.body.ratings).toEqual({ [items[0]!.id]: { rating: 5, evidence: 'この画面で入力した根拠' } });
    await page.close();
  });

  it('keeps a goal reflection typed while the goal changed elsewhere, and saves it after loading the latest', async () => {
    const person = shunin[2]!;
    const created = await call(person, 'POST', '/api/people/me/goals', {
      fiscalYear: now.fiscalYear,
      title: '相談記録の様式を統一する',
      successCriteria: '全係で同じ様式を使う',
      dueDate: `${now.fiscalYear + 1}-03-01`,
      competencyIds: [],
      guidelineIds: [],
      idempotencyKey: randomUUID(),
    });
    expect(created.status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const frame = await openGoals(page, person);
    const card = frame.locator('article[data-testid^=goal-]');
    // Progress recorded from another device after the page was loaded.
    const elsewhere = await call(person, 'POST', `/api/people/me/goals/${String(created.body.id)}/progress`, {
      version: created.body.version,
      percent: 50,
      note: '別の端末から',
    });
    expect(elsewhere.status).toBe(200);

    await card.locator('[data-testid=reflection-mid]').fill('この画面で書いた中間の振り返り');
    await card.locator('[data-testid=reflection-mid-save]').click();
    const conflict = card.locator('[data-testid=goal-conflict]');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain('別の画面や端末で変更されました');
    await expect(card.locator('[data-testid=reflection-mid]').inputValue()).resolves.toBe(
      'この画面で書いた中間の振り返り',
    );
    await conflict.getByRole('button').click();
    await expect.poll(() => conflict.count()).toBe(0);
    // The latest progress shows, and the typed reflection is still there to save.
    await expect.poll(() => card.locator('[data-testid=goal-progress-log]').textContent()).toContain('50%');
    await expect(card.locator('[data-testid=reflection-mid]').inputValue()).resolves.toBe(
      'この画面で書いた中間の振り返り',
    );
    await card.locator('[data-testid=reflection-mid-save]').click();
    await expect
      .poll(() => card.locator('[data-testid=goal-status]').textContent())
      .toBe('振り返りを保存しました。');
    const saved = await call(person, 'GET', `/api/people/me/goals?fiscalYear=${now.fiscalYear}`);
    expect(saved.body).toMatchObject([
      { midReflection: 'この画面で書いた中間の振り返り', progress: [{ percent: 50, note: '別の端末から' }] },
    ]);
    await page.close();
  });

  it('shows the 3-month follow-up answer beside the linked ● item of the next self-check, not beside others', async () => {
    const person = shunin[4]!;
    const hr = server.emulator.people.find((candidate) => candidate.appRoles.length > 0)!;
    const supervisor = server.emulator.people.find((candidate) => candidate.id === person.managerId)!;
    const evaluated = itemsOf('shunin').filter(
      (competency) => framework.expectations.shunin?.[competency.id] === 'evaluated',
    );
    expect(evaluated.length).toBeGreaterThanOrEqual(2);
    const [linked, unlinked] = [evaluated[0]!, evaluated[1]!];
    // A course developing one ● item, a session of it that ended more than the follow-up months ago
    // (TRAINING_FOLLOW_UP_MONTHS, 3 by default), and the 主任 attended it.
    const course = await call(
      hr,
      'POST',
      '/api/training/courses',
      courseBody({ title: { ja: '住民対応研修', en: 'Serving residents' }, competencyIds: [linked.id] }),
    );
    expect(course.status).toBe(201);
    const session = await call(
      hr,
      'POST',
      `/api/training/courses/${String(course.body.id)}/sessions`,
      sessionBody({ capacity: 10 }),
    );
    expect(session.status).toBe(201);
    const nominated = await call(hr, 'POST', `/api/training/sessions/${String(session.body.id)}/nominate`, {
      personId: person.id,
      note: '',
      overrideEligibility: true,
    });
    const confirmed = await call(
      hr,
      'POST',
      `/api/training/enrolments/${String(nominated.body.id)}/confirm`,
      {
        version: nominated.body.version,
      },
    );
    expect(confirmed.body.status).toBe('confirmed');
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 months 1 day 2 hours', ends_at = now() - interval '3 months 1 day' WHERE id = $1`,
      [session.body.id],
    );
    await server.database.query(`UPDATE training_enrolments SET status = 'attended' WHERE id = $1`, [
      nominated.body.id,
    ]);
    expect(await server.reportJobs.followUps()).toEqual({ asked: 1 });

    // The 主任 answers (the card and the tab make the same write) and the 係長 adds a line.
    const open = async (who: Person) =>
      (await call(who, 'GET', '/api/reports/follow-ups')).body as unknown as FollowUpView[];
    const asked = (await open(person)).find((item) => item.session.sessionId === session.body.id)!;
    expect(asked.role).toBe('attendee');
    const answered = await call(person, 'PUT', `/api/reports/follow-ups/${asked.id}/answer`, {
      version: asked.version,
      answer: 'applied',
      example: '窓口で制度を図で説明するようにした',
    });
    expect(answered.status).toBe(200);
    const observe = (await open(supervisor)).find(
      (item) => item.session.sessionId === session.body.id && item.role === 'supervisor',
    )!;
    const observed = await call(supervisor, 'PUT', `/api/reports/follow-ups/${observe.id}/observation`, {
      version: observe.version,
      observation: '窓口での説明が短く分かりやすくなった',
    });
    expect(observed.status).toBe(200);

    // The 主任's next self-check shows it as evidence under the linked ● item only.
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const frame = await openSelfCheck(page, person);
    const item = frame.locator(`[data-testid=item-${linked.id}]`);
    expect(await item.getAttribute('data-mark')).toBe('evaluated');
    const evidence = item.locator(`[data-testid=follow-ups-${linked.id}]`);
    await evidence.waitFor();
    expect(await evidence.locator('h4').textContent()).toBe('研修のふりかえり（根拠）');
    const entry = evidence.locator(`[data-testid=follow-up-evidence-${String(session.body.id)}]`);
    expect(await entry.innerText()).toContain('住民対応研修: 業務に反映できた');
    expect(await entry.innerText()).toContain('窓口で制度を図で説明するようにした');
    expect(await entry.innerText()).toContain('上司から：窓口での説明が短く分かりやすくなった');
    const other = frame.locator(`[data-testid=item-${unlinked.id}]`);
    expect(await other.getAttribute('data-mark')).toBe('evaluated');
    expect(await other.locator('[data-testid^=follow-up]').count()).toBe(0);
    expect(await frame.locator('[data-testid^=follow-ups-]').count()).toBe(1);
    const content = await (await page.locator('[data-testid=dev-host-frame]').elementHandle()).contentFrame();
    expect(await seriousAxeViolations(content!)).toEqual([]);
    await elementScreenshot(item, 'self-check-follow-up-evidence');
    await page.close();
  });

  // The pages as a whole in every theme and at 360 px (axe, no sideways scrolling) are component tests
  // (test/component/growth-pages.test.tsx, and self-check.test.tsx for the editable form's actions at
  // 360 px): they need no server.
  // Issue 18 (goals-declaration): the goal stage from HR's windows, who sees a new goal, and 自己申告.
  it('shows the goal stage and who will see a new goal, and the 自己申告 form with 現職継続, at 360 px with axe', async () => {
    const hr = server.emulator.people.find((candidate) => candidate.appRoles.length > 0)!;
    const opened = await call(hr, 'POST', '/api/declaration-windows', {
      fiscalYear: now.fiscalYear,
      closesOn: `${now.fiscalYear + 1}-03-31`,
    });
    expect([201, 409]).toContain(opened.status);
    const person = shunin.at(-1)!;
    const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
    const frame = await openGoals(page, person);
    const content = await (await page.locator('[data-testid=dev-host-frame]').elementHandle()).contentFrame();
    // No month guess: the notice names an open stage, or says none is open.
    await expect
      .poll(() => frame.locator('[data-testid=goal-stage]').getAttribute('data-stage'))
      .toMatch(/^(setting|mid|yearEnd|none)$/);
    await frame.locator('[data-testid=goal-add]').click();
    await frame.locator('[data-testid=goal-new-form]').waitFor();
    expect(await frame.getByRole('radio', { name: /同じ課の職員にも共有する/ }).isChecked()).toBe(true);
    expect(await frame.getByRole('radio', { name: /上司と職員課だけ/ }).isChecked()).toBe(false);
    await expectNoSidewaysScroll(frame);
    expect(await seriousAxeViolations(content!)).toEqual([]);
    await fullScreenshot(page, frame, 'goals-sharing-mobile');

    await openTabPage(frame, 'declaration');
    await frame.locator('[data-testid=placement-stay]').waitFor();
    expect(await frame.getByRole('radio', { name: '現職継続を希望' }).isVisible()).toBe(true);
    expect(await frame.locator('[data-testid=declaration-confidential]').textContent()).toContain(
      '上司には共有されません',
    );
    await expectNoSidewaysScroll(frame);
    expect(await seriousAxeViolations(content!)).toEqual([]);
    await fullScreenshot(page, frame, 'declaration-mobile');
    await page.close();
  });

  it('gives 会計年度任用職員 no 自己申告 in the navigation', async () => {
    const appointed = server.emulator.people.find((candidate) => candidate.levelId === 'kaikeiNendo')!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: appointed.userPrincipalName });
    await tab.frame.locator('[data-testid=nav-goals]').waitFor();
    // The entry goes once /api/me has answered.
    await expect.poll(() => tab.frame.locator('[data-testid=nav-declaration]').count()).toBe(0);
    await tab.frame.locator('[data-testid=nav-goals]').click();
    await tab.frame.locator('[data-testid=goals]').waitFor();
    expect(await tab.frame.locator('[data-testid=nav-declaration]').count()).toBe(0);
    await page.close();
  });
  it('lets a 主事 link a new goal to a goal of their 課 that the 課長 set through the API', async () => {
    const people = server.emulator.people;
    const shuji = people.find(
      (person) =>
        person.levelId === 'shuji' &&
        person.department !== '職員課' &&
        person.department !== shunin[0]!.department,
    )!;
    const kacho = people.find(
      (person) => person.levelId === 'kacho' && person.department === shuji.department,
    )!;
    const call = apiCaller(() => server);
    const saved = await call(
      kacho,
      'PUT',
      `/api/policies/${now.fiscalYear}/departments/${encodeURIComponent(shuji.department!)}`,
      {
        version: 0,
        policy: '市民に寄り添う窓口',
        goals: [{ title: '窓口の満足度を上げる', description: '', divisionGoalId: null }],
      },
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const departmentGoalId = (saved.body.goals as Array<{ id: string }>)[0]!.id;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const frame = await openGoals(page, shuji);
    await frame.locator('[data-testid=goal-add]').click();
    const form = frame.locator('[data-testid=goal-new-form]');
    await form.locator('[data-testid=goal-title]').fill('窓口アンケートを実施する');
    await form.locator('[data-testid=goal-department-goal]').selectOption({ label: '窓口の満足度を上げる' });
    await form.locator('[data-testid=goal-save]').click();
    await frame.locator('article[data-testid^=goal-]').waitFor();
    const goals = await call(shuji, 'GET', '/api/people/me/goals');
    expect((goals.body as unknown as Array<{ departmentGoalId: string | null }>)[0]?.departmentGoalId).toBe(
      departmentGoalId,
    );
    await page.close();
  });
  it("lets a 課長 set a 課 goal on the 課の方針 page and see a 主事's goal linked to it", async () => {
    const people = server.emulator.people;
    // A 課 of its own: the step above writes the policy of the first 課 with a 主事 besides 職員課.
    const taken = new Set(['職員課', shunin[0]!.department]);
    const candidates = people.filter((person) => person.levelId === 'shuji' && !taken.has(person.department));
    const shuji = candidates.find((person) => person.department !== candidates[0]!.department)!;
    const kacho = people.find(
      (person) => person.levelId === 'kacho' && person.department === shuji.department,
    )!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const { frame } = await openDevHost(page, server.url, {
      user: kacho.userPrincipalName,
      subEntityId: 'org-policy',
    });
    const section = frame.locator('[data-testid=department-policy]');
    await section.locator('[data-testid=policy-edit]').click();
    await section.locator('[data-testid=policy-field]').fill('手続を早く、わかりやすく');
    await section.locator('[data-testid=policy-goal-add]').click();
    await section.locator('[data-testid=policy-goal-title]').fill('申請の処理日数を減らす');
    await section.locator('[data-testid=policy-save]').click();
    await expect
      .poll(() => section.locator('[data-testid=department-policy-status]').textContent())
      .toBe('保存しました。');
    const policy = await call(
      kacho,
      'GET',
      `/api/policies/${now.fiscalYear}/departments/${encodeURIComponent(shuji.department!)}`,
    );
    const departmentGoalId = (policy.body.goals as Array<{ id: string }>)[0]!.id;
    const linked = await call(shuji, 'POST', '/api/people/me/goals', {
      fiscalYear: now.fiscalYear,
      title: '申請書の記入例を作る',
      successCriteria: '',
      dueDate: `${now.fiscalYear + 1}-03-01`,
      competencyIds: [],
      guidelineIds: [],
      departmentGoalId,
      idempotencyKey: randomUUID(),
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    const coverage = frame.locator('[data-testid=goal-coverage]');
    await coverage.locator('[data-testid=coverage-refresh]').click();
    await expect
      .poll(() => coverage.locator('[data-testid=coverage-person]').first().textContent())
      .toBe(`${shuji.displayName}：申請書の記入例を作る`);
    await page.close();
  });
  it('lets a 主事 on a learning path enrol in a self-study course, record progress, complete it and see the step done', async () => {
    const people = server.emulator.people;
    const hr = people.find((candidate) => candidate.appRoles.length > 0)!;
    const shuji = people.find(
      (person) => person.levelId === 'shuji' && person.department !== '職員課' && person.employeeHireDate,
    )!;
    // HR's self-study course and a one-step path for 主事, through the API.
    const course = await call(
      hr,
      'POST',
      '/api/training/courses',
      courseBody({ category: 'selfStudy', title: { ja: '通信教育 地方自治法' } }),
    );
    const courseId = String(course.body.id);
    const selfStudy = await call(hr, 'PUT', `/api/training/courses/${courseId}/self-study`, {
      version: 0,
      externalUrl: 'https://elearning.example/jichi',
    });
    expect(selfStudy.status, JSON.stringify(selfStudy.body)).toBe(200);
    const path = await call(hr, 'POST', '/api/training/learning-paths', {
      title: { ja: '主事の育成ステップ' },
      description: { ja: '' },
      steps: [
        {
          title: { ja: '基礎を固める' },
          levelIds: ['shuji'],
          minYearsOfService: null,
          maxYearsOfService: null,
          courseIds: [courseId],
        },
      ],
    });
    expect(path.status, JSON.stringify(path.body)).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const { frame } = await openDevHost(page, server.url, {
      user: shuji.userPrincipalName,
      subEntityId: 'training/path',
    });
    const step = frame.locator('[data-testid=path-step-0]');
    await expect.poll(() => step.getAttribute('data-done')).toBe('false');
    await step.locator('[data-testid=self-study-enrol]').click();
    await step.locator('[data-testid=self-study-percent]').fill('50');
    await step.locator('[data-testid=self-study-record]').click();
    await expect.poll(() => step.locator('[data-testid=self-study-progress]').textContent()).toBe('進捗 50%');
    await step.locator('[data-testid=self-study-report]').fill('条文の読み方が分かった');
    await step.locator('[data-testid=self-study-complete]').click();
    await expect.poll(() => step.getAttribute('data-done')).toBe('true');
    await expect(frame.locator('[data-testid=path-next]').first().textContent()).resolves.toBe(
      'すべてのステップを完了しました。',
    );
    const content = await (await page.locator('[data-testid=dev-host-frame]').elementHandle()).contentFrame();
    expect(await seriousAxeViolations(content!)).toEqual([]);
    await page.close();
  });
});
