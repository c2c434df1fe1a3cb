// 部下の研修: a supervisor opens a subordinate's reported training, reads the report and comments on it.
// What was typed stays until the server has stored it; a retry after a failure is the same comment (same
// request id), and a comment form the server says was used already keeps the text for a new one.
import { describe, expect, it } from 'vitest';
import type { ReportComment, SupervisorReport } from '../../src/reports/report.contract.ts';
import type { EnrolmentView } from '../../src/training/training.contract.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import messages from '../../tab/src/training/messages.ts';
import { TeamTraining } from '../../tab/src/training/team-training.tsx';
import { enrolmentView, framework } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';

// The training view registers its texts when it loads; the list is rendered here on its own.
registerBundle('training', messages);

const PERSON = '11111111-1111-4111-8111-111111111111';
const SESSION = '22222222-2222-4222-8222-222222222222';
const REPORT = '33333333-3333-4333-8333-333333333333';
const competency = framework.competencies[0]!;

const enrolment = (status: EnrolmentView['status'], id: string): EnrolmentView =>
  enrolmentView({
    id,
    sessionId: SESSION,
    courseId: '44444444-4444-4444-8444-444444444444',
    courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
    category: 'specialist',
    start: '2026-11-10T01:00:00.000Z',
    end: '2026-11-10T03:00:00.000Z',
    personId: PERSON,
    personName: '吉田 花子',
    status,
    version: 3,
    updatedAt: '2026-11-10T05:00:00.000Z',
  });

const report: SupervisorReport = {
  reportId: REPORT,
  sessionId: SESSION,
  personId: PERSON,
  personName: '吉田 花子',
  courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
  start: '2026-11-10T01:00:00.000Z',
  end: '2026-11-10T03:00:00.000Z',
  submittedAt: '2026-11-11T00:00:00.000Z',
  learned: '会議の目的を最初に共有すると議論がまとまる。',
  application: '係の定例会議で、冒頭に目的を確認する。',
  competencyIds: [competency.id],
  guidelineIds: [],
  comments: [],
};

const stored = (text: string): ReportComment => ({
  id: '55555555-5555-4555-8555-555555555555',
  reportId: REPORT,
  authorId: 'me',
  authorName: '上司 太郎',
  text,
  createdAt: '2026-11-12T00:00:00.000Z',
});

async function openReport(extra: Answers) {
  const fake = fakeApi({
    'GET /api/team': { period: '2026-H2', fiscalYear: 2026, members: [] },
    'GET /api/training/sessions': [],
    'GET /api/training/team': [enrolment('reported', 'e-reported'), enrolment('confirmed', 'e-confirmed')],
    'GET /api/reports/people/:personId/sessions/:sessionId': report,
    ...extra,
  });
  const { screen } = await renderTab(<TeamTraining api={fake.api} framework={framework} />);
  const row = screen.getByTestId('team-enrolment-e-reported');
  await expect.element(row).toBeVisible();
  // Only a reported training has a report to open.
  await expect
    .element(screen.getByTestId('team-enrolment-e-confirmed').getByTestId('team-report-toggle'))
    .not.toBeInTheDocument();
  const toggle = row.getByTestId('team-report-toggle');
  await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');
  return { row, fake };
}

describe('a subordinate’s training report in 部下の研修', () => {
  it('opens the report from the row, with what they learned and what it strengthened', async () => {
    const { row, fake } = await openReport({});
    await expect.element(row.getByTestId('team-report-learned')).toHaveTextContent(report.learned);
    await expect.element(row.getByTestId('team-report-application')).toHaveTextContent(report.application);
    await expect.element(row.getByText(competency.name.ja)).toBeVisible();
    expect(fake.received.find((request) => request.key.includes('/api/reports/people'))?.params).toEqual({
      personId: PERSON,
      sessionId: SESSION,
    });
  });

  it('keeps the comment after a failure, sends the same comment again, then clears the box and lists it', async () => {
    let calls = 0;
    const { row, fake } = await openReport({
      'POST /api/reports/:reportId/comments': ({ body }) => {
        calls += 1;
        if (calls === 1) throw new ApiError(503, 'unavailable', 'Service unavailable', 'request-1');
        return stored(body.text);
      },
    });
    const box = row.getByTestId('team-report-comment');
    await box.fill('定例会議で試した結果を教えてください。');
    await row.getByTestId('team-report-send').click();
    await expect.element(row.getByTestId('team-report-error')).toBeVisible();
    await expect.element(box).toHaveValue('定例会議で試した結果を教えてください。');

    await row.getByTestId('team-report-send').click();
    await expect
      .element(row.getByTestId('team-report-status'))
      .toHaveTextContent('コメントを送りました。吉田 花子 さんに Teams でお知らせします。');
    await expect.element(box).toHaveValue('');
    await expect
      .element(row.getByTestId('team-report-comments').getByText('定例会議で試した結果を教えてください。'))
      .toBeVisible();
    const posts = fake.received.filter((request) => request.key === 'POST /api/reports/:reportId/comments');
    expect(posts.map((request) => request.params)).toEqual([{ reportId: REPORT }, { reportId: REPORT }]);
    const ids = posts.map((request) => (request.body as { requestId: string }).requestId);
    expect(ids[0]).toBe(ids[1]);
  });

  it('says when the comment form was used already, keeping the text to send as a new comment', async () => {
    let calls = 0;
    const { row, fake } = await openReport({
      'POST /api/reports/:reportId/comments': ({ body }) => {
        calls += 1;
        if (calls === 1) throw new ApiError(409, 'conflict', 'This comment form was already used', 'r-2');
        return stored(body.text);
      },
    });
    const box = row.getByTestId('team-report-comment');
    await box.fill('ありがとう。');
    await row.getByTestId('team-report-send').click();
    const conflict = row.getByTestId('team-report-conflict');
    await expect.element(conflict).toBeVisible();
    await expect.element(box).toHaveValue('ありがとう。');
    await expect.element(row.getByTestId('team-report-send')).toBeDisabled();
    await conflict.getByRole('button').click();
    await row.getByTestId('team-report-send').click();
    await expect
      .element(row.getByTestId('team-report-status'))
      .toHaveTextContent('コメントを送りました。吉田 花子 さんに Teams でお知らせします。');
    const ids = fake.received
      .filter((request) => request.key === 'POST /api/reports/:reportId/comments')
      .map((request) => (request.body as { requestId: string }).requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
