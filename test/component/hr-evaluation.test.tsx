// HR's 人事評価 section (#/hr/evaluation, docs/evaluation.md "In the tab"): the year, the CSV for the 人事給与
// system in either encoding, the evaluators HR names, and the 評価者研修 records.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { EvaluatorOverrideRow, EvaluatorTrainingRow } from '../../src/evaluation/evaluation.contract.ts';
import type { PersonSummary } from '../../src/people/people.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import EvaluationSection from '../../tab/src/hr/sections/evaluation-section.tsx';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { seriousViolations } from './support/axe.ts';
import { framework } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const fiscalYear = halfPeriodAt(new Date()).fiscalYear;
const staff: PersonSummary[] = [
  { id: 'person-a', displayName: '吉田 花子', department: '市民課', jobTitle: '主事', levelId: 'shuji' },
  { id: 'kacho-b', displayName: '佐藤 一郎', department: '保育課', jobTitle: '課長', levelId: 'kacho' },
  { id: 'bucho-c', displayName: '高橋 次郎', department: '健康福祉部', jobTitle: '部長', levelId: 'bucho' },
];
const evaluator = (id: string, displayName: string, overridden: boolean) => ({
  id,
  displayName,
  trained: true,
  overridden,
});
const named: EvaluatorOverrideRow = {
  personId: 'person-d',
  person: { id: 'person-d', displayName: '中村 三郎' },
  fiscalYear,
  firstEvaluator: evaluator('kacho-b', '佐藤 一郎', true),
  secondEvaluator: evaluator('bucho-e', '伊藤 四郎', false),
  version: 3,
};
const training: EvaluatorTrainingRow = {
  personId: 'kacho-b',
  person: { id: 'kacho-b', displayName: '佐藤 一郎' },
  fiscalYear,
  completed: true,
  recordedAt: `${fiscalYear}-05-20T01:00:00.000Z`,
};

async function mount(answers: Answers = {}, language: Language = 'ja', dark = false) {
  const fake = fakeApi({
    'GET /api/hr/evaluations/:fiscalYear/evaluators': [named],
    'GET /api/hr/evaluations/:fiscalYear/trainings': [training],
    'GET /api/people': ({ query }) =>
      staff.filter((person) => person.displayName.includes(String(query?.search ?? ''))),
    ...answers,
  });
  // The CSV buttons fetch a file through the client: the paths they ask for are what the server sees.
  const files: string[] = [];
  Object.assign(fake.api, {
    file: async (path: string) => {
      files.push(path);
      return new Blob(['\uFEFF職員番号\n'], { type: 'text/csv' });
    },
  });
  const ui = <EvaluationSection api={fake.api} base={{ me: {} as never, framework }} rest={[]} />;
  const { screen, queryClient } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui,
    { language },
  );
  return { screen, queryClient, received: fake.received, files };
}

type Screen = Awaited<ReturnType<typeof mount>>['screen'];

/** Types part of a name into a picker and takes the person it finds. */
async function pick(screen: Screen, picker: string, name: string, personId: string) {
  await screen.getByTestId(`${picker}-search`).fill(name);
  await screen.getByTestId(picker).getByTestId(`person-option-${personId}`).click();
  await expect.element(screen.getByTestId(`${picker}-chosen`)).toBeVisible();
}

