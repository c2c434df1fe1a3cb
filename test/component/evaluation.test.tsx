// 人事評価 in the tab (docs/evaluation.md, "In the tab"): the evaluator's list, the form of the 1次 (rate,
// save, submit) and of the 2次 (adjust with a required reason, confirm), a stale version keeping what was
// typed, read only once confirmed, and the person's own result on the goals page and the 期末面談 record.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import evaluationFile from '../../src/evaluation/data/kodaira-evaluation.json' with { type: 'json' };
import {
  evaluationConfigSchema,
  type EvaluateeRow,
  type EvaluationView,
} from '../../src/evaluation/evaluation.contract.ts';
import type { GoalView } from '../../src/growth/goal.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import EvaluationPage from '../../tab/src/evaluation/evaluation-view.tsx';
import { InterviewRecordView } from '../../tab/src/interviews/interview-record.tsx';
import { Navigation } from '../../tab/src/shell/navigation.tsx';
import { seriousViolations } from './support/axe.ts';
import { framework, interviewDetail, meAt } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const year = halfPeriodAt(new Date()).fiscalYear;
const config = evaluationConfigSchema.parse(evaluationFile);
const PERSON = '0b6f5c1e-2d3a-4b5c-8d7e-1f2a3b4c5d01';
const GOAL = '0b6f5c1e-2d3a-4b5c-8d7e-1f2a3b4c5d91';
const nameOf = (id: string) => framework.competencies.find((entry) => entry.id === id)!.name;

const item = (
  kind: 'competency' | 'goal',
  itemId: string,
  rated: Partial<EvaluationView['items'][number]> = {},
) => ({
  kind,
  itemId,
  title: kind === 'goal' ? '窓口の待ち時間を2割短くする' : null,
  firstRating: null,
  firstComment: '',
  adjustedRating: null,
  adjustReason: null,
  finalRating: null,
  ...rated,
});

const evaluator = (id: string, displayName: string, trained = true) => ({
  id,
  displayName,
  trained,
  overridden: false,
});

function evaluation(overrides: Partial<EvaluationView> = {}): EvaluationView {
  return {
    personId: PERSON,
    person: { id: PERSON, displayName: '小平 花子', department: '市民課', levelId: 'shuji' },
    fiscalYear: year,
    status: 'notStarted',
    role: 'first',
    firstEvaluator: evaluator('person-kakaricho', '小平 係長', false),
    secondEvaluator: evaluator('person-kacho', '小平 課長'),
    items: [item('competency', 'explanation'), item('competency', 'planning'), item('goal', GOAL)],
    submittedAt: null,
    confirmedAt: null,
    version: 0,
    updatedAt: null,
    ...overrides,
  };
}

/** As the 1次 submitted it: every item rated, the plan rated A. */
const submitted = (role: EvaluationView['role']) =>
  evaluation({
    role,
    status: 'submitted',
    version: 2,
    items: [
      item('competency', 'explanation', { firstRating: 'B', finalRating: 'B', firstComment: '丁寧な説明' }),
      item('competency', 'planning', { firstRating: 'A', finalRating: 'A' }),
      item('goal', GOAL, { firstRating: 'B', finalRating: 'B' }),
    ],
  });

const goal: GoalView = {
  id: GOAL,
  personId: PERSON,
  fiscalYear: year,
  title: '窓口の待ち時間を2割短くする',
  dueDate: `${year + 1}-03-31`,
  progress: [],
  version: 1,
  shared: false,
  yearEndReflection: '平均12分まで短くできた',
};

const yearEnd = interviewDetail({
  type: 'yearEnd',
  fiscalYear: year,
  organizerId: 'person-kakaricho',
  organizerName: '小平 係長',
  personId: PERSON,
  start: `${year + 1}-03-02T01:00:00Z`,
  end: `${year + 1}-03-02T01:30:00Z`,
  sharedNotes: '窓口改善の成果を確認した',
});

