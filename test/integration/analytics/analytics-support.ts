import { randomUUID } from 'node:crypto';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import type { ApiAnswer } from '../../support/api-caller.ts';
import type { TestServer } from '../../support/test-server.ts';
import { officeWindow } from '../../support/waiting.ts';
import { courseBody, sessionBody, until, type Person } from '../training/training-support.ts';

type Call = (as: { id: string }, method: string, path: string, body?: unknown) => Promise<ApiAnswer>;

function expectStatus(answer: ApiAnswer, status: number, what: string): ApiAnswer {
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

/** A self-check of the current half, every item of the person's level rated `rating`, submitted. */
export async function submitSelfCheck(call: Call, person: Person, rating: number): Promise<void> {
  const period = halfPeriodAt(new Date()).id;
  const blank = expectStatus(await call(person, 'GET', `/api/people/me/self-checks/${period}`), 200, 'read');
  const items = blank.body.items as Array<{ competencyId: string }>;
  const saved = expectStatus(
    await call(person, 'PUT', `/api/people/me/self-checks/${period}`, {
      version: blank.body.version,
      ratings: Object.fromEntries(items.map((item) => [item.competencyId, { rating, evidence: '' }])),
      reflections: {},
    }),
    200,
    'save self-check',
  );
  expectStatus(
    await call(person, 'POST', `/api/people/me/self-checks/${period}/submit`, {
      version: saved.body.version,
    }),
    200,
    'submit self-check',
  );
}

export async function setGoal(call: Call, person: Person): Promise<void> {
  const { fiscalYear } = halfPeriodAt(new Date());
  expectStatus(
    await call(person, 'POST', '/api/people/me/goals', {
      fiscalYear,
      title: '窓口の待ち時間を短縮する',
      successCriteria: '',
      dueDate: `${fiscalYear + 1}-03-31`,
      competencyIds: [],
      guidelineIds: [],
      idempotencyKey: randomUUID(),
    }),
    201,
    'set goal',
  );
}

/** The supervisor books goal-setting interviews for these direct reports through the API. */
export async function bookGoalInterviews(
  call: Call,
  supervisor: Person,
  reports: Person[],
): Promise<string[]> {
  const window = officeWindow(10);
  const settings = { durationMinutes: 30, bufferMinutes: 10, minimumNoticeMinutes: 60 };
  const plan = expectStatus(
    await call(supervisor, 'POST', '/api/interviews/plan', {
      personIds: reports.map((person) => person.id),
      type: 'goalSetting',
      ...window,
      ...settings,
    }),
    200,
    'plan interviews',
  );
  const slots = plan.body.slots as Array<{ personId: string; start: string; end: string }>;
  const booked = expectStatus(
    await call(supervisor, 'POST', '/api/interviews/bookings', {
      idempotencyKey: randomUUID(),
      type: 'goalSetting',
      plan: { ...window, ...settings },
      slots: slots.map(({ personId, start, end }) => ({ personId, start, end })),
    }),
    202,
    'book interviews',
  );
  return (booked.body.interviews as Array<{ id: string }>).map((interview) => interview.id);
}

export interface SeededSession {
  course: CourseView;
  session: SessionView;
}

/**
 * A course and a session HR scheduled, everyone in `people` applied and confirmed; the session is then
 * moved into the past (the API refuses past times) and the `attended` ones are marked as attending.
 */
export async function heldSession(
  server: TestServer,
  call: Call,
  hr: Person,
  people: Person[],
  attended: Person[],
  title: string,
): Promise<SeededSession> {
  const course = expectStatus(
    await call(
      hr,
      'POST',
      '/api/training/courses',
      courseBody({ title: { ja: title, en: `${title} (en)` } }),
    ),
    201,
    'create course',
  ).body as unknown as CourseView;
  const session = expectStatus(
    await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 20 })),
    201,
    'create session',
  ).body as unknown as SessionView;
  const enrolments = new Map<string, EnrolmentView>();
  for (const person of people) {
    const applied = expectStatus(
      await call(person, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' }),
      201,
      'apply',
    ).body as unknown as EnrolmentView;
    expectStatus(
      await call(hr, 'POST', `/api/training/enrolments/${applied.id}/confirm`, { version: 1 }),
      200,
      'confirm',
    );
    enrolments.set(person.id, applied);
  }
  await server.database.query(
    `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
    [session.id],
  );
  for (const person of attended) {
    expectStatus(
      await call(hr, 'POST', `/api/training/enrolments/${enrolments.get(person.id)!.id}/attendance`, {
        version: 2,
      }),
      200,
      'attendance',
    );
  }
  return { course, session };
}

export async function submitReport(
  call: Call,
  server: TestServer,
  person: Person,
  sessionId: string,
  wanted: { text: string; courseIds: string[] },
): Promise<void> {
  expectStatus(
    await call(person, 'POST', `/api/reports/sessions/${sessionId}/submit`, {
      submissionId: `test-${randomUUID()}`,
      learned: '会議の目的を最初に共有すると議論がまとまる。',
      application: '係の定例会議で使う。',
      competencyIds: [server.framework.competencies[0]!.id],
      guidelineIds: [],
      satisfaction: 4,
      wantedText: wanted.text,
      wantedCourseIds: wanted.courseIds,
    }),
    200,
    'submit report',
  );
}

export { until };
