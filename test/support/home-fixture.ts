// The home's fixture (issue 18), shared by test/integration/home/home.test.ts and test/e2e/tab-home.test.ts:
// a 課 outside 職員課 with its 課長, a 係長 under them and a 主事 under that 係長; the 主事's submitted
// self-check, a cycle window HR opens, and an interview the 係長 has booked. Each step asserts what it
// needs, so a test that uses it fails where the setup broke, not later.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CycleKind } from '../../src/cycles/cycle.contract.ts';
import type { InterviewType } from '../../src/interviews/interview.contract.ts';
import { createInterviewStore } from '../../src/interviews/interview.store.ts';
import type { apiCaller, ApiAnswer } from './api-caller.ts';
import type { TestServer } from './test-server.ts';

type Person = TestServer['emulator']['people'][number];
type Call = ReturnType<typeof apiCaller>;

const DAY = 86_400_000;

/** A day in Japan, `offset` days from today (YYYY-MM-DD). */
export const japanDay = (offset: number) =>
  new Date(Date.now() + 9 * 3_600_000 + offset * DAY).toISOString().slice(0, 10);

/** 市民課's 課長, a 係長 who reports to them and a 主事 who reports to that 係長. */
export function homeCast(server: TestServer): { kacho: Person; kakaricho: Person; shuji: Person } {
  const people = server.emulator.people;
  const kacho = people.find((person) => person.levelId === 'kacho' && person.department === '市民課');
  const kakaricho = people.find((person) => person.levelId === 'kakaricho' && person.managerId === kacho?.id);
  const shuji = people.find((person) => person.levelId === 'shuji' && person.managerId === kakaricho?.id);
  expect([kacho, kakaricho, shuji].every(Boolean)).toBe(true);
  return { kacho: kacho!, kakaricho: kakaricho!, shuji: shuji! };
}

/** `person` rates every item of their level 3 (no evidence) and submits this half's self-check. */
export async function submitSelfCheck(
  call: Call,
  server: TestServer,
  person: Person,
  period: string,
): Promise<{ ratings: Record<string, { rating: number; evidence: string }>; submitted: ApiAnswer }> {
  const { framework } = server;
  const ratings = Object.fromEntries(
    framework.competencies
      .filter((competency) => framework.expectations[person.levelId!]![competency.id] !== 'none')
      .map((competency) => [competency.id, { rating: 3, evidence: '' }]),
  );
  const draft = await call(person, 'PUT', `/api/people/me/self-checks/${period}`, {
    version: 0,
    ratings,
    reflections: {},
  });
  expect(draft.status).toBe(200);
  const submitted = await call(person, 'POST', `/api/people/me/self-checks/${period}/submit`, {
    version: draft.body.version,
  });
  expect(submitted.status).toBe(200);
  return { ratings, submitted };
}

/** HR plans a cycle window from today for 20 days (not past the fiscal year) and opens it. */
export async function openCycleWindow(
  call: Call,
  hr: Person,
  fiscalYear: number,
  kind: CycleKind,
): Promise<ApiAnswer> {
  const yearEnd = `${fiscalYear + 1}-03-31`;
  const planned = await call(hr, 'POST', '/api/cycles/windows', {
    fiscalYear,
    kind,
    opensOn: japanDay(0),
    closesOn: japanDay(20) < yearEnd ? japanDay(20) : yearEnd,
  });
  expect(planned.status).toBe(201);
  const opened = await call(hr, 'POST', `/api/cycles/windows/${String(planned.body.id)}/open`, {
    version: planned.body.version,
  });
  expect(opened.status).toBe(200);
  return opened;
}

/**
 * A 30-minute interview the organizer booked, written to the store directly (as the booking job leaves
 * it): the Outlook side is not what the home is about.
 */
export async function bookInterview(
  server: TestServer,
  booking: {
    organizer: Person;
    person: Person;
    type: InterviewType;
    fiscalYear: number;
    start: Date;
    joinUrl: string;
  },
): Promise<void> {
  const { organizer, person, type, fiscalYear, start, joinUrl } = booking;
  await createInterviewStore(server.database.db, () => new Date()).insertBooking(
    { organizerId: organizer.id, idempotencyKey: randomUUID() },
    [
      {
        organizerId: organizer.id,
        personId: person.id,
        type,
        fiscalYear,
        startsAt: start,
        endsAt: new Date(start.getTime() + 30 * 60_000),
        status: 'booked',
        transactionId: randomUUID(),
        joinUrl,
      },
    ],
  );
}
