// 育成の取り組み: a supervisor's own page of what they did to develop their people this fiscal year, beside
// their level's role bullets; and the same page of someone below the caller, reached from the team view.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { DevelopmentPage, DevelopmentRollUp } from '../../src/growth/development.contract.ts';
import DevelopmentSection from '../../tab/src/hr/sections/development-section.tsx';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { DevelopmentView } from '../../tab/src/team/development-view.tsx';
import { seriousViolations } from './support/axe.ts';
import { framework } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const fiscalYear = halfPeriodAt(new Date()).fiscalYear;
const kakaricho = framework.levels.find((level) => level.id === 'kakaricho')!;
const zero = {
  goalComments: 0,
  selfCheckComments: 0,
  interviews: 0,
  oneOnOnes: 0,
  recommendations: 0,
  reportComments: 0,
  ojtGuidance: 0,
};
const development = (year: number): DevelopmentPage => ({
  fiscalYear: year,
  supervisor: {
    id: 'person-kakaricho',
    displayName: '小平 係長',
    department: '市民課',
    jobTitle: '係長',
    levelId: 'kakaricho',
  },
  roles: kakaricho.roles,
  totals: { ...zero, goalComments: 1, selfCheckComments: 2, interviews: 1, oneOnOnes: 3 },
  reports: [
    {
      id: 'person-a',
      displayName: '吉田 花子',
      department: '市民課',
      jobTitle: '主事',
      levelId: 'shuji',
      ...zero,
      goalComments: 1,
      selfCheckComments: 2,
      interviews: 1,
      oneOnOnes: 3,
    },
    {
      id: 'person-b',
      displayName: '山田 一郎',
      department: '市民課',
      jobTitle: '主事',
      levelId: 'shuji',
      ...zero,
    },
  ],
});

async function mount(personId: string, language: Language = 'ja', dark = false, name?: string) {
  const fake = fakeApi({
    'GET /api/framework': framework,
    'GET /api/people/:personId/development': ({ query }) =>
      development(Number(query?.fiscalYear ?? fiscalYear)),
  });
  const ui = <DevelopmentView api={fake.api} personId={personId} name={name} back="#/team" />;
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui,
    {
      language,
    },
  );
  return { screen, received: fake.received };
}

