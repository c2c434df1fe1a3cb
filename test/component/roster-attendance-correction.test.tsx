// HR's roster of a session that took place: someone recorded as attended by mistake is corrected back to
// absent with the enrolment's version (POST …/absent), and the roster is read again.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { EnrolmentView, Roster as RosterAnswer } from '../../src/training/training.contract.ts';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import messages from '../../tab/src/training/messages.ts';
import { Roster } from '../../tab/src/training/roster.tsx';

// The training page registers its words; the roster is rendered here without it.
registerBundle('training', messages);
import { enrolmentView } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const SESSION_ID = '5b0e1f7a-3c1b-4d2e-9f00-000000000009';

const enrolment = (overrides: Partial<EnrolmentView>): EnrolmentView =>
  enrolmentView({
    sessionId: SESSION_ID,
    status: 'attended',
    origin: 'nomination',
    version: 4,
    ...overrides,
  });

const rosterWith = (enrolments: EnrolmentView[]): RosterAnswer => ({
  session: {
    id: SESSION_ID,
    courseId: 'course-1',
    courseTitle: { ja: '接遇研修', en: 'Customer service' },
    date: '2026-11-20',
    startTime: '10:00',
    endTime: '12:00',
    place: '大会議室',
    online: false,
    capacity: 20,
    applicationDeadline: '2026-11-10',
    start: '2026-11-20T01:00:00.000Z',
    end: '2026-11-20T03:00:00.000Z',
    status: 'scheduled',
    cancelReason: null,
    confirmed: 2,
    waitlisted: 0,
    open: false,
    outlook: 'synced',
    outlookError: null,
    webLink: null,
    joinUrl: null,
    noTeamsLink: false,
    version: 3,
  },
  enrolments,
});

describe('the roster of a session that took place', () => {
  it('corrects someone attended back to absent, only them (360 px, dark, axe)', async () => {
    await page.viewport(360, 780);
    try {
      let status: EnrolmentView['status'] = 'attended';
      const fake = fakeApi({
        'GET /api/training/sessions/:sessionId/roster': () =>
          rosterWith([
            enrolment({ status, version: status === 'attended' ? 4 : 5 }),
            enrolment({ id: 'e-2', personId: 'p-2', personName: '小平 二郎', status: 'confirmed' }),
          ]),
        'GET /api/training/sessions/:sessionId/attendance-proposal': { proposal: null },
        'POST /api/training/enrolments/:enrolmentId/absent': () => {
          status = 'confirmed';
          return enrolment({ status, version: 5 });
        },
      });
      const { screen } = await renderTab(
        <FluentProvider theme={teamsDarkTheme}>
          <Roster api={fake.api} sessionId={SESSION_ID} />
        </FluentProvider>,
      );
      const buttons = () => screen.container.querySelectorAll('[data-testid="roster-absent"]');
      await expect.poll(() => buttons().length).toBe(1);
      expect(buttons()[0]!.textContent).toBe('欠席に訂正');
      await screen.getByTestId('roster-absent').click();
      await expect.poll(() => buttons().length).toBe(0);
      const sent = fake.received.filter(
        (entry) => entry.key === 'POST /api/training/enrolments/:enrolmentId/absent',
      );
      expect(sent.map((entry) => [entry.params, entry.body])).toEqual([
        [{ enrolmentId: 'e-1' }, { version: 4 }],
      ]);
      await expectNoSidewaysScroll();
      const results = await axe.run(screen.container, { resultTypes: ['violations'] });
      expect(
        results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => violation.id),
      ).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