describe('HR: the 人事評価 section', () => {
  it('lists the year’s overrides and 評価者研修 records, and follows the year picked', async () => {
    const { screen, received } = await mount();
    await expect
      .poll(() => screen.getByTestId('hr-evaluation-override-person-d').query()?.textContent ?? '')
      .toBe('中村 三郎佐藤 一郎（報告系統どおり）指定を解除');
    await expect
      .poll(() => screen.getByTestId('hr-evaluation-training-kacho-b').query()?.textContent ?? '')
      .toMatch(/^佐藤 一郎修了\S+/);
    await screen.getByRole('combobox', { name: '年度' }).selectOptions(String(fiscalYear - 1));
    await expect
      .poll(() =>
        received
          .filter((request) => request.key.startsWith('GET /api/hr/evaluations/'))
          .map((request) => request.params.fiscalYear),
      )
      .toEqual([String(fiscalYear), String(fiscalYear), String(fiscalYear - 1), String(fiscalYear - 1)]);
  });

  it('downloads the CSV of the year picked in UTF-8 with BOM or Shift_JIS', async () => {
    const { screen, files } = await mount();
    await screen.getByTestId('csv-evaluations-utf8').click();
    await expect
      .poll(() => files)
      .toEqual([`/api/hr/evaluations.csv?fiscalYear=${fiscalYear}&encoding=utf-8`]);
    await screen.getByRole('combobox', { name: '年度' }).selectOptions(String(fiscalYear - 1));
    await screen.getByTestId('csv-evaluations-sjis').click();
    await expect
      .poll(() => files.at(-1))
      .toBe(`/api/hr/evaluations.csv?fiscalYear=${fiscalYear - 1}&encoding=shift_jis`);
  });

  it('names an evaluator with the picker (version 0 for a new person) and removes one with the row’s version', async () => {
    const { screen, received } = await mount({
      'PUT /api/hr/evaluations/:fiscalYear/evaluators/:personId': ({ params, body }) => ({
        personId: params.personId,
        fiscalYear,
        firstEvaluator: null,
        secondEvaluator: null,
        version: body.version + 1,
      }),
    });
    const puts = () =>
      received.filter(
        (request) => request.key === 'PUT /api/hr/evaluations/:fiscalYear/evaluators/:personId',
      );
    await expect.element(screen.getByTestId('hr-evaluation-override-person-d')).toBeVisible();
    await expect.element(screen.getByTestId('hr-evaluation-override-save')).toBeDisabled();
    await pick(screen, 'hr-evaluation-override-person', '吉田', 'person-a');
    await pick(screen, 'hr-evaluation-override-second', '高橋', 'bucho-c');
    await screen.getByTestId('hr-evaluation-override-save').click();
    await expect.poll(() => puts().length).toBe(1);
    expect(puts()[0]).toMatchObject({
      params: { fiscalYear: String(fiscalYear), personId: 'person-a' },
      body: { version: 0, firstEvaluatorId: null, secondEvaluatorId: 'bucho-c' },
    });
    // Saved: the pickers are empty again for the next person.
    await expect.element(screen.getByTestId('hr-evaluation-override-person-search')).toHaveValue('');

    await screen.getByRole('button', { name: '指定を解除: 中村 三郎' }).click();
    await expect.poll(() => puts().length).toBe(2);
    expect(puts()[1]).toMatchObject({
      params: { fiscalYear: String(fiscalYear), personId: 'person-d' },
      body: { version: 3, firstEvaluatorId: null, secondEvaluatorId: null },
    });
  });

  it('keeps what was picked on a version conflict, says so, and saves with the latest version', async () => {
    let rows = [named];
    let refuse = true;
    const { screen, received } = await mount({
      'GET /api/hr/evaluations/:fiscalYear/evaluators': () => rows,
      'PUT /api/hr/evaluations/:fiscalYear/evaluators/:personId': ({ params, body }) => {
        if (refuse) throw new ApiError(409, 'version_conflict', 'stale', 'req-1');
        return {
          personId: params.personId,
          fiscalYear,
          firstEvaluator: null,
          secondEvaluator: null,
          version: body.version + 1,
        };
      },
    });
    await expect.element(screen.getByTestId('hr-evaluation-override-person-d')).toBeVisible();
    await pick(screen, 'hr-evaluation-override-person', '吉田', 'person-a');
    await pick(screen, 'hr-evaluation-override-first', '佐藤', 'kacho-b');
    // Meanwhile another HR officer named someone for 吉田 (version 1).
    rows = [
      named,
      {
        ...named,
        personId: 'person-a',
        person: { id: 'person-a', displayName: '吉田 花子' },
        firstEvaluator: evaluator('bucho-c', '高橋 次郎', true),
        version: 1,
      },
    ];
    await screen.getByTestId('hr-evaluation-override-save').click();
    const text = (testId: string) => () => screen.getByTestId(testId).query()?.textContent ?? '';
    await expect
      .poll(text('hr-evaluation-override-stale'))
      .toContain('ほかの担当者が先にこの職員の評価者を変更しました。選んだ内容は残っています。');
    expect(text('hr-evaluation-override-person-chosen')()).toContain('吉田 花子');
    expect(text('hr-evaluation-override-first-chosen')()).toContain('佐藤 一郎');

    refuse = false;
    await screen.getByRole('button', { name: '最新を読み込む' }).click();
    await expect.element(screen.getByTestId('hr-evaluation-override-person-a')).toBeVisible();
    await expect.element(screen.getByTestId('hr-evaluation-override-stale')).not.toBeInTheDocument();
    await screen.getByTestId('hr-evaluation-override-save').click();
    const puts = () =>
      received.filter(
        (request) => request.key === 'PUT /api/hr/evaluations/:fiscalYear/evaluators/:personId',
      );
    await expect.poll(() => puts().length).toBe(2);
    expect(puts().map((request) => request.body)).toEqual([
      { version: 0, firstEvaluatorId: 'kacho-b', secondEvaluatorId: null },
      { version: 1, firstEvaluatorId: 'kacho-b', secondEvaluatorId: null },
    ]);
  });

  it('records a 評価者研修 for the evaluator picked, completed or not', async () => {
    const { screen, received } = await mount({
      'PUT /api/hr/evaluations/:fiscalYear/trainings/:personId': ({ params, body }) => ({
        personId: params.personId,
        fiscalYear,
        completed: body.completed,
      }),
    });
    await expect.element(screen.getByTestId('hr-evaluation-training-kacho-b')).toBeVisible();
    await expect.element(screen.getByTestId('hr-evaluation-training-record')).toBeDisabled();
    await pick(screen, 'hr-evaluation-training-person', '高橋', 'bucho-c');
    await screen.getByRole('checkbox', { name: '修了' }).click();
    await screen.getByTestId('hr-evaluation-training-record').click();
    await expect
      .poll(() =>
        received.filter(
          (request) => request.key === 'PUT /api/hr/evaluations/:fiscalYear/trainings/:personId',
        ),
      )
      .toMatchObject([
        { params: { fiscalYear: String(fiscalYear), personId: 'bucho-c' }, body: { completed: false } },
      ]);
  });

  for (const [language, dark] of [
    ['ja', false],
    ['en', true],
  ] as const) {
    it(`fits 360 px and passes axe (${language}${dark ? ', dark theme' : ''})`, async () => {
      await page.viewport(360, 780);
      try {
        const { screen } = await mount({}, language, dark);
        await expect.element(screen.getByTestId('hr-evaluation-override-person-d')).toBeVisible();
        await expect.element(screen.getByTestId('hr-evaluation-training-kacho-b')).toBeVisible();
        await expectNoSidewaysScroll();
        expect(await seriousViolations(screen.container)).toEqual([]);
      } finally {
        await page.viewport(414, 896);
      }
    });
  }
});
