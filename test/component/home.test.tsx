// The home's states (issue 18): nothing at all, something to do, nothing to do but something coming up,
// and a supervisor's part. What the server puts in the summary is covered by
// test/integration/home/home.test.ts; the whole chain by test/e2e/tab-home.test.ts.
import { describe, expect, it } from 'vitest';
import type { HomeSummary } from '../../src/home/home.contract.ts';
import HomeView from '../../tab/src/home/home-view.tsx';
import { meAt } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

const TODAY = '2026-05-11';

const empty = (): HomeSummary => ({
  today: TODAY,
  todo: { cycles: [], reports: [] },
  upcoming: { interviews: [], training: [] },
  news: [],
  team: null,
});

const interview = {
  id: 'interview-1',
  type: 'goalSetting' as const,
  // 2026-05-18 10:00–10:30 in Japan.
  start: '2026-05-18T01:00:00.000Z',
  end: '2026-05-18T01:30:00.000Z',
  role: 'attendee' as const,
  withName: '市民 係長',
  status: 'booked' as const,
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
};

async function renderHome(summary: HomeSummary, language: 'ja' | 'en' = 'ja') {
  const { api } = fakeApi({
    'GET /api/me': meAt('shuji'),
    'GET /api/home': summary,
    // No pulse open: the pulse's card (test/component/home-pulse.test.tsx) shows nothing.
    'GET /api/pulses/current': { pulse: null },
  });
  const { screen } = await renderTab(<HomeView api={api} />, { language });
  await expect.element(screen.getByTestId('home')).toHaveAttribute('data-state', 'ready');
  return screen.getByTestId('home').element();
}

const links = (root: Element, selector: string) =>
  Array.from(root.querySelectorAll(`${selector} a`), (link) => [link.textContent, link.getAttribute('href')]);

