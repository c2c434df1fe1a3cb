// HR's 配置 workspace: the year's 自己申告 filtered, one form read, the CSV, and the roll-ups.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { PlacementItem, PlacementRollUps } from '../../src/growth/placement.contract.ts';
import type { DeclarationResponse } from '../../src/growth/declaration.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import PlacementSection from '../../tab/src/hr/sections/placement-section.tsx';
import { seriousViolations } from './support/axe.ts';
import { framework } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const fiscalYear = halfPeriodAt(new Date()).fiscalYear;
const person = {
  id: 'person-a',
  displayName: '吉田 花子',
  department: '市民課',
  jobTitle: '主事',
  levelId: 'shuji',
  division: '市民部',
  hireDate: '2017-04-01',
};
const item = (overrides: Partial<PlacementItem> = {}): PlacementItem => ({
  ...person,
  status: 'submitted',
  placement: 'transfer',
  wishes: ['保育課'],
  path: 'specialist',
  pathField: '福祉',
  submittedAt: `${fiscalYear}-11-10T01:00:00.000Z`,
  revisedAt: null,
  ...overrides,
});
const declaration: DeclarationResponse = {
  personId: person.id,
  fiscalYear,
  status: 'submitted',
  editable: false,
  revisable: false,
  window: null,
  version: 2,
  placement: 'transfer',
  transferWishes: [{ department: '保育課', reason: '子育て支援の経験を生かしたい' }],
  circumstances: '',
  comment: '',
  reflection: '窓口の待ち時間を半分にした',
  submittedAt: `${fiscalYear}-11-10T01:00:00.000Z`,
  revisedAt: null,
  revisions: 0,
};
const rollUps: PlacementRollUps = {
  fiscalYear,
  transferWishes: [{ department: '保育課', count: 1, people: [{ ...person, rank: 1 }] }],
  careerPaths: { specialist: 1, rotation: 2, undecided: 3, notWritten: 4, fields: [] },
  evaluationPeriod: {
    years: 10,
    people: [
      {
        ...person,
        endsOn: '2027-04-01',
        endsInFiscalYear: fiscalYear + 1,
        path: 'specialist',
        pathField: '',
      },
    ],
  },
  rotation: {
    histogram: [{ divisions: 2, people: 5 }],
    people: [
      { ...person, divisions: ['市民部'], fromRecords: 1, fromCareer: 0 },
      { ...person, id: 'person-b', department: '保育課', divisions: [], fromRecords: 0, fromCareer: 0 },
    ],
  },
};

async function mount(language: Language = 'ja', dark = false) {
  const fake = fakeApi({
    'GET /api/hr/placement/declarations': ({ query }) => ({
      fiscalYear,
      total: query?.status === 'draft' ? 0 : 1,
      items: query?.status === 'draft' ? [] : [item()],
      nextCursor: null,
    }),
    'GET /api/hr/placement/declarations/:fiscalYear/:personId': {
      person,
      career: { path: 'specialist', pathField: '福祉' },
      rotation: { divisions: ['市民部', '健康福祉部'], fromRecords: 1, fromCareer: 1 },
      declaration,
    },
    'GET /api/hr/placement/roll-ups': rollUps,
  });
  const ui = <PlacementSection api={fake.api} base={{ me: {} as never, framework }} rest={[]} />;
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui,
    {
      language,
    },
  );
  return { screen, received: fake.received };
}

describe('HR: the 配置 workspace', () => {
  it('filters the list, opens a form and shows the roll-ups', async () => {
    const { screen, received } = await mount();
    await expect.element(screen.getByTestId('placement-row-person-a')).toBeVisible();
    await expect.element(screen.getByTestId('csv-placement')).toBeVisible();
    await screen.getByTestId('placement-open-person-a').click();
    await expect
      .poll(() => screen.getByTestId('placement-form').query()?.textContent ?? '')
      .toMatch(/資質・貢献度の振り返り窓口の待ち時間を半分にした/);
    await expect
      .poll(() => screen.getByTestId('placement-wished').query()?.textContent ?? '')
      .toMatch(/保育課\s*1\s*吉田 花子（1）/);
    await expect
      .poll(() => screen.getByTestId('placement-paths').query()?.textContent ?? '')
      .toMatch(/専門1幅広2未定3未記入4/);
    await screen.getByTestId('placement-filter-status').selectOptions('draft');
    await expect.element(screen.getByTestId('placement-none')).toBeVisible();
    expect(
      received.filter((request) => request.key === 'GET /api/hr/placement/declarations').at(-1)?.query,
    ).toMatchObject({ fiscalYear: String(fiscalYear), status: 'draft' });
  });

  it('filters by 課 (those the roll-ups count) and level, and lists the 部 the person served in', async () => {
    const { screen, received } = await mount();
    await screen.getByTestId('placement-open-person-a').click();
    await expect
      .poll(() => screen.getByTestId('placement-form-rotation').query()?.textContent ?? '')
      .toBe('市民部健康福祉部');
    expect(screen.getByTestId('placement-form').element().textContent).toContain(
      '人事の発令記録から1部、本人のキャリアデザインから1部',
    );
    await expect
      .poll(() => screen.getByTestId('placement-filter-department').query()?.textContent ?? '')
      .toBe('すべて市民課保育課');
    await screen.getByTestId('placement-filter-department').selectOptions('保育課');
    await screen.getByTestId('placement-filter-level').selectOptions('kakaricho');
    await expect
      .poll(
        () =>
          received.filter((request) => request.key === 'GET /api/hr/placement/declarations').at(-1)?.query,
      )
      .toMatchObject({ fiscalYear: String(fiscalYear), department: '保育課', level: 'kakaricho' });
  });

  it('fits 360 px in English and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount('en', true);
      await expect.element(screen.getByTestId('placement-row-person-a')).toBeVisible();
      await expect.element(screen.getByTestId('placement-rotation')).toBeVisible();
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
