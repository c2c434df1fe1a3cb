// HR's 年度サイクル, 共有先チャネル, 監査ログ and 退職者のデータ削除 sections as a whole, as the tab shows them
// in Teams (the App shell with its navigation): complete in English, fitting Teams mobile's 360 px, and
// passing axe in the default and dark themes. The e2e walks (test/e2e/hr-cycles.test.ts, hr-channels.test.ts,
// hr-audit.test.ts) keep what needs the server and Graph: planning and opening a window, picking a team
// and channel, a conflicting save, the log's entries as the server writes them, an erasure.
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { AuditEntryView } from '../../src/auth/audit.contract.ts';
import type { CycleWindow } from '../../src/cycles/cycle.contract.ts';
import type { ErasureRecordView } from '../../src/privacy/erasure.contract.ts';
import type { ChannelMappingOverview } from '../../src/reports/channel-mapping.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { jstDayOf } from '../../src/shared/japan-time.ts';
import { appAnswers, pageViolations, renderApp, restoreViewportAfterEach } from './support/app.tsx';
import { cyclesOf, HR } from './support/fixtures.ts';
import { expectNoSidewaysScroll } from './support/layout.ts';
import { squeezedCellsIn } from '../support/tables.ts';
import { fakeApi, type Answers } from './support/render.tsx';

const { fiscalYear } = halfPeriodAt(new Date());
const today = jstDayOf(Date.now());
const actor = { id: HR.id, displayName: HR.displayName };

// The goal-setting window HR planned and opened today.
const goalSetting: CycleWindow = {
  id: 'w-goal',
  fiscalYear,
  kind: 'goalSetting',
  state: 'open',
  opensOn: today,
  closesOn: `${fiscalYear + 1}-03-31`,
  openedAt: new Date().toISOString(),
  closedAt: null,
  ended: false,
  version: 2,
  openedBy: actor,
  closedBy: null,
  history: [
    {
      at: new Date().toISOString(),
      action: 'scheduled',
      actor,
      state: 'scheduled',
      opensOn: today,
      closesOn: `${fiscalYear + 1}-03-31`,
    },
    {
      at: new Date().toISOString(),
      action: 'opened',
      actor,
      state: 'open',
      opensOn: today,
      closesOn: `${fiscalYear + 1}-03-31`,
    },
  ],
};

// One team has the app; one 課 shares its reports to a channel of it, another to nothing yet.
const channels: ChannelMappingOverview = {
  teams: [
    {
      teamId: 't-1',
      name: '市民部',
      channels: [
        { id: 'c-1', name: '一般' },
        { id: 'c-2', name: '市民課 研修報告' },
      ],
    },
  ],
  departments: [
    {
      department: '市民課',
      people: 24,
      mapping: {
        teamId: 't-1',
        teamName: '市民部',
        channelId: 'c-2',
        channelName: '市民課 研修報告',
        version: 1,
        unavailable: false,
      },
    },
    { department: '保険年金課', people: 18, mapping: null },
  ],
};

// The log: a dashboard read (a resource key the log puts in words), a page view of someone's career, an
// export and an erasure; the page views are set aside until HR asks for them.
const subject = { id: 'p-shunin', displayName: '吉田 花子' };
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const auditEntries: AuditEntryView[] = [
  {
    id: 4,
    occurredAt: at(1),
    actor,
    subject: { id: 'p-left', displayName: null },
    action: 'delete',
    resource: 'personal-data',
    details: { forced: false },
  },
  {
    id: 3,
    occurredAt: at(2),
    actor,
    subject: null,
    action: 'read',
    resource: 'analytics.dashboards.completion',
    details: { groupBy: 'department' },
  },
  { id: 2, occurredAt: at(3), actor, subject: null, action: 'export', resource: 'audit-log', details: {} },
  { id: 1, occurredAt: at(4), actor, subject, action: 'read', resource: 'career', details: {} },
];
const erasure: ErasureRecordView = {
  id: 'e-1',
  personId: 'p-left',
  displayName: '退職 花子',
  erasedBy: actor,
  erasedAt: at(1),
  forced: false,
  reason: null,
  deletes: { 'career_designs.person_id': 1 },
  detaches: {},
};