/** What the form's page reads besides the evaluation: the policy, the scale and the person's context. */
const context: Answers = {
  'GET /api/me': meAt('kakaricho', { roles: ['employee', 'supervisor'] }),
  'GET /api/framework': framework,
  'GET /api/evaluations/config': config,
  'GET /api/people/:personId/self-checks': {
    personId: PERSON,
    periods: [{ period: `${year}-H1`, status: 'submitted', averages: {} }],
  },
  'GET /api/people/:personId/self-checks/:period': {
    personId: PERSON,
    period: `${year}-H1`,
    status: 'submitted',
    editable: false,
    levelId: 'shuji',
    frameworkVersion: framework.version,
    items: [{ competencyId: 'explanation', mark: 'evaluated' }],
    ratings: { explanation: { rating: 4, evidence: '手順書を見直した' } },
    reflections: {},
    feedback: {},
    feedbackCompletedAt: null,
    viewpoints: {},
    version: 3,
    submittedAt: `${year}-09-30T00:00:00Z`,
  } as never,
  'GET /api/people/:personId/goals': [goal],
  'GET /api/people/:personId/interviews': [yearEnd],
  'GET /api/interviews/:interviewId': yearEnd,
};

async function openForm(answers: Answers, options: { language?: 'ja' | 'en'; dark?: boolean } = {}) {
  const fake = fakeApi({ ...context, ...answers });
  const view = <EvaluationPage api={fake.api} rest={[PERSON, String(year)]} />;
  const { screen } = await renderTab(
    options.dark ? <FluentProvider theme={teamsDarkTheme}>{view}</FluentProvider> : view,
    { language: options.language ?? 'ja' },
  );
  const form = screen.getByTestId('evaluation-form');
  await expect.element(form).toBeVisible();
  const row = (kind: string, id: string) => form.getByTestId(`evaluation-item-${kind}-${id}`);
  return { screen, fake, form, row };
}

const sent = (fake: ReturnType<typeof fakeApi>, key: string) =>
  fake.received.filter((request) => request.key === key).map((request) => request.body);

