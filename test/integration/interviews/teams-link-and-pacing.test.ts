// Issue 15, points 4 and 8, against the Microsoft 365 emulator: a Teams link is read back, never assumed
// (a mailbox that cannot host Teams meetings gets its event, 201, without one), and invitations go out
// under Exchange's sending limit per organizer mailbox (30 messages a minute), for a season of interviews
// booked by one supervisor and for a training session of 200 people. A fake clock runs the minutes; the
// Graph client does not retry, so a 429 from the emulator would surface instead of being waited out. And a
// change made while an event is being written reaches Outlook in the same run (an overtaken row).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import {
  startM365Emulator,
  type M365Emulator,
  type SeedPerson,
} from '../../../src/dev/m365-emulator/index.ts';
import { createGraphCalendar } from '../../../src/graph/graph-calendar.ts';
import { createGraphClient } from '../../../src/graph/graph-client.ts';
import { createMailboxPacer } from '../../../src/graph/mailbox-pacer.ts';
import { mailboxSendPacing } from '../../../src/graph/mailbox-pacing.schema.ts';
import { createAppTokenProvider } from '../../../src/graph/token-providers.ts';
import type { Calendar } from '../../../src/interviews/calendar.port.ts';
import { interviews } from '../../../src/interviews/interview.schema.ts';
import { createInterviewStore } from '../../../src/interviews/interview.store.ts';
import { createOutlookSync, SENDING_LIMIT_WAIT } from '../../../src/interviews/outlook-sync.ts';
import { createPeopleStore } from '../../../src/people/people.store.ts';
import { createTrainingOutlook } from '../../../src/training/training-outlook.ts';
import { trainingEnrolments, trainingSessions } from '../../../src/training/training.schema.ts';
import { createTrainingStore } from '../../../src/training/training.store.ts';
import { syntheticOrganisation } from '../../bench/synthetic-organisation.ts';
import { createTestStore, type TestStore } from '../../support/backends.ts';
import { testLogger } from '../../support/logger.ts';
import { emulatorEntraSettings, emulatorMicrosoftSettings } from '../../support/emulator-settings.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('Outlook writes: Teams links verified, invitations paced per mailbox', () => {
  let clock = Date.now();
  const now = () => new Date(clock);
  let emulator: M365Emulator;
  let database: Database;
  let calendar: Calendar;
  let store: TestStore;
  let organisation: SeedPerson[];
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock += ms;
  };

  beforeAll(async () => {
    // Two supervisors with 60 reports each, and two more with 60 to fill a 200-person session.
    organisation = syntheticOrganisation(4, 60);
    emulator = await startM365Emulator({ now, organisation });
    // A copy of the migrated template (test/support/backends.ts): migrating an empty PGlite took seconds.
    store = await createTestStore('pglite');
    database = await openDatabase({ databaseUrl: undefined, dataDir: store.dataDir });
    await createPeopleStore(database.db, now).upsert(
      organisation.map((person) => ({
        id: person.id,
        userPrincipalName: person.userPrincipalName,
        displayName: person.displayName,
        mail: person.mail,
        jobTitle: person.jobTitle,
        department: person.department,
        division: person.divisionName,
        employeeType: person.employeeType,
        hireDate: null,
        managerId: person.managerId,
        levelId: person.levelId,
        employmentType: 'regular' as const,
      })),
    );
    const microsoft = emulatorMicrosoftSettings(emulator);
    const graph = createGraphClient({
      baseUrl: emulator.graphBaseUrl,
      getToken: createAppTokenProvider(emulatorEntraSettings(emulator)),
      caCertPem: emulator.caCertPem,
      maxRetries: 0,
    });
    // No retries inside $batch either: a 429 shows up at once instead of being waited out for real.
    const client = {
      ...graph,
      batch: (requests: Parameters<typeof graph.batch>[0]) => graph.batch(requests, { maxAttempts: 1 }),
    };
    calendar = createGraphCalendar({ microsoft, caCertPem: emulator.caCertPem, logger: testLogger, client });
  }, 60_000);
  afterAll(async () => {
    await emulator?.close();
    await database?.close();
    await store?.dispose();
  });
  beforeEach(() => {
    sleeps.length = 0;
  });

  const supervisors = () => organisation.filter((person) => person.managerId === null);
  const reportsOf = (supervisor: SeedPerson) =>
    organisation.filter((person) => person.managerId === supervisor.id);
  /** The outbox claims with the real clock: let the rows it postponed be taken again now. */
  const releaseLeases = async () => {
    await database.db.update(interviews).set({ leaseUntil: null });
    await database.db.update(trainingSessions).set({ leaseUntil: null });
  };

  const syncWith = (overrides: { calendar?: Calendar } = {}) =>
    createOutlookSync({
      store: createInterviewStore(database.db, now),
      people: createPeopleStore(database.db, now),
      calendar: overrides.calendar ?? calendar,
      logger: testLogger,
      now,
      leaseMs: 10 * MINUTE,
      retryBaseMs: 1000,
      pacer: createMailboxPacer(database.db, { now }),
      sleep,
    });

  const book = async (organizer: SeedPerson, people: SeedPerson[]) => {
    const day = Date.now() + 20 * DAY;
    return createInterviewStore(database.db, now).insertBooking(
      { organizerId: organizer.id, idempotencyKey: randomUUID() },
      people.map((person, index) => ({
        organizerId: organizer.id,
        personId: person.id,
        type: 'career' as const,
        fiscalYear: 2026,
        startsAt: new Date(day + index * 30 * MINUTE),
        endsAt: new Date(day + index * 30 * MINUTE + 30 * MINUTE),
        status: 'pending' as const,
        outlookAction: 'create' as const,
        transactionId: randomUUID(),
        agenda: [],
        actionItems: [],
      })),
    );
  };
  const rowsOf = (bookingId: string) => createInterviewStore(database.db, now).ofBooking(bookingId);
  const eventsOf = (mailbox: SeedPerson) =>
    emulator.eventsOf(mailbox.id).filter((event) => event.isOrganizer && !event.seeded);

  it('books an interview without a Teams meeting as "no Teams link" after reading it back, in bounded tries', async () => {
    const [organizer] = supervisors();
    const person = reportsOf(organizer!)[0]!;
    emulator.setOnlineMeetingProviders(organizer!.id, []);
    const bookingId = await book(organizer!, [person]);
    await syncWith().applyPending(bookingId);
    const [row] = await rowsOf(bookingId);
    expect(row).toMatchObject({ status: 'booked', joinUrl: null, noTeamsLink: true, outlookAction: null });
    expect(
      eventsOf(organizer!).filter((event) =>
        event.attendees.some((a) => a.emailAddress.address === person.mail),
      ),
    ).toHaveLength(1);
    // Read back a few times with growing pauses, through the injected sleeper: bounded, no wall clock.
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
    expect(sleeps.length).toBeLessThanOrEqual(4);
    expect([...sleeps].sort((a, b) => a - b)).toEqual(sleeps);
    emulator.setOnlineMeetingProviders(organizer!.id, ['teamsForBusiness']);
  });

  it('reads the link back again after a crash in the read-back, without making a second event', async () => {
    const organizer = supervisors()[1]!;
    const person = reportsOf(organizer)[0]!;
    emulator.setOnlineMeetingProviders(organizer.id, []);
    const bookingId = await book(organizer, [person]);
    // The process dies while reading the link back: the event exists, nothing is recorded.
    const dying: Calendar = {
      ...calendar,
      getJoinUrls: () => Promise.reject(new Error('the process died')),
    };
    await syncWith({ calendar: dying }).applyPending(bookingId);
    expect((await rowsOf(bookingId))[0]).toMatchObject({
      status: 'pending',
      outlookAction: 'create',
      noTeamsLink: false,
    });
    await releaseLeases();
    await syncWith().applyPending(bookingId);
    const [row] = await rowsOf(bookingId);
    expect(row).toMatchObject({ status: 'booked', noTeamsLink: true });
    expect(sleeps.length).toBeGreaterThan(0);
    const mine = eventsOf(organizer).filter((event) =>
      event.attendees.some((a) => a.emailAddress.address === person.mail),
    );
    expect(mine).toHaveLength(1);
    expect(row!.eventId).toBe(mine[0]!.id);
    emulator.setOnlineMeetingProviders(organizer.id, ['teamsForBusiness']);
  });

  it('keeps the link of a mailbox that hosts Teams meetings, without reading back', async () => {
    const organizer = supervisors()[2]!;
    const bookingId = await book(organizer, [reportsOf(organizer)[0]!]);
    await syncWith().applyPending(bookingId);
    const [row] = await rowsOf(bookingId);
    expect(row).toMatchObject({ status: 'booked', noTeamsLink: false });
    expect(row!.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(sleeps).toEqual([]);
  });

  it('takes up at once the changes a supervisor made while the events were being written', async () => {
    const organizer = supervisors()[2]!;
    const [rewritten, moved] = reportsOf(organizer).slice(1, 3);
    const bookingId = await book(organizer, [rewritten!, moved!]);
    const store = createInterviewStore(database.db, now);
    const [first, second] = await rowsOf(bookingId);
    // A day later, on a whole minute (Outlook keeps no milliseconds).
    const laterStart = Math.ceil((second!.startsAt.getTime() + DAY) / MINUTE) * MINUTE;
    const later = { startsAt: new Date(laterStart), endsAt: new Date(laterStart + 30 * MINUTE) };
    const agenda = [{ id: 'a1', text: '来年度の異動希望を話す', source: 'free' as const }];
    // Graph makes the events from the rows as claimed; before they are recorded, the supervisor rewrites
    // one agenda and moves the other interview. Each change's own job would find the rows leased.
    const editing: Calendar = {
      ...calendar,
      createEvents: async (events) => {
        const outcomes = await calendar.createEvents(events);
        await store.update(first!.id, first!.version, { agenda });
        await store.update(second!.id, second!.version, later);
        return outcomes;
      },
    };
    const run = await syncWith({ calendar: editing }).applyPending(bookingId);
    expect(run).toMatchObject({ overtaken: 2, postponed: 0, failed: 0 });
    const rows = await rowsOf(bookingId);
    expect(rows.map((row) => [row.status, row.outlookAction])).toEqual([
      ['booked', null],
      ['booked', null],
    ]);
    const eventOf = (person: SeedPerson) =>
      eventsOf(organizer).filter((event) => event.attendees[0]?.emailAddress.address === person.mail);
    // One event each, as the interviews are now: the new agenda, the new time.
    expect(eventOf(rewritten!)).toHaveLength(1);
    expect(eventOf(rewritten!)[0]!.body.content).toContain('来年度の異動希望を話す');
    expect(eventOf(moved!)).toHaveLength(1);
    expect(Date.parse(eventOf(moved!)[0]!.startUtc)).toBe(later.startsAt.getTime());
    expect(rows.map((row) => row.eventId)).toEqual([eventOf(rewritten!)[0]!.id, eventOf(moved!)[0]!.id]);
  });

  it('spreads a season of 55 interviews booked by one supervisor over minutes, with no 429', async () => {
    const organizer = supervisors()[3]!;
    const people = reportsOf(organizer).slice(1, 56);
    const bookingId = await book(organizer, people);
    const refusedBefore = emulator.stats().sendingLimitRefusals;
    const sync = syncWith();
    let minutes = 0;
    for (; minutes < 10; minutes += 1) {
      await sync.applyPending(bookingId);
      const rows = await rowsOf(bookingId);
      if (rows.every((row) => row.status === 'booked')) break;
      // What the service reports as waitingForSendingLimit, which the tab shows in Japanese or English.
      expect(rows.filter((row) => row.status === 'pending').map((row) => row.error)).toEqual(
        rows.filter((row) => row.status === 'pending').map(() => SENDING_LIMIT_WAIT),
      );
      clock += MINUTE;
      await releaseLeases();
    }
    expect(emulator.stats().sendingLimitRefusals).toBe(refusedBefore);
    expect((await rowsOf(bookingId)).filter((row) => row.status === 'booked')).toHaveLength(55);
    expect(minutes).toBeGreaterThanOrEqual(1);
    expect(
      eventsOf(organizer).filter((event) =>
        people.some((p) => event.attendees[0]?.emailAddress.address === p.mail),
      ),
    ).toHaveLength(55);
    // Shared by instances: the budget lives in PostgreSQL, one row per organizer mailbox.
    const [budget] = await database.db
      .select()
      .from(mailboxSendPacing)
      .where(eq(mailboxSendPacing.mailbox, organizer.id.toLowerCase()));
    expect(budget).toBeDefined();
  });

  it('marks an online training session in a mailbox without Teams as "no Teams link"', async () => {
    const mailbox = organisation.filter((person) => person.managerId !== null)[0]!;
    emulator.setOnlineMeetingProviders(mailbox.id, []);
    const store = createTrainingStore(database.db, now);
    const course = await store.insertCourse({
      category: 'specialist',
      titleJa: '共有メールボックス研修',
      format: 'online',
    });
    const session = await store.insertSession({
      courseId: course.id,
      startsAt: new Date(Date.now() + 31 * DAY),
      endsAt: new Date(Date.now() + 31 * DAY + 60 * MINUTE),
      online: true,
      capacity: 10,
      applicationDeadline: new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10),
      outlookAction: 'create',
      transactionId: randomUUID(),
    });
    const training = createTrainingOutlook({
      store,
      people: createPeopleStore(database.db, now),
      calendar,
      logger: testLogger,
      mailbox: mailbox.id,
      now,
      leaseMs: 10 * MINUTE,
      retryBaseMs: 1000,
      pacer: createMailboxPacer(database.db, { now }),
      sleep,
    });
    await training.applyPending(session.id);
    const [stored] = await database.db
      .select()
      .from(trainingSessions)
      .where(eq(trainingSessions.id, session.id));
    expect(stored).toMatchObject({
      outlookAction: null,
      outlookFailed: false,
      joinUrl: null,
      noTeamsLink: true,
    });
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
    emulator.setOnlineMeetingProviders(mailbox.id, ['teamsForBusiness']);
  });

  it('moves a training session at once when HR moved it while its event was being made', async () => {
    const mailbox = organisation.filter((person) => person.managerId !== null)[1]!;
    const store = createTrainingStore(database.db, now);
    const course = await store.insertCourse({
      category: 'specialist',
      titleJa: '移動研修',
      format: 'online',
    });
    const startsAt = Math.ceil((Date.now() + 32 * DAY) / MINUTE) * MINUTE;
    const session = await store.insertSession({
      courseId: course.id,
      startsAt: new Date(startsAt),
      endsAt: new Date(startsAt + 60 * MINUTE),
      online: true,
      capacity: 10,
      applicationDeadline: new Date(startsAt - 10 * DAY).toISOString().slice(0, 10),
      outlookAction: 'create',
      transactionId: randomUUID(),
    });
    const later = startsAt + DAY;
    // Graph makes the event from the session as claimed; before it is recorded, HR moves the session.
    const editing: Calendar = {
      ...calendar,
      createEvents: async (events) => {
        const outcomes = await calendar.createEvents(events);
        await database.db
          .update(trainingSessions)
          .set({ startsAt: new Date(later), endsAt: new Date(later + 60 * MINUTE) })
          .where(eq(trainingSessions.id, session.id));
        await store.requestOutlook(database.db, session.id, 'move');
        return outcomes;
      },
    };
    const run = await createTrainingOutlook({
      store,
      people: createPeopleStore(database.db, now),
      calendar: editing,
      logger: testLogger,
      mailbox: mailbox.id,
      now,
      leaseMs: 10 * MINUTE,
      retryBaseMs: 1000,
      pacer: createMailboxPacer(database.db, { now }),
      sleep,
    }).applyPending(session.id);
    expect(run).toMatchObject({ overtaken: 1, postponed: 0, failed: 0 });
    const [stored] = await database.db
      .select()
      .from(trainingSessions)
      .where(eq(trainingSessions.id, session.id));
    expect(stored).toMatchObject({ outlookAction: null, outlookFailed: false });
    const events = emulator.eventsOf(mailbox.id).filter((event) => event.subject.includes('移動研修'));
    expect(events).toHaveLength(1);
    expect(events[0]!.id).toBe(stored!.eventId);
    expect(Date.parse(events[0]!.startUtc)).toBe(later);
  });

  it('invites a training session of 200 people a minute’s worth at a time, with no 429', async () => {
    const [mailbox, ...rest] = organisation.filter((person) => person.managerId !== null);
    const attendees = rest.slice(0, 200);
    const store = createTrainingStore(database.db, now);
    const course = await store.insertCourse({
      category: 'specialist',
      titleJa: '大人数研修',
      format: 'online',
    });
    const session = await store.insertSession({
      courseId: course.id,
      startsAt: new Date(Date.now() + 30 * DAY),
      endsAt: new Date(Date.now() + 30 * DAY + 2 * 60 * MINUTE),
      online: true,
      capacity: 250,
      applicationDeadline: new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10),
      outlookAction: 'create',
      transactionId: randomUUID(),
    });
    await database.db.insert(trainingEnrolments).values(
      attendees.map((person, index) => ({
        sessionId: session.id,
        personId: person.id,
        status: 'confirmed' as const,
        origin: 'nomination' as const,
        confirmedAt: new Date(Date.now() + index),
      })),
    );
    const training = createTrainingOutlook({
      store,
      people: createPeopleStore(database.db, now),
      calendar,
      logger: testLogger,
      mailbox: mailbox!.id,
      now,
      leaseMs: 10 * MINUTE,
      retryBaseMs: 1000,
      pacer: createMailboxPacer(database.db, { now }),
      sleep,
    });
    const refusedBefore = emulator.stats().sendingLimitRefusals;
    let minutes = 0;
    for (; minutes < 20; minutes += 1) {
      await training.applyPending(session.id);
      if ((await store.uninvited(session.id)).length === 0) break;
      clock += MINUTE;
      await releaseLeases();
    }
    expect(emulator.stats().sendingLimitRefusals).toBe(refusedBefore);
    expect(minutes).toBeGreaterThanOrEqual(6);
    const events = eventsOf(mailbox!).filter((event) => event.subject === '【研修】大人数研修');
    expect(events).toHaveLength(1);
    expect(events[0]!.attendees).toHaveLength(200);
    const [stored] = await database.db
      .select()
      .from(trainingSessions)
      .where(eq(trainingSessions.id, session.id));
    expect(stored).toMatchObject({ outlookAction: null, noTeamsLink: false });
    expect(stored!.joinUrl).toBeTruthy();
  });
});
