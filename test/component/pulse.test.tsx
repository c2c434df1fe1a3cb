// The やりがい pulse's screens (docs/pulse.md): HR's section of the console (pulses by quarter, one created
// or edited, its results by 課, the trend) and a 課's page for its 課長/係長 (trend and action).
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type {
  DepartmentPulse,
  PulseConfig,
  PulseResults,
  PulseTrend,
} from '../../src/pulse/pulse.contract.ts';
import { fiscalQuarterAt, fiscalQuarterDays } from '../../src/shared/fiscal-period.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import PulseSection from '../../tab/src/hr/sections/pulse-section.tsx';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { DepartmentPulseLink, DepartmentPulseView } from '../../tab/src/pulse/department-pulse.tsx';
import { seriousViolations } from './support/axe.ts';
import { framework, meAt } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const PULSE_ID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const questions = [
  { ja: '仕事にやりがいを感じる', en: 'My work feels worthwhile' },
  { ja: '職場で相談しやすい', en: 'I can ask for help at work' },
  { ja: '成長を実感している', en: 'I feel I am growing' },
];
const pulse: PulseConfig = {
  id: PULSE_ID,
  quarter: '2026-Q2',
  questions,
  freeTextQuestion: { ja: '職場をよくするには', en: 'What would make the workplace better' },
  opensOn: '2026-07-01',
  closesOn: '2026-07-14',
  status: 'closed',
  answered: 9,
  questionsLocked: false,
  sentAt: null,
  version: 3,
  updatedAt: '2026-06-20T00:00:00.000Z',
};
const results: PulseResults = {
  pulse: { ...pulse, questionsLocked: true },
  minGroupSize: 5,
  overall: { withheld: false, answered: 9, averages: [3.4, 4.1, 2.9], score: 3.47 },
  departments: [
    { department: '人事課', withheld: false, answered: 5, averages: [3.2, 4, 2.6], score: 3.27 },
    { department: '市民課', withheld: true, answered: null, averages: null, score: null },
  ],
  freeTexts: ['会議を短くしたい'],
};
const trend: PulseTrend = {
  minGroupSize: 5,
  quarters: ['2026-Q1', '2026-Q2'],
  overall: [
    { quarter: '2026-Q1', withheld: false, answered: 12, score: 3.1 },
    { quarter: '2026-Q2', withheld: false, answered: 9, score: 3.47 },
  ],
  departments: [
    {
      department: '人事課',
      points: [
        { quarter: '2026-Q1', withheld: true, answered: null, score: null },
        { quarter: '2026-Q2', withheld: false, answered: 5, score: 3.27 },
      ],
    },
  ],
};
const departmentPulse = (canWriteAction: boolean): DepartmentPulse => ({
  department: '人事課',
  minGroupSize: 5,
  points: trend.departments[0]?.points ?? [],
  actions: [
    {
      department: '人事課',
      quarter: '2026-Q1',
      text: '朝会で声をかけ合う',
      updatedById: 'person-kacho',
      version: 1,
      updatedAt: '2026-07-20T00:00:00.000Z',
    },
  ],
  canWriteAction,
});

const hrAnswers: Answers = {
  'GET /api/hr/pulses': [pulse],
  'GET /api/hr/pulses/:pulseId/results': results,
  'GET /api/hr/pulses/trend': trend,
};

async function show(
  ui: (api: ReturnType<typeof fakeApi>['api']) => ReactNode,
  answers: Answers,
  options: { language?: Language; dark?: boolean } = {},
) {
  const fake = fakeApi(answers);
  const view = ui(fake.api);
  const { screen } = await renderTab(
    options.dark ? <FluentProvider theme={teamsDarkTheme}>{view}</FluentProvider> : view,
    { language: options.language ?? 'ja' },
  );
  return { screen, fake };
}

const hrSection = (answers: Answers, options: { language?: Language; dark?: boolean } = {}) =>
  show(
    (api) => <PulseSection api={api} base={{ me: meAt('shuji', { roles: ['hr'] }), framework }} rest={[]} />,
    { ...hrAnswers, ...answers },
    options,
  );

const supervisorPage = (answers: Answers, options: { language?: Language; dark?: boolean } = {}) =>
  show((api) => <DepartmentPulseView api={api} back="#/team" />, answers, options);

const kacho = meAt('kacho', { roles: ['employee', 'supervisor'] });