describe('育成の取り組み', () => {
  it('shows the year’s measures, a line per direct report and the 係長 level’s role bullets, in Japanese', async () => {
    const { screen, received } = await mount('me');
    await expect.element(screen.getByRole('heading', { level: 1 })).toHaveTextContent('育成の取り組み');
    await expect
      .element(screen.getByTestId('development-roles'))
      .toMatchTextContent('係長級に求められる役割');
    await expect.element(screen.getByText('部下を指導・育成し、OJTを推進する。')).toBeVisible();
    await expect.element(screen.getByTestId('total-feedback')).toMatchTextContent('3件');
    await expect.element(screen.getByTestId('total-interviews')).toMatchTextContent('1回');
    await expect.element(screen.getByTestId('total-oneOnOnes')).toMatchTextContent('3回');
    await expect
      .element(screen.getByTestId('development-person-person-a'))
      .toMatchTextContent('フィードバック 3件・面談 1回・1on1 3回');
    // Nothing done with someone is said, not hidden.
    await expect
      .element(screen.getByTestId('development-person-person-b'))
      .toMatchTextContent('この年度の取り組みはまだありません。');
    const asked = received.find((request) => request.key === 'GET /api/people/:personId/development');
    expect(asked?.params).toEqual({ personId: 'me' });
    expect(asked?.query).toEqual({ fiscalYear: String(fiscalYear) });
  });

  it('asks again for another fiscal year', async () => {
    const { screen, received } = await mount('me');
    await expect.element(screen.getByTestId('development-page')).toBeVisible();
    await screen.getByRole('combobox').selectOptions(String(fiscalYear - 1));
    await expect
      .poll(() => received.some((request) => Number(request.query?.fiscalYear) === fiscalYear - 1))
      .toBe(true);
  });

  it('titles someone else’s page with their name, fits 360 px in English and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount('person-kakaricho', 'en', true, '小平 係長');
      await expect
        .element(screen.getByRole('heading', { level: 1 }))
        .toHaveTextContent('小平 係長: developing their people');
      await expect.element(screen.getByText('Guide and develop subordinates and promote OJT.')).toBeVisible();
      await expect
        .element(screen.getByTestId('development-person-person-a'))
        .toMatchTextContent('Feedback 3, Interviews 1, 1:1s 3');
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});

const rollUp = (year: number): DevelopmentRollUp => {
  const active = {
    id: 'person-kakaricho',
    displayName: '小平 係長',
    department: '市民課',
    division: '市民部',
    jobTitle: '係長',
    levelId: 'kakaricho',
    directReports: 3,
    ...zero,
    goalComments: 1,
    selfCheckComments: 2,
    interviews: 1,
    ojtGuidance: 4,
  };
  const idle = { ...active, ...zero, id: 'person-idle', displayName: '花小金井 係長', directReports: 2 };
  const group = {
    division: '市民部',
    department: '市民課',
    supervisors: 2,
    inactive: 1,
    directReports: 5,
    ...zero,
    goalComments: 1,
    selfCheckComments: 2,
    interviews: 1,
    ojtGuidance: 4,
  };
  return {
    fiscalYear: year,
    supervisors: [active, idle],
    departments: [group],
    divisions: [{ ...group, department: null }],
    totals: { ...zero, goalComments: 1, selfCheckComments: 2, interviews: 1, ojtGuidance: 4 },
  };
};

async function mountRollUp(language: Language = 'ja', dark = false) {
  const fake = fakeApi({
    'GET /api/hr/development': ({ query }) => rollUp(Number(query?.fiscalYear ?? fiscalYear)),
  });
  const ui = <DevelopmentSection api={fake.api} base={{ me: {} as never, framework }} rest={[]} />;
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui,
    {
      language,
    },
  );
  return { screen, received: fake.received };
}

describe('HR: 育成の取り組み by 部 and 課', () => {
  it('sums the 課 and keeps the supervisor with nothing done in view, with a CSV of the year', async () => {
    const { screen, received } = await mountRollUp();
    const groups = screen.getByTestId('hr-development-groups');
    await expect.element(groups).toBeVisible();
    await expect
      .element(groups.getByRole('row').nth(1))
      .toMatchTextContent(/市民部\s*市民課\s*2\s*1\s*5\s*3\s*1\s*0\s*0\s*0/);
    // The OJT guidance the supervisors logged has its own column, last, in both tables.
    await expect.element(groups.getByRole('columnheader', { name: 'OJTの指導' })).toBeVisible();
    await expect
      .element(groups.getByRole('row').nth(1))
      .toMatchTextContent(/市民部\s*市民課\s*2\s*1\s*5\s*3\s*1\s*0\s*0\s*0\s*4$/);
    await expect
      .element(screen.getByTestId('hr-development-person-kakaricho'))
      .toMatchTextContent(/小平 係長\s*市民課\s*3\s*3\s*1\s*0\s*0\s*0\s*4$/);
    await expect
      .element(screen.getByTestId('hr-development-person-idle'))
      .toMatchTextContent(/花小金井 係長\s*市民課\s*2\s*0\s*0\s*0\s*0\s*0/);
    await expect.element(screen.getByTestId('csv-development')).toBeVisible();
    expect(received.find((request) => request.key === 'GET /api/hr/development')?.query).toEqual({
      fiscalYear: String(fiscalYear),
    });
  });

  it('fits 360 px in English and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mountRollUp('en', true);
      await expect.element(screen.getByText('By division and section')).toBeVisible();
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
