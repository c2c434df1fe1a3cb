// The career design checks what is saved with the server's own schema first (docs/tab-data.md, "Checking
// a form before it is sent"): a posting without its start month is named in the form's words, in the UI
// language, and nothing is sent until it is fixed.
import { describe, expect, it } from 'vitest';
import type { CareerDesignResponse } from '../../src/growth/career.contract.ts';
import CareerView from '../../tab/src/career/career-view.tsx';
import { blankCareerDesign } from '../support/career-fixture.ts';
import { meAt } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

const me = meAt('shuji');

const career: CareerDesignResponse = {
  ...blankCareerDesign,
  personId: me.id,
  editable: true,
  hireDate: '2016-04-01',
  evaluationPeriodEnd: null,
  version: 3,
  rotation: [],
  rotationFromRecords: [],
  updatedAt: '2026-05-01T00:00:00.000Z',
};

async function open(language: 'ja' | 'en') {
  const fake = fakeApi({
    'GET /api/me': me,
    'GET /api/people/:personId/career': career,
    'PUT /api/people/:personId/career': ({ body }) => ({
      ...career,
      ...body,
      rotation: body.rotation.map((entry) => ({ ...entry, inEvaluationPeriod: false, superseded: false })),
      version: career.version + 1,
    }),
    'GET /api/people/:personId/ojt-plan': { personId: me.id, plan: null, canManage: false, canGuide: false },
    'GET /api/ojt/plans': [],
    'GET /api/qualifications/applications': { applications: [] },
    'GET /api/qualifications/approvals': { applications: [] },
  });
  const { screen } = await renderTab(<CareerView api={fake.api} rest={[]} />, { language });
  await expect.element(screen.getByTestId('add-posting')).toBeVisible();
  const puts = () => fake.received.filter((request) => request.key === 'PUT /api/people/:personId/career');
  return { screen, puts };
}

describe('the career design form', () => {
  it('names a posting without its start month before sending, and saves once it has one', async () => {
    const { screen, puts } = await open('ja');
    await screen.getByTestId('add-posting').click();
    await screen.getByTestId('rotation-department').fill('納税課');
    await screen.getByTestId('career-save').click();

    const refusal = screen.getByTestId('career-save-error');
    await expect.element(refusal).toMatchTextContent(/入力内容に誤りがあります。各項目を確認してください。/);
    await expect
      .element(refusal.getByRole('listitem'))
      .toHaveTextContent('ジョブローテーション（職歴） 1行目 開始年月: 入力してください。');
    expect(puts()).toEqual([]);

    await screen.getByTestId('rotation-from').fill('2016-04');
    await screen.getByTestId('career-save').click();
    await expect.element(screen.getByTestId('career-status')).toHaveTextContent('保存しました。');
    expect(puts().map((request) => request.body)).toMatchObject([
      { version: 3, rotation: [{ from: '2016-04', to: null, department: '納税課', duties: '' }] },
    ]);
  });

  it('says it in English for an English Teams', async () => {
    const { screen, puts } = await open('en');
    await screen.getByTestId('add-posting').click();
    await screen.getByTestId('rotation-department').fill('Tax division');
    await screen.getByTestId('career-save').click();
    const refusal = screen.getByTestId('career-save-error');
    await expect.element(refusal).toMatchTextContent(/Some fields need a look before this can be saved\./);
    await expect.element(refusal.getByRole('listitem')).toMatchTextContent(/: Please fill this in\.$/);
    expect(puts()).toEqual([]);
  });
});