describe('人事評価 in the tab', () => {
  it('lists the people I evaluate with my stage and where each stands, each linked to its form', async () => {
    const rows: EvaluateeRow[] = [
      {
        person: { id: PERSON, displayName: '小平 花子' },
        department: '市民課',
        fiscalYear: year,
        stage: 'first',
        status: 'draft',
      },
      {
        person: { id: 'p2', displayName: '小平 次郎' },
        department: '市民課',
        fiscalYear: year,
        stage: 'second',
        status: 'submitted',
      },
    ];
    const fake = fakeApi({ 'GET /api/evaluations': rows });
    const { screen } = await renderTab(<EvaluationPage api={fake.api} rest={[]} />);
    const first = screen.getByTestId(`evaluatee-${PERSON}`);
    await expect.element(first).toMatchTextContent('1次評価');
    await expect.element(first.getByTestId('evaluatee-status')).toHaveTextContent('下書き');
    await expect
      .element(first.getByTestId('evaluatee-link'))
      .toHaveAttribute('href', `#/evaluation/${PERSON}/${year}`);
    await expect.element(screen.getByTestId('evaluatee-p2')).toMatchTextContent('2次評価');
    expect(fake.received[0]?.query).toEqual({ fiscalYear: String(year) });
  });

  it('offers 人事評価 in the navigation to whoever the server says evaluates someone, and to nobody else', async () => {
    const me = meAt('kakaricho', { roles: ['employee', 'supervisor'] });
    const row: EvaluateeRow = {
      person: { id: PERSON, displayName: '小平 花子' },
      department: '市民課',
      fiscalYear: year,
      stage: 'first',
      status: 'notStarted',
    };
    const evaluator = fakeApi({ 'GET /api/me': me, 'GET /api/evaluations': [row] });
    const first = await renderTab(<Navigation api={evaluator.api} current="home" />);
    await expect.element(first.screen.getByTestId('nav-evaluation')).toBeInTheDocument();
    expect(evaluator.received.find((request) => request.key === 'GET /api/evaluations')?.query).toEqual({
      fiscalYear: String(year),
    });
    await first.screen.unmount();

    const nobody = fakeApi({ 'GET /api/me': me, 'GET /api/evaluations': [] });
    const second = await renderTab(<Navigation api={nobody.api} current="home" />);
    await expect.element(second.screen.getByTestId('nav-team')).toBeInTheDocument();
    await expect
      .poll(() => nobody.received.some((request) => request.key === 'GET /api/evaluations'))
      .toBe(true);
    expect(second.screen.getByTestId('nav-evaluation').query()).toBeNull();
  });

  it('the 1次 rates each ● item and goal, saves, then submits: the server is asked to save first, and the form turns read only', async () => {
    let version = 0;
    const { screen, fake, form, row } = await openForm({
      'GET /api/people/:personId/evaluations/:fiscalYear': evaluation(),
      'PUT /api/people/:personId/evaluations/:fiscalYear/first': ({ body }) => {
        version += 1;
        return evaluation({
          status: 'draft',
          version,
          items: evaluation().items.map((entry) => {
            const rating = body.ratings.find((candidate) => candidate.itemId === entry.itemId);
            return rating
              ? { ...entry, firstRating: rating.rating, firstComment: rating.comment ?? '' }
              : entry;
          }),
        });
      },
      'POST /api/people/:personId/evaluations/:fiscalYear/submit': ({ body }) => ({
        ...evaluation({ status: 'submitted', version: body.version + 1 }),
        items: submitted('first').items,
      }),
    });
    // The side panel: the latest self-check, the goal's reflection and the 期末面談's notes.
    const side = screen.getByTestId('evaluation-context');
    await expect.element(side.getByTestId('evaluation-self-check')).toMatchTextContent('自己評価 4');
    await expect.element(side.getByTestId('evaluation-goals')).toMatchTextContent('平均12分まで短くできた');
    await expect
      .element(side.getByTestId('evaluation-interviews'))
      .toMatchTextContent('窓口改善の成果を確認した');
    // The person's interviews of the year, whoever held them (a 2次 reads those the 1次 held).
    expect(
      fake.received.find((request) => request.key === 'GET /api/people/:personId/interviews')?.query,
    ).toEqual({ fiscalYear: String(year) });
    // An evaluator without this year's 評価者研修: a warning, not a block.
    await expect.element(screen.getByTestId('evaluation-untrained')).toMatchTextContent('小平 係長');
    await expect.element(row('competency', 'explanation')).toMatchTextContent(nameOf('explanation').ja);

    await row('competency', 'explanation').getByTestId('evaluation-rating').selectOptions('B');
    await row('competency', 'explanation').getByTestId('evaluation-comment').fill('丁寧な説明');
    await form.getByTestId('evaluation-save').click();
    await expect.element(form.getByTestId('evaluation-notice')).toHaveTextContent('保存しました。');
    expect(sent(fake, 'PUT /api/people/:personId/evaluations/:fiscalYear/first')).toEqual([
      {
        version: 0,
        ratings: [{ kind: 'competency', itemId: 'explanation', rating: 'B', comment: '丁寧な説明' }],
      },
    ]);

    await row('competency', 'planning').getByTestId('evaluation-rating').selectOptions('A');
    await row('goal', GOAL).getByTestId('evaluation-rating').selectOptions('B');
    await form.getByTestId('evaluation-submit').click();
    await expect
      .element(form.getByTestId('evaluation-notice'))
      .toHaveTextContent('2次評価者に提出しました。');
    const puts = sent(fake, 'PUT /api/people/:personId/evaluations/:fiscalYear/first');
    expect(puts[1]).toMatchObject({ version: 1 });
    expect((puts[1] as { ratings: unknown[] }).ratings).toHaveLength(3);
    expect(sent(fake, 'POST /api/people/:personId/evaluations/:fiscalYear/submit')).toEqual([{ version: 2 }]);
    await expect
      .element(form.getByTestId('evaluation-read-only'))
      .toHaveTextContent('2次評価者の確定を待っています。');
    expect(form.getByTestId('evaluation-rating').query()).toBeNull();
  });

  it("shows the server's refusal of a submit with an item unrated, naming the item, and keeps the ratings", async () => {
    const { form, row } = await openForm({
      'GET /api/people/:personId/evaluations/:fiscalYear': evaluation(),
      'PUT /api/people/:personId/evaluations/:fiscalYear/first': ({ body }) =>
        evaluation({
          status: 'draft',
          version: 1,
          items: evaluation().items.map((entry) => ({
            ...entry,
            firstRating: body.ratings.find((rating) => rating.itemId === entry.itemId)?.rating ?? null,
          })),
        }),
      'POST /api/people/:personId/evaluations/:fiscalYear/submit': () => {
        throw new ApiError(400, 'validation_failed', 'Rate every item before submitting.', 'req-1', [
          { path: 'body', message: 'competency planning is not rated' },
        ]);
      },
    });
    await row('competency', 'explanation').getByTestId('evaluation-rating').selectOptions('B');
    await form.getByTestId('evaluation-submit').click();
    await expect
      .element(form.getByTestId('evaluation-unrated'))
      .toMatchTextContent(`評価していない項目: ${nameOf('planning').ja}`);
    await expect.element(row('competency', 'explanation').getByTestId('evaluation-rating')).toHaveValue('B');
  });

  it("checks the ratings with the server's schema before saving, naming the item whose comment is refused", async () => {
    const { form, row, fake } = await openForm({
      'GET /api/people/:personId/evaluations/:fiscalYear': evaluation(),
      'PUT /api/people/:personId/evaluations/:fiscalYear/first': () =>
        evaluation({ status: 'draft', version: 1 }),
    });
    // Only the second item is rated: its comment is the body's first rating, named by its item all the same.
    await row('competency', 'planning').getByTestId('evaluation-rating').selectOptions('A');
    // A NUL character (pasted from another program) cannot be stored: the contract's userText refuses it.
    await row('competency', 'planning').getByTestId('evaluation-comment').fill('段取りが良い\u0000');
    await form.getByTestId('evaluation-save').click();
    const refusal = form.getByTestId('evaluation-error');
    await expect.element(refusal).toMatchTextContent(/入力内容に誤りがあります。/);
    await expect
      .element(refusal.getByRole('listitem'))
      .toMatchTextContent(new RegExp(`^${nameOf('planning').ja}: 保存できない文字`));
    expect(sent(fake, 'PUT /api/people/:personId/evaluations/:fiscalYear/first')).toEqual([]);
  });

  it('keeps what the 1次 typed when someone saved first (409), and offers the newest version', async () => {
    const { form, row } = await openForm({
      'GET /api/people/:personId/evaluations/:fiscalYear': evaluation(),
      'PUT /api/people/:personId/evaluations/:fiscalYear/first': () => {
        throw new ApiError(409, 'version_conflict', 'stale', 'req-2');
      },
    });
    await row('competency', 'explanation').getByTestId('evaluation-rating').selectOptions('C');
    await row('competency', 'explanation').getByTestId('evaluation-comment').fill('説明に時間がかかる');
    await form.getByTestId('evaluation-save').click();
    await expect.element(form.getByTestId('evaluation-conflict')).toBeVisible();
    await expect.element(form.getByTestId('evaluation-reload')).toBeVisible();
    await expect.element(row('competency', 'explanation').getByTestId('evaluation-rating')).toHaveValue('C');
    await expect
      .element(row('competency', 'explanation').getByTestId('evaluation-comment'))
      .toHaveValue('説明に時間がかかる');
  });

  it('the 2次 sees the 1次 rating, cannot adjust without a reason, and confirms with one', async () => {
    const { fake, form, row } = await openForm({
      'GET /api/people/:personId/evaluations/:fiscalYear': submitted('second'),
      'PUT /api/people/:personId/evaluations/:fiscalYear/second': ({ body }) => ({
        ...submitted('second'),
        version: 3,
        items: submitted('second').items.map((entry) => {
          const adjusted = body.adjustments.find((candidate) => candidate.itemId === entry.itemId);
          return adjusted
            ? {
                ...entry,
                adjustedRating: adjusted.rating,
                adjustReason: adjusted.reason,
                finalRating: adjusted.rating,
              }
            : entry;
        }),
      }),
      'POST /api/people/:personId/evaluations/:fiscalYear/confirm': () => ({
        ...submitted('second'),
        status: 'confirmed',
        version: 4,
        confirmedAt: `${year + 1}-03-01T00:00:00Z`,
        items: submitted('second').items.map((entry) =>
          entry.itemId === 'planning'
            ? { ...entry, adjustedRating: 'B', adjustReason: '課内の他の職員との均衡', finalRating: 'B' }
            : entry,
        ),
      }),
    });
    const planning = row('competency', 'planning');
    await expect
      .element(planning.getByTestId('evaluation-first-rating'))
      .toHaveTextContent('1次評価: A（優秀）');
    await planning.getByTestId('evaluation-adjust').selectOptions('B');
    await form.getByTestId('evaluation-confirm').click();
    await expect
      .element(form.getByTestId('evaluation-reasons'))
      .toHaveTextContent('調整した項目には理由が必要です。');
    expect(sent(fake, 'PUT /api/people/:personId/evaluations/:fiscalYear/second')).toEqual([]);

    await planning.getByTestId('evaluation-reason').fill('課内の他の職員との均衡');
    await form.getByTestId('evaluation-confirm').click();
    await expect.element(form.getByTestId('evaluation-notice')).toHaveTextContent('評価を確定しました。');
    expect(sent(fake, 'PUT /api/people/:personId/evaluations/:fiscalYear/second')).toEqual([
      {
        version: 2,
        adjustments: [
          { kind: 'competency', itemId: 'planning', rating: 'B', reason: '課内の他の職員との均衡' },
        ],
      },
    ]);
    expect(sent(fake, 'POST /api/people/:personId/evaluations/:fiscalYear/confirm')).toEqual([
      { version: 3 },
    ]);
    // Confirmed: read only, the adjustment beside the 1次's rating.
    await expect.element(form.getByTestId('evaluation-read-only')).toMatchTextContent('確定しています');
    await expect
      .element(planning.getByTestId('evaluation-final'))
      .toHaveTextContent('最終評価: B（標準）（A（優秀） から調整）');
    expect(form.getByTestId('evaluation-adjust').query()).toBeNull();
    expect(form.getByTestId('evaluation-confirm').query()).toBeNull();
  });

  it('a confirmed evaluation opens read only, even for its 1次', async () => {
    const { form } = await openForm({
      'GET /api/people/:personId/evaluations/:fiscalYear': { ...submitted('first'), status: 'confirmed' },
    });
    await expect.element(form.getByTestId('evaluation-read-only')).toBeVisible();
    expect(form.getByTestId('evaluation-rating').query()).toBeNull();
    expect(form.getByTestId('evaluation-save').query()).toBeNull();
    expect(form.element().querySelectorAll('select, textarea')).toHaveLength(0);
  });

  it('shows the confirmed result on the 期末面談 record, and only where it stands before that', async () => {
    const confirmed = {
      ...submitted('self'),
      status: 'confirmed' as const,
      confirmedAt: `${year + 1}-03-01T00:00:00Z`,
    };
    const fake = fakeApi({ ...context, 'GET /api/people/:personId/evaluations/:fiscalYear': confirmed });
    const { screen } = await renderTab(<InterviewRecordView api={fake.api} id="iv-1" />);
    const result = screen.getByTestId('evaluation-result');
    await expect
      .element(result.getByTestId('evaluation-result-competency-planning'))
      .toMatchTextContent(`${nameOf('planning').ja} — A（優秀）`);
    await screen.unmount();

    const waiting = fakeApi({
      ...context,
      'GET /api/people/:personId/evaluations/:fiscalYear': { ...submitted('self'), items: [] },
    });
    const second = await renderTab(<InterviewRecordView api={waiting.api} id="iv-1" />);
    await expect
      .element(second.screen.getByTestId('evaluation-result-pending'))
      .toMatchTextContent('提出済み（2次評価待ち）');
    expect(second.screen.getByTestId('evaluation-result-confirmed').query()).toBeNull();
  });

  it('fits 360 px in English and passes axe in the dark theme, the 2次 form and its context stacked', async () => {
    await page.viewport(360, 780);
    try {
      const { screen, row } = await openForm(
        { 'GET /api/people/:personId/evaluations/:fiscalYear': submitted('second') },
        { language: 'en', dark: true },
      );
      await row('competency', 'planning').getByTestId('evaluation-adjust').selectOptions('B');
      await expect.element(row('competency', 'planning')).toMatchTextContent('Reason for the adjustment');
      await expect.element(screen.getByTestId('evaluation-context')).toMatchTextContent('Interview notes');
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.getByTestId('evaluation').element())).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
