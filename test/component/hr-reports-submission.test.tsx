// HR's report roll-up (研修報告の集計, docs/analytics.md): the submission rate per session marks a 課's
// workplace training (職場研修) and totals the catalog's and the workplace's apart under the whole.
import { describe, expect, it } from 'vitest';
import type { SubmissionReport, WantedReport } from '../../src/analytics/analytics.contract.ts';
import ReportsSection from '../../tab/src/hr/sections/reports-section.tsx';
import { seriousViolations } from './support/axe.ts';
import { framework } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

const session = (
  id: string,
  title: string,
  workplaceDepartment: string | null,
  attended: number,
  submitted: number,
): SubmissionReport['sessions'][number] => ({
  sessionId: id,
  courseId: `course-${id}`,
  courseTitle: { ja: title, en: null },
  workplaceDepartment,
  start: '2026-11-10T01:00:00.000Z',
  end: '2026-11-10T03:00:00.000Z',
  attended,
  submitted,
  rate: attended === 0 ? null : Math.round((submitted / attended) * 1000) / 1000,
});

const submission: SubmissionReport = {
  fiscalYear: 2026,
  sessions: [session('s1', '説明力向上研修', null, 10, 8), session('s2', '転入者研修', '市民課', 4, 1)],
  totals: { attended: 14, submitted: 9, rate: 0.643 },
  byScope: {
    catalog: { attended: 10, submitted: 8, rate: 0.8 },
    workplace: { attended: 4, submitted: 1, rate: 0.25 },
  },
};

const wanted: WantedReport = {
  fiscalYear: 2026,
  minGroupSize: 3,
  respondents: 0,
  courses: [],
  levels: [],
  departments: [],
};

async function mount(language: 'ja' | 'en' = 'ja') {
  const fake = fakeApi({
    'GET /api/hr/reports/submission': submission,
    'GET /api/hr/reports/wanted': wanted,
  });
  const ui = <ReportsSection api={fake.api} base={{ me: {} as never, framework }} rest={[]} />;
  return renderTab(ui, { language });
}

const cells = (row: HTMLTableRowElement) => [...row.cells].map((cell) => cell.textContent ?? '');

describe('HR report roll-up: catalog and workplace training', () => {
  it('marks the 課’s workplace session and totals the catalog and the workplace apart', async () => {
    const { screen } = await mount();
    await expect.element(screen.getByTestId('submission-workplace')).toHaveTextContent('職場研修・市民課');
    const rows = [
      ...screen.getByTestId('hr-reports-submission').element().querySelectorAll('tbody tr'),
    ] as HTMLTableRowElement[];
    const catalogRow = rows.find((row) => row.textContent?.includes('説明力向上研修'))!;
    expect(catalogRow.textContent).not.toContain('職場研修');
    const totals = rows.filter((row) => row.querySelector('th[colspan]'));
    expect(totals.map(cells)).toEqual([
      ['合計', '14', '9', '64%'],
      ['うち研修カタログ', '10', '8', '80%'],
      ['うち職場研修', '4', '1', '25%'],
    ]);
    expect(await seriousViolations(screen.container)).toEqual([]);
  });

  it('says it in English', async () => {
    const { screen } = await mount('en');
    await expect
      .element(screen.getByTestId('submission-workplace'))
      .toHaveTextContent('Workplace training · 市民課');
    await expect
      .element(screen.getByTestId('hr-reports-submission'))
      .toMatchTextContent(/of which workplace training4125%/);
  });
});