const answers: Answers = appAnswers(HR, {
  // The 職員・職層 section, where the HR page opens.
  'GET /api/hr/people': {
    today,
    page: 1,
    pageSize: 50,
    total: 0,
    people: [],
    headcount: { staff: 0, notCounted: 0 },
    departments: [],
  },
  'GET /api/hr/people/disagreements': { people: [] },
  'GET /api/hr/people/sync': { lastSync: null, requestedAt: null, pending: false },
  'GET /api/cycles': cyclesOf(fiscalYear, [goalSetting], today),
  'GET /api/reports/channel-mappings': channels,
  'GET /api/hr/audit': ({ query }) => ({
    entries:
      query?.views === 'include' ? auditEntries : auditEntries.filter(({ action }) => action !== 'read'),
    nextCursor: null,
  }),
  'GET /api/hr/erasures': [erasure],
});

/** The HR page in English, at one of its sections. */
async function openSection(section: 'cycles' | 'channels' | 'audit') {
  const fake = fakeApi(answers);
  const app = await renderApp(fake, { hash: '#/hr', language: 'en' });
  await page.getByTestId(`hr-tab-${section}`).click();
  return { fake, app };
}

describe("HR's cycles, channels, audit and erasure sections in the tab", () => {
  restoreViewportAfterEach();

  it('fits the cycles section at 360 px in English, and passes axe there and in the dark theme', async () => {
    await page.viewport(360, 780);
    const { fake, app } = await openSection('cycles');
    await expect.element(page.getByTestId('cycle-goalSetting')).toHaveAttribute('data-state', 'open');
    await expect.element(page.getByTestId('cycle-goalSetting-state')).toMatchTextContent(/^Open$/);
    await expectNoSidewaysScroll();
    expect(await pageViolations()).toEqual([]);
    // The dark theme, switched live as Teams does, at a desktop width.
    await page.viewport(1100, 900);
    await app.setTheme('dark');
    expect(await pageViolations()).toEqual([]);
    expect(fake.missing).toEqual([]);
  });

  it('is complete in English, fits 360 px and passes axe in the dark theme: the channels section', async () => {
    await page.viewport(360, 800);
    const { fake, app } = await openSection('channels');
    await app.setTheme('dark');
    const section = page.getByTestId('hr-section-channels');
    await expect.element(section).toMatchTextContent(/Teams with the app: 1/);
    const text = section.element().textContent ?? '';
    expect(text).toContain('Shared to');
    expect(text).not.toMatch(/共有先|未設定|保存/);
    await expectNoSidewaysScroll();
    expect(await pageViolations()).toEqual([]);
    expect(fake.missing).toEqual([]);
  });

  it('is complete in English, fits 360 px and passes axe in the dark theme: the audit log and erasure', async () => {
    await page.viewport(360, 780);
    const { fake, app } = await openSection('audit');
    await app.setTheme('dark');
    const log = page.getByTestId('hr-audit-log');
    await expect.element(log).toMatchTextContent(/Audit log/);
    expect(log.element().querySelector('h2')?.textContent).toBe('Audit log');
    // The page views, set aside until asked for.
    await expect.element(page.getByTestId('hr-audit-views-hidden')).toBeVisible();
    await page.getByTestId('hr-audit-include-views').click();
    await page.getByTestId('hr-audit-apply').click();
    await expect.element(page.getByTestId('hr-audit-views-hidden')).not.toBeInTheDocument();
    await expect.element(log).toMatchTextContent(/Dashboard: completion/);
    expect(page.getByTestId('hr-audit-row').first().element().textContent).toMatch(/Deleted|Viewed|Exported/);
    await expectNoSidewaysScroll();
    // The table scrolls in its frame; no column is squeezed to one character per line.
    expect(squeezedCellsIn(log.element())).toEqual([]);
    expect(await pageViolations()).toEqual([]);

    await page.getByTestId('hr-tab-erasure').click();
    const erase = page.getByTestId('hr-erase');
    await expect.element(erase).toMatchTextContent(/Erase a leaver’s data/);
    expect(erase.element().querySelector('h2')?.textContent).toBe('Erase a leaver’s data');
    await expect.element(page.getByTestId('hr-erase-records')).toMatchTextContent(/退職 花子/);
    await expectNoSidewaysScroll();
    expect(await pageViolations()).toEqual([]);
    expect(fake.missing).toEqual([]);
  });
});
