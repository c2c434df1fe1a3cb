import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessPolicy } from '../../../src/auth/access.ts';
import { createAuditLog } from '../../../src/auth/audit.ts';
import { createPeopleStore } from '../../../src/people/people.store.ts';
import { createReportService } from '../../../src/reports/report.service.ts';
import type { DueReport, ReportView } from '../../../src/reports/report.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { createTrainingService } from '../../../src/training/training.service.ts';
import { createCourseInterests } from '../../../src/training/course-interests.ts';
import { createTrainingStore } from '../../../src/training/training.store.ts';
import { apiCaller, type ApiAnswer } from '../../support/api-caller.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, sessionBody, type Person } from '../training/training-support.ts';

describe.each(SLICE_BACKENDS)('post-training reports on %s', (backend) => {
  let server: TestServer;
  let hr: Person;
  let attendees: Person[];
  let absentee: Person;
  let wantedCourse: CourseView;
  let session: SessionView;
  const call = apiCaller(() => server);

  const errorOf = (answer: ApiAnswer) =>
    answer.body.error as unknown as {
      code: string;
      message: string;
      details: Array<{ path: string; message: string }>;
    };
  const submission = (overrides: Record<string, unknown> = {}) => ({
    submissionId: 'card-0001-abcdef',
    learned: '会議の目的を最初に共有すると議論がまとまることを学んだ。',
    application: '係の定例会議で、冒頭に目的とゴールを確認する。',
    competencyIds: [server.framework.competencies[0]!.id],
    guidelineIds: [server.framework.guidelines[0]!.id],
    satisfaction: 4,
    wantedText: '議事録の書き方',
    wantedCourseIds: [wantedCourse.id],
    ...overrides,
  });
  const draft = (overrides: Record<string, unknown> = {}) => ({
    version: 0,
    learned: '途中まで',
    application: '',
    competencyIds: [],
    guidelineIds: [],
    satisfaction: null,
    wantedText: '',
    wantedCourseIds: [],
    ...overrides,
  });
  const reportRows = async (personId: string) =>
    server.database.query<{ status: string; learned: string; version: number }>(
      'SELECT status, learned, version FROM training_reports WHERE person_id = $1 AND session_id = $2',
      [personId, session.id],
    );
  const enrolmentOf = async (person: Person) =>
    ((await call(person, 'GET', '/api/training/enrolments')).body as unknown as EnrolmentView[]).find(
      (entry) => entry.sessionId === session.id,
    );

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    const staff = people.filter(
      (person) => person.appRoles.length === 0 && ['shuji', 'shunin'].includes(person.levelId ?? ''),
    );
    attendees = staff.slice(0, 3);
    absentee = staff[3]!;
    const course = (
      await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: '報告研修' } }))
    ).body as unknown as CourseView;
    wantedCourse = (
      await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: '議事録研修' } }))
    ).body as unknown as CourseView;
    session = (
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 10 }))
    ).body as unknown as SessionView;
    const enrolments: EnrolmentView[] = [];
    for (const person of [...attendees, absentee]) {
      const applied = (await call(person, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' }))
        .body as unknown as EnrolmentView;
      await call(hr, 'POST', `/api/training/enrolments/${applied.id}/confirm`, { version: 1 });
      enrolments.push(applied);
    }
    // The session took place: moved into the past directly, as the API refuses past times.
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    for (const enrolment of enrolments.slice(0, attendees.length)) {
      const attended = await call(hr, 'POST', `/api/training/enrolments/${enrolment.id}/attendance`, {
        version: 2,
      });
      expect(attended.body.status).toBe('attended');
    }
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('lists the attended session as due and keeps a draft that survives leaving, with optimistic versions', async () => {
    const person = attendees[0]!;
    const due = (await call(person, 'GET', '/api/reports/due')).body as unknown as DueReport[];
    expect(due).toEqual([
      expect.objectContaining({
        sessionId: session.id,
        courseTitle: { ja: '報告研修', en: null },
        hasDraft: false,
      }),
    ]);
    const empty = await call(person, 'GET', `/api/reports/sessions/${session.id}`);
    expect(empty.body).toMatchObject({ status: 'draft', version: 0, learned: '' });

    const saved = await call(person, 'PUT', `/api/reports/sessions/${session.id}/draft`, draft());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', version: 1, learned: '途中まで' });
    const again = await call(person, 'GET', `/api/reports/sessions/${session.id}`);
    expect(again.body).toMatchObject({ version: 1, learned: '途中まで' });
    expect(
      ((await call(person, 'GET', '/api/reports/due')).body as unknown as DueReport[])[0]!.hasDraft,
    ).toBe(true);

    const stale = await call(
      person,
      'PUT',
      `/api/reports/sessions/${session.id}/draft`,
      draft({ learned: '別の画面から' }),
    );
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('version_conflict');
    const next = await call(
      person,
      'PUT',
      `/api/reports/sessions/${session.id}/draft`,
      draft({ version: 1, learned: 'もう少し' }),
    );
    expect(next.body).toMatchObject({ version: 2, learned: 'もう少し' });
  });

  it('refuses a submission missing the required answers or naming unknown ids, with the field in the message, and stores nothing', async () => {
    const person = attendees[0]!;
    const missing = await call(
      person,
      'POST',
      `/api/reports/sessions/${session.id}/submit`,
      submission({ learned: '   ' }),
    );
    expect(missing.status).toBe(400);
    expect(errorOf(missing).details.map((detail) => detail.path)).toContain('body.learned');
    const badRating = await call(
      person,
      'POST',
      `/api/reports/sessions/${session.id}/submit`,
      submission({ satisfaction: 6 }),
    );
    expect(badRating.status).toBe(400);
    const unknown = await call(
      person,
      'POST',
      `/api/reports/sessions/${session.id}/submit`,
      submission({
        competencyIds: ['noSuchCompetency'],
        guidelineIds: ['noSuchGuideline'],
        wantedCourseIds: ['00000000-0000-4000-8000-000000000000'],
      }),
    );
    expect(unknown.status).toBe(400);
    expect(
      errorOf(unknown)
        .details.map((detail) => detail.path)
        .sort(),
    ).toEqual(['body.competencyIds', 'body.guidelineIds', 'body.wantedCourseIds']);
    expect(await reportRows(person.id)).toEqual([
      expect.objectContaining({ status: 'draft', learned: 'もう少し' }),
    ]);
    expect((await enrolmentOf(person))?.status).toBe('attended');
  });

  it('refuses a submission before the session has ended (409 session_not_ended) and stores nothing', async () => {
    const person = attendees[0]!;
    const before = await reportRows(person.id);
    await server.database.query(
      `UPDATE training_sessions SET ends_at = now() + interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    try {
      const early = await call(person, 'POST', `/api/reports/sessions/${session.id}/submit`, submission());
      expect(early.status).toBe(409);
      expect(errorOf(early).code).toBe('session_not_ended');
      expect(await reportRows(person.id)).toEqual(before);
    } finally {
      await server.database.query(
        `UPDATE training_sessions SET ends_at = now() - interval '1 hour' WHERE id = $1`,
        [session.id],
      );
    }
  });

  it('submits once: the report is stored, the enrolment becomes reported, and a repeat answers with the stored report', async () => {
    const person = attendees[0]!;
    const first = await call(person, 'POST', `/api/reports/sessions/${session.id}/submit`, submission());
    expect(first.status).toBe(200);
    const stored = first.body as unknown as ReportView;
    expect(stored).toMatchObject({
      status: 'submitted',
      satisfaction: 4,
      wantedCourseIds: [wantedCourse.id],
    });
    expect(stored.submittedAt).not.toBeNull();
    expect((await enrolmentOf(person))?.status).toBe('reported');

    const repeat = await call(person, 'POST', `/api/reports/sessions/${session.id}/submit`, submission());
    expect(repeat.body).toEqual(stored);
    // The same content from another form (the tab and a card both open) is the same report, too.
    const sameFromAnotherForm = await call(
      person,
      'POST',
      `/api/reports/sessions/${session.id}/submit`,
      submission({ submissionId: 'card-0003-abcdef' }),
    );
    expect(sameFromAnotherForm.status).toBe(200);
    expect(sameFromAnotherForm.body).toEqual(stored);
    // Other content is not silently dropped behind a 200: it is refused, and the stored report stays.
    const other = await call(
      person,
      'POST',
      `/api/reports/sessions/${session.id}/submit`,
      submission({ submissionId: 'card-0002-abcdef', learned: '書き換え' }),
    );
    expect(other.status).toBe(409);
    expect(errorOf(other).code).toBe('already_submitted');
    expect(await reportRows(person.id)).toEqual([
      expect.objectContaining({ status: 'submitted', learned: submission().learned }),
    ]);
    expect((await call(person, 'GET', '/api/reports/due')).body).toEqual([]);

    const lateDraft = await call(
      person,
      'PUT',
      `/api/reports/sessions/${session.id}/draft`,
      draft({ version: stored.version }),
    );
    expect(lateDraft.status).toBe(409);
    expect(errorOf(lateDraft).code).toBe('conflict');
  });

  it('stores one report when the same card is submitted twice at the same moment', async () => {
    const person = attendees[1]!;
    const answers = await Promise.all([
      call(person, 'POST', `/api/reports/sessions/${session.id}/submit`, submission()),
      call(person, 'POST', `/api/reports/sessions/${session.id}/submit`, submission()),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers[0]?.body).toEqual(answers[1]?.body);
    expect(await reportRows(person.id)).toHaveLength(1);
  });

  it('lets only an attendee of the session read or write its report', async () => {
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PUT', '/draft', draft()],
      ['POST', '/submit', submission()],
    ] as const) {
      const answer = await call(absentee, method, `/api/reports/sessions/${session.id}${suffix}`, body);
      expect(answer.status).toBe(403);
    }
    expect((await call(hr, 'GET', `/api/reports/sessions/${session.id}`)).status).toBe(403);
    expect(
      (await call(attendees[0]!, 'GET', '/api/reports/sessions/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect(await reportRows(absentee.id)).toEqual([]);
    expect((await call(absentee, 'GET', '/api/reports/due')).body).toEqual([]);
  });

  it('has the report stored before it is acknowledged: when marking it reported fails, a retry finds it stored and heals the enrolment', async () => {
    const person = attendees[2]!;
    const db = server.database.db;
    const peopleStore = createPeopleStore(db, () => new Date());
    const store = createTrainingStore(db, () => new Date());
    const training = createTrainingService({
      store,
      people: peopleStore,
      access: createAccessPolicy(peopleStore),
      audit: createAuditLog(db),
      framework: server.framework,
      paths: { courseIdsOf: () => Promise.resolve(new Set()) },
      interests: createCourseInterests({ db, now: () => new Date() }),
      growth: {
        latestSubmittedOf: () => Promise.resolve(undefined),
        trainingsWantedBy: () => Promise.resolve([]),
      },
      notifyOutlookWork: () => Promise.resolve(),
      now: () => new Date(),
    });
    let failing = true;
    const service = createReportService({
      db,
      store,
      training: {
        markReported: async (personId, sessionId) => {
          if (failing) throw new Error('the training service is down');
          return training.markReported(personId, sessionId);
        },
      },
      framework: server.framework,
      now: () => new Date(),
    });
    const actor = { id: person.id, isHr: false };
    await expect(service.submit(actor, session.id, submission())).rejects.toThrow(
      'the training service is down',
    );
    expect(await reportRows(person.id)).toEqual([expect.objectContaining({ status: 'submitted' })]);
    expect((await enrolmentOf(person))?.status).toBe('attended');
    failing = false;
    const retried = await service.submit(actor, session.id, submission());
    expect(retried).toMatchObject({ status: 'submitted', learned: submission().learned });
    expect((await enrolmentOf(person))?.status).toBe('reported');
  });
});