describe("the tab's home", () => {
  it('says there is nothing to do and nothing booked when both are empty, and links to the policy', async () => {
    const home = await renderHome(empty());
    expect(home.querySelector('h1')?.textContent).toBe('小平 花子 さん');
    expect(home.querySelector('[data-testid=home-todo-none]')?.textContent).toBe('今やることはありません。');
    expect(home.querySelector('[data-testid=home-upcoming-none]')?.textContent).toBe('予定はありません。');
    expect(home.querySelector('[data-testid=home-team]')).toBeNull();
    expect(home.querySelector('[data-testid=home-news]')).toBeNull();
    const policy = home.querySelector('[data-testid=open-policy]');
    expect(policy?.textContent).toBe('小平市人財育成基本方針');
    expect(policy?.getAttribute('href')).toBe('#/policy');
    // The policy's own text is no longer on the home.
    expect(home.querySelector('[data-testid=my-expectations]')).toBeNull();
    expect(home.querySelector('[data-testid=guidelines]')).toBeNull();
  });

  it('lists what I owe with its deadline and a link to the page where it is done', async () => {
    const summary = empty();
    summary.todo.cycles = [
      {
        kind: 'goalSetting',
        windowId: 'w1',
        fiscalYear: 2026,
        closesOn: '2026-05-15',
        task: 'setGoals',
        count: 1,
        page: 'goals',
      },
    ];
    summary.todo.reports = [
      {
        sessionId: 's1',
        courseId: 'c1',
        courseTitle: { ja: '接遇研修', en: 'Customer service' },
        start: '2026-05-07T01:00:00.000Z',
        end: '2026-05-07T03:00:00.000Z',
        hasDraft: false,
      },
    ];
    const home = await renderHome(summary);
    expect(home.querySelector('[data-testid=home-todo-none]')).toBeNull();
    expect(links(home, '[data-testid=home-todo]')).toEqual([
      ['今年度の目標を設定する', '#/goals'],
      ['研修報告を書く：接遇研修', '#/training/mine'],
    ]);
    const goals = home.querySelector('[data-testid=home-todo-goalSetting]')?.textContent ?? '';
    expect(goals).toContain('2026年度');
    expect(goals).toContain('締切 2026/05/15(金)');
    expect(goals).toContain('あと4日');
  });

  it('never says there is nothing to do without pointing to what is coming up (the booked interview)', async () => {
    const summary = empty();
    summary.upcoming.interviews = [interview];
    summary.upcoming.training = [
      {
        enrolmentId: 'e1',
        sessionId: 's2',
        courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
        start: '2026-06-01T01:00:00.000Z',
        end: '2026-06-01T03:00:00.000Z',
        status: 'confirmed',
      },
    ];
    summary.news = [
      {
        source: 'selfCheck',
        at: '2026-05-10T03:00:00.000Z',
        byName: '市民 係長',
        period: '2025-H2',
        count: 3,
      },
    ];
    const home = await renderHome(summary);
    expect(home.querySelector('[data-testid=home-todo-none]')?.textContent).toBe(
      '今すぐやることはありません。予定は「これからの予定」をご覧ください。',
    );
    expect(home.textContent).not.toContain('今やることはありません。');
    const booked = home.querySelector('[data-testid=home-upcoming-interview]')!;
    expect(booked.textContent).toContain('期首面談（市民 係長 さんと）');
    expect(booked.textContent).toContain('2026/05/18(月) 10:00–10:30');
    expect(links(home, '[data-testid=home-upcoming-interview]')).toEqual([
      ['期首面談（市民 係長 さんと）', '#/interviews/interview-1'],
      ['Teams で参加', 'https://teams.microsoft.com/l/meetup-join/abc'],
    ]);
    const training = home.querySelector('[data-testid=home-upcoming-training]')!;
    expect(training.textContent).toContain('研修：ファシリテーション研修');
    expect(training.textContent).toContain('受講決定');
    expect(home.querySelector('[data-testid=home-news-self-check]')?.textContent).toContain(
      '市民 係長 さんが自己チェック（2025年度 下期）にフィードバックしました（3 項目）',
    );
  });

  it('shows a supervisor what waits on them, each linked to where they act, in English too', async () => {
    const summary = empty();
    summary.team = {
      selfChecks: [
        {
          personId: 'p1',
          displayName: '市民 一郎',
          period: '2026-H1',
          submittedAt: '2026-05-08T00:00:00.000Z',
          feedback: { commented: 2, items: 7 },
        },
        {
          personId: 'p3',
          displayName: '市民 三郎',
          period: '2026-H1',
          submittedAt: '2026-05-11T00:00:00.000Z',
          feedback: { commented: 0, items: 7 },
        },
      ],
      interviews: [{ personId: 'p2', displayName: '市民 二郎', type: 'midYear', closesOn: '2026-05-29' }],
      reports: [
        {
          reportId: 'r1',
          personId: 'p1',
          displayName: '市民 一郎',
          sessionId: 's1',
          courseTitle: { ja: '接遇研修', en: 'Customer service' },
          submittedAt: '2026-05-09T00:00:00.000Z',
        },
      ],
      progress: [
        {
          kind: 'selfCheckH1',
          windowId: null,
          closesOn: '2026-09-30',
          task: 'submitSelfCheck',
          owing: 3,
          of: 5,
        },
      ],
    };
    const home = await renderHome(summary);
    expect(home.querySelector('[data-testid=home-team] h2')?.textContent).toBe('部下への対応');
    expect(home.querySelector('[data-testid=home-team-progress-selfCheckH1]')?.textContent).toBe(
      '自己チェックを提出する3 / 5 人が未完了 · 締切 2026/09/30(水)',
    );
    expect(links(home, '[data-testid=home-team]')).toEqual([
      ['チームを開く', '#/team'],
      ['市民 一郎 さんの自己チェックにフィードバックする', '#/team/p1'],
      ['市民 三郎 さんの自己チェックにフィードバックする', '#/team/p3'],
      ['市民 二郎 さんの中間面談を予約する', '#/interviews'],
      ['市民 一郎 さんの研修報告にコメントする', '#/training/team'],
    ]);
    expect(home.querySelector('[data-testid=home-team-interview]')?.textContent).toContain(
      '期間の締切 2026/05/29(金)',
    );
    // Issue 18.6: feedback on 2 of 7 items is in progress, in the team list's words (SelfCheckBadge).
    const states = [...home.querySelectorAll('[data-testid=home-team-self-check]')].map((entry) => [
      entry.querySelector('[data-testid=self-check-state]')?.textContent,
      entry.querySelector('[data-testid=self-check-state]')?.getAttribute('data-state'),
    ]);
    expect(states).toEqual([
      ['フィードバック中 2/7', 'submitted'],
      ['提出済み（フィードバック待ち）', 'submitted'],
    ]);
    expect(home.textContent).not.toContain('フィードバック済み');
  });

  it('tells a supervisor with nothing waiting so, in English', async () => {
    const summary = empty();
    summary.team = { selfChecks: [], interviews: [], reports: [], progress: [] };
    summary.upcoming.interviews = [{ ...interview, role: 'organizer', withName: 'Ichiro Shimin' }];
    const home = await renderHome(summary, 'en');
    expect(home.querySelector('[data-testid=home-team-none]')?.textContent).toBe(
      'Nothing from your team waits on you right now.',
    );
    expect(home.querySelector('[data-testid=home-todo-none]')?.textContent).toBe(
      'Nothing to do right now. See what is coming up below.',
    );
    expect(home.querySelector('[data-testid=home-upcoming-interview] a')?.textContent).toBe(
      'Ichiro Shimin: goal-setting interview',
    );
    expect(home.querySelector('[data-testid=open-policy]')?.textContent).toBe(
      "Kodaira City's staff development policy",
    );
  });
});