async function fits360(check: () => Promise<Element>) {
  await page.viewport(360, 780);
  try {
    const element = await check();
    await expectNoSidewaysScroll();
    expect(await seriousViolations(element)).toEqual([]);
  } finally {
    await page.viewport(414, 896);
  }
}

describe('HR: the pulse section', () => {
  it('lists the pulses by quarter and creates one for a quarter without a pulse', async () => {
    const quarter = fiscalQuarterAt(new Date());
    const { first, last } = fiscalQuarterDays(quarter);
    const { screen, fake } = await hrSection({
      'POST /api/hr/pulses': ({ body }) => ({
        ...pulse,
        ...body,
        id: 'new',
        freeTextQuestion: body.freeTextQuestion ?? null,
        status: 'scheduled',
        answered: 0,
        version: 1,
      }),
    });
    await expect
      .element(screen.getByTestId('pulse-row-2026-Q2'))
      .toMatchTextContent(/2026-Q2終了.*9編集結果/);
    await screen.getByTestId('pulse-new').click();
    await expect.element(screen.getByTestId('pulse-quarter')).toHaveValue(quarter.id);
    for (const [index, question] of questions.entries()) {
      await screen.getByTestId(`pulse-question-${index + 1}-ja`).fill(question.ja);
      await screen.getByTestId(`pulse-question-${index + 1}-en`).fill(question.en);
    }
    await screen.getByTestId('pulse-save').click();
    await expect.element(screen.getByTestId('pulse-status')).toHaveTextContent('パルスを作成しました。');
    const post = fake.received.find((request) => request.key === 'POST /api/hr/pulses');
    expect(post?.body).toEqual({
      quarter: quarter.id,
      questions,
      freeTextQuestion: null,
      opensOn: first,
      closesOn: last,
    });
  });

  it('says so instead of offering a new pulse when each quarter HR may configure has one', async () => {
    // This quarter and the next three, the four HR may configure.
    let quarter = fiscalQuarterAt(new Date()).id;
    const pulses: PulseConfig[] = [];
    for (let index = 0; index < 4; index += 1) {
      pulses.push({
        ...pulse,
        id: `6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e5${index}`,
        quarter,
        status: 'scheduled',
        answered: 0,
      });
      const [year, number] = quarter.split('-Q').map(Number) as [number, number];
      quarter = number === 4 ? `${year + 1}-Q1` : `${year}-Q${number + 1}`;
    }
    const { screen } = await hrSection({ 'GET /api/hr/pulses': pulses });
    await expect
      .element(screen.getByTestId('pulse-all-configured'))
      .toHaveTextContent(
        'この四半期からの4四半期分は、すべてパルスが設定済みです。変更は各行の「編集」からできます。',
      );
    expect(screen.getByTestId('pulse-new').query()).toBeNull();
    await screen.unmount();
    // With one of them gone, that quarter can be configured again.
    const fewer = await hrSection({ 'GET /api/hr/pulses': pulses.slice(0, 3) });
    await fewer.screen.getByTestId('pulse-new').click();
    await expect.element(fewer.screen.getByTestId('pulse-quarter')).toHaveValue(pulses[3]!.quarter);
  });

  it("shows the server's refusal to change questions after the first answer, keeping what was typed", async () => {
    const { screen, fake } = await hrSection({
      'PUT /api/hr/pulses/:pulseId': () => {
        throw new ApiError(
          409,
          'conflict',
          'Someone has answered this pulse: its questions can no longer change (the dates still can).',
          'req-1',
          [{ path: 'body.questions', message: 'locked after the first answer' }],
        );
      },
    });
    await screen.getByTestId('pulse-edit-2026-Q2').click();
    await screen.getByTestId('pulse-question-1-ja').fill('仕事が楽しい');
    await screen.getByTestId('pulse-save').click();
    await expect
      .element(screen.getByTestId('pulse-locked'))
      .toMatchTextContent(/質問は変更できません。日付だけを変更してください/);
    await expect.element(screen.getByTestId('pulse-question-1-ja')).toHaveValue('仕事が楽しい');
    const put = fake.received.find((request) => request.key === 'PUT /api/hr/pulses/:pulseId');
    expect(put?.params).toEqual({ pulseId: PULSE_ID });
    expect(put?.body).toMatchObject({ version: 3, opensOn: '2026-07-01', closesOn: '2026-07-14' });
  });

  it('keeps what was typed on a stale version (409) and offers the newest', async () => {
    const { screen } = await hrSection({
      'PUT /api/hr/pulses/:pulseId': () => {
        throw new ApiError(409, 'version_conflict', 'stale', 'req-2', [
          { path: 'body.version', message: 'current version is 4' },
        ]);
      },
    });
    await screen.getByTestId('pulse-edit-2026-Q2').click();
    await screen.getByTestId('pulse-question-2-en').fill('I can talk to my 係長');
    await screen.getByTestId('pulse-save').click();
    await expect.element(screen.getByTestId('pulse-conflict')).toBeVisible();
    await expect.element(screen.getByTestId('pulse-question-2-en')).toHaveValue('I can talk to my 係長');
    await expect.element(screen.getByTestId('pulse-reload')).toBeVisible();
  });

  it('locks the questions once someone answered, leaving the days to change', async () => {
    const { screen } = await hrSection({ 'GET /api/hr/pulses': [{ ...pulse, questionsLocked: true }] });
    await screen.getByTestId('pulse-edit-2026-Q2').click();
    await expect.element(screen.getByTestId('pulse-questions-locked')).toBeVisible();
    expect(screen.getByTestId('pulse-question-1-ja').query()).toBeNull();
    await expect.element(screen.getByTestId('pulse-closes-on')).toBeEnabled();
  });

  it('shows results by 課 and question, a withheld 課 without any number, and the free texts as given', async () => {
    const { screen } = await hrSection({});
    await screen.getByTestId('pulse-results-2026-Q2').click();
    await expect.element(screen.getByTestId('pulse-result-人事課')).toHaveTextContent('人事課53.24.02.63.27');
    await expect.element(screen.getByTestId('pulse-result-overall')).toHaveTextContent('全体93.44.12.93.47');
    const withheld = screen.getByTestId('pulse-result-市民課');
    await expect.element(withheld).toHaveTextContent('市民課非公表（回答5人未満）');
    // Nothing but the threshold: no count, no average.
    expect((withheld.element().textContent ?? '').replace('5人未満', '')).not.toMatch(/\d/);
    expect(withheld.element().querySelectorAll('td')).toHaveLength(1);
    await expect.element(screen.getByTestId('pulse-free-texts')).toMatchTextContent(/会議を短くしたい/);
  });

  it('shows the trend of the organisation and of a 課, a withheld quarter without numbers', async () => {
    const { screen } = await hrSection({});
    await expect.element(screen.getByTestId('pulse-trend-2026-Q1')).toHaveTextContent('2026-Q1123.1');
    await screen.getByTestId('pulse-trend-unit').selectOptions('人事課');
    await expect
      .element(screen.getByTestId('pulse-trend-2026-Q1'))
      .toHaveTextContent('2026-Q1非公表（回答5人未満）');
    await expect.element(screen.getByTestId('pulse-trend-2026-Q2')).toHaveTextContent('2026-Q253.27');
    const table = screen.getByTestId('pulse-trend').element();
    expect(table.getAttribute('aria-labelledby')).toBeTruthy();
  });

  it('fits 360 px in English and passes axe in the dark theme, editor and results open', async () => {
    await fits360(async () => {
      const { screen } = await hrSection({}, { language: 'en', dark: true });
      await screen.getByTestId('pulse-new').click();
      await screen.getByTestId('pulse-free-text-ask').click();
      await expect.element(screen.getByTestId('pulse-free-text-ja')).toBeVisible();
      await screen.getByTestId('pulse-results-2026-Q2').click();
      await expect
        .element(screen.getByTestId('pulse-result-市民課'))
        .toHaveTextContent('市民課Withheld (fewer than 5 answered)');
      await expect.element(screen.getByTestId('pulse-trend')).toBeVisible();
      return screen.getByTestId('hr-section-pulse').element();
    });
  });
});

