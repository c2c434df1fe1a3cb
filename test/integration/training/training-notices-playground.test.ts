// Issue 19 ③ end to end in local mode with Microsoft 365 Agents Playground as the Teams client: HR's 受講案内
// and the personal status notices (推薦, confirmation) reach the person's 1:1 chat through the bot outbox,
// as cards with a link into the tab, and the delivery report counts the announcement as sent.
//
// Notices wait for office hours: the server's clock stands in them (now if the office is open, else an
// hour after the next opening).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOfficeOpen, nextOfficeTime } from '../../../src/jobs/office-hours.ts';
import { playgroundStandIns } from '../../../src/dev/playground-identities.ts';
import type { Announcement, DeliveryReport } from '../../../src/training/announcement.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startPlayground, type Playground, type PlaygroundMessage } from '../../support/playground.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, sessionBody, until, type Person } from './training-support.ts';
import { shiftedClock } from '../../support/shifted-clock.ts';

const cardText = (message: PlaygroundMessage) => JSON.stringify(message.attachments.map((a) => a.content));

function officeOpenInstant(): number {
  const now = Date.now();
  return isOfficeOpen(now) ? now : nextOfficeTime(now).getTime() + 60 * 60 * 1000;
}

describe('training notices through Agents Playground (local mode)', () => {
  let server: TestServer;
  let playground: Playground;
  let member: Person;
  let supervisor: Person;
  let hr: Person;
  let session: SessionView;
  const clock = shiftedClock(officeOpenInstant() - Date.now());
  const call = apiCaller(() => server);
  const inChat = (text: string) => (message: PlaygroundMessage) =>
    message.conversationId === playground.config.personalChat.id && cardText(message).includes(text);

  beforeAll(async () => {
    server = await startTestServer({ clock });
    playground = await startPlayground(`${server.url}/api/messages`);
    [member, supervisor] = playgroundStandIns(server.emulator.people) as [Person, Person];
    // The app installed in a team is where the outbox learns the serviceUrl to open 1:1 chats from.
    await playground.installInTeam(playground.config.teams[0]!.id);
    await until('the installation to be recorded', async () =>
      (await server.database.query('SELECT 1 FROM team_installations')).length > 0 ? true : undefined,
    );
    hr = server.emulator.people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    const course = (
      await call(
        hr,
        'POST',
        '/api/training/courses',
        courseBody({ title: { ja: '説明力向上研修', en: 'Explaining well' } }),
      )
    ).body as unknown as CourseView;
    session = (
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 5 }))
    ).body as unknown as SessionView;
  }, 90_000);
  afterAll(async () => {
    await playground?.stop();
    await server?.stop();
  });

  it('delivers the 受講案内 to the person’s 1:1 chat with a link into the tab, and the report counts it sent', async () => {
    const answer = await call(hr, 'POST', `/api/training/sessions/${session.id}/announcements`, {
      version: session.version,
      audience: { kind: 'chosen', levelIds: [member.levelId], departments: [member.department] },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const announcement = answer.body as unknown as Announcement;
    const card = await playground.waitForMessage(inChat('受講案内'), 60_000);
    expect(cardText(card)).toContain('説明力向上研修');
    expect(cardText(card)).toContain('Action.OpenUrl');
    expect(cardText(card)).toContain(encodeURIComponent(`training/announced/${announcement.id}`));
    const report = await until('the report to count it sent', async () => {
      const current = (await call(hr, 'GET', `/api/training/announcements/${announcement.id}`))
        .body as unknown as DeliveryReport;
      return current.counts.sent >= 1 ? current : undefined;
    });
    expect(report.failures.map((failure) => failure.personId)).not.toContain(member.id);
  }, 90_000);

  it('tells the person they were recommended, and then that their place is confirmed', async () => {
    const recommended = await call(supervisor, 'POST', `/api/training/sessions/${session.id}/recommend`, {
      personId: member.id,
      reason: '窓口での説明を磨いてほしい',
    });
    expect(recommended.status, JSON.stringify(recommended.body)).toBe(201);
    const notice = await playground.waitForMessage(inChat('研修に推薦されました'), 60_000);
    expect(cardText(notice)).toContain('窓口での説明を磨いてほしい');
    const enrolment = recommended.body as unknown as EnrolmentView;
    const confirmed = await call(hr, 'POST', `/api/training/enrolments/${enrolment.id}/confirm`, {
      version: 1,
    });
    expect(confirmed.body.status).toBe('confirmed');
    const placed = await playground.waitForMessage(inChat('受講が確定しました'), 60_000);
    expect(cardText(placed)).toContain('説明力向上研修');
  }, 90_000);
});
