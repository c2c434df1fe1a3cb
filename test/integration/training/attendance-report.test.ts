import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceProposal } from '../../../src/training/attendance.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, sessionBody, until, type Person } from './training-support.ts';

// Attendance proposed from a session's Teams attendance report (issue 19 ④, docs/training.md): the job
// reads the report through Graph (the emulator's onlineMeetings and attendance reports), proposes, and
// changes nothing until HR confirms; confirmed attendees get their report request as if marked by hand.
describe('attendance proposed from the Teams attendance report', () => {
  let server: TestServer;
  let hr: Person;
  let kenshu: Person;
  let staff: Person[];
  const call = apiCaller(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    kenshu = people.find((person) => person.userPrincipalName.startsWith('kenshu@'))!;
    staff = people
      .filter((person) => !person.isMailbox && person.appRoles.length === 0 && person.levelId === 'shuji')
      .slice(0, 4);
    // The training mailbox as a licensed account: its events get a Teams meeting.
    server.emulator.setOnlineMeetingProviders(kenshu.id, ['teamsForBusiness']);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** An online session with `people` confirmed on it, held 3 to 1 hours ago, with its Teams link. */
  const heldSession = async (title: string, people: Person[]) => {
    const course = (await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: title } })))
      .body as unknown as CourseView;
    const created = await call(
      hr,
      'POST',
      `/api/training/courses/${course.id}/sessions`,
      sessionBody({ online: true, place: '', capacity: 10 }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const session = created.body as unknown as SessionView;
    for (const person of people) {
      const nominated = (
        await call(hr, 'POST', `/api/training/sessions/${session.id}/nominate`, {
          personId: person.id,
          note: '',
          overrideEligibility: true,
        })
      ).body as unknown as EnrolmentView;
      const confirmed = await call(hr, 'POST', `/api/training/enrolments/${nominated.id}/confirm`, {
        version: nominated.version,
      });
      expect(confirmed.body.status).toBe('confirmed');
    }
    const joinUrl = await until('the session’s Teams meeting', async () => {
      const rows = await server.database.query<{ join_url: string | null; action: string | null }>(
        `SELECT join_url, outlook_action AS action FROM training_sessions WHERE id = $1`,
        [session.id],
      );
      return rows[0]?.join_url && rows[0].action === null ? rows[0].join_url : undefined;
    });
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    const startsAt = new Date(Date.now() - 3 * 3600_000);
    return { session, joinUrl, startsAt };
  };

  const proposalOf = async (sessionId: string) => {
    const answer = await call(hr, 'GET', `/api/training/sessions/${sessionId}/attendance-proposal`);
    expect(answer.status).toBe(200);
    return answer.body.proposal as AttendanceProposal | null;
  };
  /** Makes the session's next read due now (the job waits minutes between reads). */
  const dueNow = (sessionId: string) =>
    server.database.query(
      `UPDATE training_attendance_proposals SET next_attempt_at = now() - interval '1 second' WHERE session_id = $1`,
      [sessionId],
    );
  const statusesOf = async (sessionId: string) =>
    Object.fromEntries(
      (
        await server.database.query<{ person_id: string; status: string }>(
          `SELECT person_id, status FROM training_enrolments WHERE session_id = $1`,
          [sessionId],
        )
      ).map((row) => [row.person_id, row.status]),
    );

  it('waits for the report, proposes by share, lists strangers apart, and changes nothing until HR confirms', async () => {
    const [a, b, c, stranger] = staff as [Person, Person, Person, Person];
    const { session, joinUrl, startsAt } = await heldSession('出席提案研修', [a, b, c]);
    expect(await proposalOf(session.id)).toBeNull();

    // Teams has not made the report yet: the proposal waits, and the job does not ask again at once.
    expect(await server.attendanceJob()).toMatchObject({ opened: 1, read: 1, proposed: 0 });
    const waiting = (await proposalOf(session.id))!;
    expect(waiting).toMatchObject({ state: 'waiting', attempts: 1, minSharePercent: 50 });
    expect(waiting.error).toMatch(/not made the attendance report/);
    expect(await server.attendanceJob()).toMatchObject({ opened: 0, read: 0 });

    // The session is 120 minutes: a 100 minutes, b 30 (below half), c not there; a stranger and the
    // organizer mailbox are in the report too.
    server.emulator.addAttendanceReport({
      organizer: kenshu.id,
      joinUrl,
      start: startsAt.toISOString(),
      end: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      records: [
        { person: kenshu.id, seconds: 7200, role: 'Organizer' },
        { person: a.id, seconds: 6000 },
        { person: b.id, seconds: 1800 },
        { person: stranger.id, seconds: 7000 },
      ],
    });
    await dueNow(session.id);
    expect(await server.attendanceJob()).toMatchObject({ read: 1, proposed: 1 });
    const proposal = (await proposalOf(session.id))!;
    expect(proposal.state).toBe('proposed');
    const byId = new Map(proposal.attendees.map((attendee) => [attendee.personId, attendee]));
    expect(byId.get(a.id)).toMatchObject({ proposedPresent: true, attendedMinutes: 100, sharePercent: 83 });
    expect(byId.get(b.id)).toMatchObject({ proposedPresent: false, attendedMinutes: 30, sharePercent: 25 });
    expect(byId.get(c.id)).toMatchObject({ proposedPresent: false, attendedMinutes: 0 });
    expect(proposal.notOnRoster).toEqual([
      { personId: stranger.id, displayName: stranger.displayName, attendedMinutes: 117 },
    ]);

    // Nothing is attended, and no report is requested, before a person confirms.
    expect(Object.values(await statusesOf(session.id))).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(await server.reportJobs.requests()).toEqual({ requested: 0 });

    // Refusals change nothing.
    const path = `/api/training/sessions/${session.id}/attendance-proposal/confirm`;
    const refusals = [
      await call(a, 'POST', path, { version: proposal.version }),
      await call(hr, 'POST', path, { version: proposal.version + 1 }),
      await call(hr, 'POST', path, { version: proposal.version, absent: [stranger.id] }),
      await call(hr, 'POST', path, { version: proposal.version, present: [b.id], absent: [b.id] }),
      await call(hr, 'POST', path, { version: proposal.version, present: 'everyone' }),
    ];
    expect(refusals.map((answer) => answer.status)).toEqual([403, 409, 400, 400, 400]);
    expect(Object.values(await statusesOf(session.id))).toEqual(['confirmed', 'confirmed', 'confirmed']);

    // HR confirms in one action, correcting b to present (came late, stayed to the end).
    const confirmed = await call(hr, 'POST', path, { version: proposal.version, present: [b.id] });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'confirmed', confirmedByName: hr.displayName });
    expect(await statusesOf(session.id)).toEqual({
      [a.id]: 'attended',
      [b.id]: 'attended',
      [c.id]: 'confirmed',
    });
    expect((await call(hr, 'POST', path, { version: confirmed.body.version })).status).toBe(409);

    // The report requests follow the confirmed attendance, as for attendance marked by hand.
    expect(await server.reportJobs.requests()).toEqual({ requested: 2 });
    const requested = await server.database.query<{ person_id: string }>(
      `SELECT person_id FROM report_requests WHERE session_id = $1 ORDER BY person_id`,
      [session.id],
    );
    expect(requested.map((row) => row.person_id)).toEqual([a.id, b.id].sort());
  });

  it('shows a refusal without the application access policy, stops asking, and reads again when HR asks', async () => {
    const [a] = staff as [Person];
    const { session, joinUrl, startsAt } = await heldSession('アクセスポリシー研修', [a]);
    server.emulator.setApplicationAccessPolicy(kenshu.id, false);
    try {
      expect(await server.attendanceJob()).toMatchObject({ read: 1, refused: 1 });
      const refused = (await proposalOf(session.id))!;
      expect(refused.state).toBe('refused');
      expect(refused.error).toMatch(/application access policy/);
      // Not a crash loop: a refused proposal is not read again by itself.
      await dueNow(session.id);
      expect(await server.attendanceJob()).toMatchObject({ read: 0 });
      expect((await proposalOf(session.id))!.attempts).toBe(1);
      const retryPath = `/api/training/sessions/${session.id}/attendance-proposal/retry`;
      expect((await call(hr, 'POST', retryPath, { version: refused.version + 3 })).status).toBe(409);
      // The admin grants the policy; HR asks again.
      server.emulator.setApplicationAccessPolicy(kenshu.id, true);
      const retried = await call(hr, 'POST', retryPath, { version: refused.version });
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ state: 'waiting', attempts: 0, error: null });
      expect((await call(hr, 'POST', retryPath, { version: retried.body.version })).status).toBe(409);
    } finally {
      server.emulator.setApplicationAccessPolicy(kenshu.id, true);
    }
    server.emulator.addAttendanceReport({
      organizer: kenshu.id,
      joinUrl,
      start: startsAt.toISOString(),
      end: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      records: [{ person: a.id, seconds: 7200 }],
    });
    expect(await server.attendanceJob()).toMatchObject({ read: 1, proposed: 1 });
    expect((await proposalOf(session.id))!.attendees).toEqual([
      expect.objectContaining({ personId: a.id, proposedPresent: true }),
    ]);
  });

  it('keeps waiting through throttling, and two instances read each report once', async () => {
    const [a, b] = staff as [Person, Person];
    const { session, joinUrl, startsAt } = await heldSession('スロットリング出席研修', [a, b]);
    server.emulator.addAttendanceReport({
      organizer: kenshu.id,
      joinUrl,
      start: startsAt.toISOString(),
      end: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      // More than one page of records (Graph pages by 100 here): everyone is read.
      records: [
        { person: a.id, seconds: 5000 },
        { person: b.id, seconds: 100 },
        ...Array.from({ length: 150 }, (_, index) => ({
          person: {
            id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
            displayName: `来訪者${index}`,
          },
          seconds: 60,
        })),
      ],
    });
    server.emulator.faults.add({
      status: 429,
      retryAfterSeconds: 0,
      count: 4,
      pathPattern: /attendanceReports$/,
    });
    try {
      expect(await server.attendanceJob()).toMatchObject({ read: 1, proposed: 0 });
    } finally {
      server.emulator.faults.clear();
    }
    const throttled = (await proposalOf(session.id))!;
    expect(throttled).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(throttled.error).toMatch(/429/);

    await dueNow(session.id);
    const [first, second] = await Promise.all([server.attendanceJob(), server.attendanceJob()]);
    expect(first.read + second.read).toBe(1);
    expect(first.proposed + second.proposed).toBe(1);
    const proposal = (await proposalOf(session.id))!;
    expect(proposal).toMatchObject({ state: 'proposed', attempts: 2 });
    expect(proposal.notOnRoster).toHaveLength(150);
    expect(proposal.attendees.map((attendee) => [attendee.personId, attendee.proposedPresent])).toEqual(
      expect.arrayContaining([
        [a.id, true],
        [b.id, false],
      ]),
    );
  });

  it('checks people in with a room session’s code: wrong, early or repeated codes change nothing; HR confirms', async () => {
    const [a, b, , stranger] = staff as [Person, Person, Person, Person];
    const guesser = server.emulator.people.find(
      (person) => person.levelId === 'shunin' && person.appRoles.length === 0 && !person.isMailbox,
    )!;
    const course = (
      await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: 'チェックイン研修' } }))
    ).body as unknown as CourseView;
    const session = (
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 10 }))
    ).body as unknown as SessionView;
    for (const person of [a, b]) {
      const nominated = (
        await call(hr, 'POST', `/api/training/sessions/${session.id}/nominate`, {
          personId: person.id,
          note: '',
          overrideEligibility: true,
        })
      ).body as unknown as EnrolmentView;
      await call(hr, 'POST', `/api/training/enrolments/${nominated.id}/confirm`, {
        version: nominated.version,
      });
    }
    const codePath = `/api/training/sessions/${session.id}/checkin-code`;
    expect((await call(a, 'POST', codePath)).status).toBe(403);
    const shown = await call(hr, 'POST', codePath);
    expect(shown.status, JSON.stringify(shown.body)).toBe(200);
    const code = (shown.body as unknown as AttendanceProposal).checkin!.code;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(((await call(hr, 'POST', codePath)).body as unknown as AttendanceProposal).checkin!.code).toBe(
      code,
    );
    const marks = async () =>
      (
        await server.database.query<{
          person_id: string;
          checked_in_at: Date | null;
          proposed_present: boolean;
        }>(
          `SELECT person_id, checked_in_at, proposed_present FROM training_attendance_marks WHERE session_id = $1 ORDER BY person_id`,
          [session.id],
        )
      ).map((row) => [row.person_id, row.checked_in_at !== null, row.proposed_present]);
    const before = await marks();
    expect(before).toEqual([a.id, b.id].sort().map((id) => [id, false, false]));

    // Two weeks early: refused, nothing changes.
    const early = await call(a, 'POST', '/api/training/checkins', { code });
    expect(early.status).toBe(409);
    expect(await marks()).toEqual(before);

    // The session is under way: a checks in (twice: the same), a stranger with the code is listed apart.
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '110 minutes' WHERE id = $1`,
      [session.id],
    );
    const first = await call(a, 'POST', '/api/training/checkins', { code: ` ${code.toLowerCase()} ` });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ sessionId: session.id, onRoster: true, alreadyCheckedIn: false });
    // Full-width, as a Japanese IME types it, with a hyphen: the same code.
    const fullWidth = [...code]
      .map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0))
      .join('')
      .replace(/^(...)/, '$1－');
    const again = await call(a, 'POST', '/api/training/checkins', { code: fullWidth });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.checkedInAt).toBe(first.body.checkedInAt);
    expect(again.body.alreadyCheckedIn).toBe(true);
    expect((await call(stranger, 'POST', '/api/training/checkins', { code })).body).toMatchObject({
      onRoster: false,
    });

    // Wrong codes: 400 and nothing changes; the sixth try within the window is refused even with the right code.
    const wrong = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect((await call(guesser, 'POST', '/api/training/checkins', { code: wrong })).status).toBe(400);
    expect((await call(guesser, 'POST', '/api/training/checkins', { code })).status).toBe(429);
    expect((await call(guesser, 'POST', '/api/training/checkins', { code: '' })).status).toBe(400);

    // Every check-in is audited with who, which session and how it went, refusals included.
    const audited = async (personId: string) =>
      (
        await server.database.query<{ subject_id: string; action: string; details: Record<string, unknown> }>(
          `SELECT subject_id, action, details FROM audit_log
            WHERE actor_id = $1 AND resource = 'training-attendance' AND details->>'change' = 'checkin'
            ORDER BY id`,
          [personId],
        )
      ).map((row) => [row.subject_id, row.action, row.details.outcome, row.details.sessionId ?? null]);
    expect(await audited(a.id)).toEqual([
      [a.id, 'write', 'outsideWindow', session.id],
      [a.id, 'write', 'accepted', session.id],
      [a.id, 'write', 'alreadyCheckedIn', session.id],
    ]);
    expect(await audited(stranger.id)).toEqual([[stranger.id, 'write', 'accepted', session.id]]);
    expect(await audited(guesser.id)).toEqual([
      ...Array.from({ length: 5 }, () => [guesser.id, 'write', 'wrongCode', null]),
      [guesser.id, 'write', 'rateLimited', null],
    ]);

    const proposal = (await proposalOf(session.id))!;
    expect(proposal).toMatchObject({ source: 'checkin', state: 'proposed' });
    expect(proposal.attendees.find((attendee) => attendee.personId === a.id)).toMatchObject({
      proposedPresent: true,
    });
    expect(proposal.attendees.find((attendee) => attendee.personId === b.id)).toMatchObject({
      proposedPresent: false,
      checkedInAt: null,
    });
    expect(proposal.notOnRoster.map((other) => other.personId)).toEqual([stranger.id]);
    expect(Object.values(await statusesOf(session.id))).toEqual(['confirmed', 'confirmed']);

    // After the session HR confirms the check-ins in one action; the report requests follow.
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    const confirmed = await call(
      hr,
      'POST',
      `/api/training/sessions/${session.id}/attendance-proposal/confirm`,
      {
        version: proposal.version,
      },
    );
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(await statusesOf(session.id)).toEqual({ [a.id]: 'attended', [b.id]: 'confirmed' });
    expect(await server.reportJobs.requests()).toEqual({ requested: 1 });

    // a was not there after all: HR corrects a back to absent before a reported. Refusals change nothing.
    const enrolmentOf = async (personId: string) =>
      (
        await server.database.query<{ id: string; version: number }>(
          `SELECT id, version FROM training_enrolments WHERE session_id = $1 AND person_id = $2`,
          [session.id, personId],
        )
      )[0]!;
    const ofA = await enrolmentOf(a.id);
    const absent = (who: Person, enrolmentId: string, version: number) =>
      call(who, 'POST', `/api/training/enrolments/${enrolmentId}/absent`, { version });
    expect((await absent(a, ofA.id, ofA.version)).status).toBe(403);
    expect((await absent(hr, ofA.id, ofA.version - 1)).status).toBe(409);
    const ofB = await enrolmentOf(b.id);
    expect((await absent(hr, ofB.id, ofB.version)).status).toBe(409);
    expect((await call(hr, 'POST', `/api/training/enrolments/${ofA.id}/absent`, {})).status).toBe(400);
    expect(await statusesOf(session.id)).toEqual({ [a.id]: 'attended', [b.id]: 'confirmed' });
    // Their request went out long ago, so a reminder would be due now.
    await server.database.query(
      `UPDATE report_requests SET requested_at = now() - interval '30 days' WHERE session_id = $1`,
      [session.id],
    );
    const corrected = await absent(hr, ofA.id, ofA.version);
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'confirmed', version: ofA.version + 1 });
    expect(await statusesOf(session.id)).toEqual({ [a.id]: 'confirmed', [b.id]: 'confirmed' });
    const [audit] = await server.database.query<{ actor_id: string; subject_id: string; details: unknown }>(
      `SELECT actor_id, subject_id, details FROM audit_log
        WHERE resource = 'training-enrolment' AND details->>'change' = 'attendance-corrected-to-absent'`,
    );
    expect(audit).toMatchObject({
      actor_id: hr.id,
      subject_id: a.id,
      details: { sessionId: session.id },
    });
    // No request and no reminder for someone absent; the person is not told of the correction.
    expect(await server.reportJobs.requests()).toEqual({ requested: 0 });
    expect(await server.reportJobs.reminders()).toEqual({ reminded: 0 });
    expect(
      await server.database.query(`SELECT key FROM bot_outbox WHERE key = $1`, [
        `training-status:${ofA.id}:${ofA.version + 1}`,
      ]),
    ).toEqual([]);
    // Marked attended again: the same request stands and its reminder is due.
    const remarked = await call(hr, 'POST', `/api/training/enrolments/${ofA.id}/attendance`, {
      version: ofA.version + 1,
    });
    expect(remarked.status).toBe(200);
    expect(await server.reportJobs.requests()).toEqual({ requested: 0 });
    expect(await server.reportJobs.reminders()).toEqual({ reminded: 1 });
    // Once they have reported (the bot's submission makes the enrolment reported), no correction.
    await server.database.query(
      `UPDATE training_enrolments SET status = 'reported', version = version + 1 WHERE id = $1`,
      [ofA.id],
    );
    const reported = await enrolmentOf(a.id);
    expect((await absent(hr, ofA.id, reported.version)).status).toBe(409);
    expect(await statusesOf(session.id)).toEqual({ [a.id]: 'reported', [b.id]: 'confirmed' });
  });
});