describe("a 課's pulse for its 課長 and 係長", () => {
  it('shows the link to a 課長 with a 課', async () => {
    const { screen } = await show((api) => <DepartmentPulseLink api={api} />, { 'GET /api/me': kacho });
    await expect.element(screen.getByTestId('department-pulse-link')).toHaveAttribute('href', '#/team/pulse');
  });

  it('shows no link to a 主事, supervisor or not', async () => {
    const { screen, fake } = await show((api) => <DepartmentPulseLink api={api} />, {
      'GET /api/me': meAt('shuji', { roles: ['employee', 'supervisor'] }),
    });
    await expect.poll(() => fake.received.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByTestId('department-pulse-link').query()).toBeNull();
  });

  it("shows the 課's trend and writes the quarter's action with the version read", async () => {
    const { screen, fake } = await supervisorPage({
      'GET /api/me': kacho,
      'GET /api/pulses/departments/:department': departmentPulse(true),
      'PUT /api/pulses/departments/:department/actions/:quarter': ({ body, params }) => ({
        department: params.department,
        quarter: params.quarter,
        text: body.text,
        updatedById: kacho.id,
        version: 1,
        updatedAt: '2026-10-02T00:00:00.000Z',
      }),
    });
    await expect
      .element(screen.getByTestId('department-pulse-trend-2026-Q1'))
      .toHaveTextContent('2026-Q1非公表（回答5人未満）');
    await expect.element(screen.getByTestId('pulse-action-quarter')).toHaveValue('2026-Q2');
    await screen.getByTestId('pulse-action-text').fill('1on1 を月に一度行う');
    await screen.getByTestId('pulse-action-save').click();
    await expect
      .element(screen.getByTestId('pulse-action-status'))
      .toHaveTextContent('取り組みを保存しました。');
    const put = fake.received.find(
      (request) => request.key === 'PUT /api/pulses/departments/:department/actions/:quarter',
    );
    expect(put?.params).toEqual({ department: '人事課', quarter: '2026-Q2' });
    expect(put?.body).toEqual({ version: 0, text: '1on1 を月に一度行う' });
    // The earlier quarter's action is edited from its own version.
    await screen.getByTestId('pulse-action-quarter').selectOptions('2026-Q1');
    await expect.element(screen.getByTestId('pulse-action-text')).toHaveValue('朝会で声をかけ合う');
  });

  it('keeps what was typed when someone saved the action first (409)', async () => {
    const { screen } = await supervisorPage({
      'GET /api/me': kacho,
      'GET /api/pulses/departments/:department': departmentPulse(true),
      'PUT /api/pulses/departments/:department/actions/:quarter': () => {
        throw new ApiError(409, 'version_conflict', 'stale', 'req-3', [
          { path: 'body.version', message: 'current version is 1' },
        ]);
      },
    });
    await screen.getByTestId('pulse-action-text').fill('私の書いた取り組み');
    await screen.getByTestId('pulse-action-save').click();
    await expect.element(screen.getByTestId('pulse-action-conflict')).toBeVisible();
    await expect.element(screen.getByTestId('pulse-action-text')).toHaveValue('私の書いた取り組み');
    await expect.element(screen.getByTestId('pulse-action-reload')).toBeVisible();
  });

  it('reads without an editor for someone the server does not let write', async () => {
    const { screen } = await supervisorPage({
      'GET /api/me': kacho,
      'GET /api/pulses/departments/:department': departmentPulse(false),
    });
    await expect.element(screen.getByTestId('pulse-action-read-only')).toBeVisible();
    await expect
      .element(screen.getByTestId('pulse-actions-written'))
      .toHaveTextContent('2026-Q1朝会で声をかけ合う');
    expect(screen.getByTestId('pulse-action-form').query()).toBeNull();
  });

  it("shows the server's 403 as an error, and no trend", async () => {
    const { screen } = await supervisorPage({
      'GET /api/me': meAt('shuji'),
      'GET /api/pulses/departments/:department': () => {
        throw new ApiError(403, 'forbidden', 'Not a 課長 or 係長 of the 課, nor HR', 'req-4', []);
      },
    });
    await expect.element(screen.getByRole('alert')).toMatchTextContent(/この操作を行う権限がありません。/);
    expect(screen.getByTestId('department-pulse-trend').query()).toBeNull();
  });

  it('fits 360 px in English and passes axe in the dark theme', async () => {
    await fits360(async () => {
      const { screen } = await supervisorPage(
        { 'GET /api/me': kacho, 'GET /api/pulses/departments/:department': departmentPulse(true) },
        { language: 'en', dark: true },
      );
      await expect
        .element(screen.getByTestId('department-pulse-trend-2026-Q1'))
        .toHaveTextContent('2026-Q1Withheld (fewer than 5 answered)');
      await expect.element(screen.getByTestId('pulse-action-text')).toBeVisible();
      return screen.getByTestId('department-pulse').element();
    });
  });
});
