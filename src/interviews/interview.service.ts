import { randomUUID } from 'node:crypto';
import type { AccessPolicy, Actor, Relation } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { halfPeriodAt } from '../shared/fiscal-period.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import type { PeopleStore, PersonRow } from '../people/people.store.ts';
import type { Calendar, MailboxSchedule } from './calendar.port.ts';
import { buildAgenda, carryOver } from './interview-content.ts';
import {
  isFormalInterview,
  MAX_WINDOW_DAYS,
  SERIES_OCCURRENCES_MAX,
  SERIES_OCCURRENCES_MIN,
  type BookingRequest,
  type SeriesCollision,
  type SeriesInput,
  type BookingResponse,
  type CancelInput,
  type AgendaItem,
  type InterviewDetail,
  type InterviewType,
  type InterviewSummary,
  type PlanOptions,
  type PlanRequest,
  type PlanResponse,
  type RecordInput,
  type RescheduleInput,
} from './interview.contract.ts';
import { isUniqueViolation, type InterviewRow, type InterviewStore } from './interview.store.ts';
import { markRequestBooked, type InterviewRequests } from './interview-requests.ts';
import type { RequestNotices } from './request-notices.ts';
import { isAccessDenied } from './bulk-planning.ts';
import { SENDING_LIMIT_WAIT } from './outlook-sync.ts';
import {
  alternativesFor,
  blockingIntervals,
  isSlotAvailable,
  jstMidnight,
  planInterviews,
  type Interval,
  type Plan,
  type SlotSearch,
} from './slot-finder.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

/**
 * The starts of a series' occurrences: every `intervalWeeks` weeks from the first, as Outlook's weekly
 * recurrence on the first start's weekday puts them (Japan time has no daylight saving). A last day
 * gives as many as fall on or before it. Out of bounds (2–26): a 400 naming the field.
 */
export function seriesStarts(first: number, series: SeriesInput): number[] {
  const step = series.intervalWeeks * WEEK_MS;
  const count =
    series.occurrences ?? Math.floor((jstMidnight(series.until!) + DAY_MS - 1 - first) / step) + 1;
  if (count < SERIES_OCCURRENCES_MIN || count > SERIES_OCCURRENCES_MAX)
    throw new AppError('validation_failed', 'The series does not work.', [
      {
        path: series.occurrences === undefined ? 'body.series.until' : 'body.series.occurrences',
        message: `a series has ${SERIES_OCCURRENCES_MIN} to ${SERIES_OCCURRENCES_MAX} occurrences (this gives ${Math.max(count, 0)})`,
      },
    ]);
  return Array.from({ length: count }, (_, index) => first + index * step);
}

/** What the interview slice needs to know of a person's goals (the growth slice answers). */
export interface GoalTitles {
  goalTitlesOf(personId: string, fiscalYear: number): Promise<string[]>;
}

export interface InterviewServiceDependencies {
  store: InterviewStore;
  people: PeopleStore;
  access: AccessPolicy;
  audit: AuditLog;
  calendar: Calendar;
  goals: GoalTitles;
  framework: Framework;
  /** 1:1 requests, which a booking may accept. */
  requests?: Pick<InterviewRequests, 'requireOpenFor'>;
  /** The bot's notice to the requester that their request was booked (in the booking's transaction). */
  requestNotices?: Pick<RequestNotices, 'booked'> | undefined;
  /** Tells the worker there is Outlook work for a booking (a job; the periodic sweep is the safety net). */
  notifyOutlookWork: (bookingId: string) => Promise<void>;
  now: () => Date;
}

const mailboxOf = (person: PersonRow) => person.mail ?? person.userPrincipalName;

export function createInterviewService(deps: InterviewServiceDependencies) {
  const { store, people, access } = deps;
  const audited = auditOf(deps.audit, 'interview');

  const requireOrganizerRights = async (actor: Actor, personIds: readonly string[]) => {
    for (const id of personIds) await access.require(actor, id, ['supervisor', 'hr']);
  };

  const directoryOf = async (ids: readonly string[]) => {
    const found = new Map((await people.getMany([...new Set(ids)])).map((person) => [person.id, person]));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0)
      throw new AppError(
        'not_found',
        'Some people are not in the directory.',
        missing.map((id) => ({ path: 'personIds', message: id })),
      );
    return found;
  };

  const checkWindow = (options: PlanOptions) => {
    const first = jstMidnight(options.firstDay);
    const last = jstMidnight(options.lastDay);
    const details: Array<{ path: string; message: string }> = [];
    if (last < first) details.push({ path: 'body.lastDay', message: 'must not be before firstDay' });
    if ((last - first) / DAY_MS + 1 > MAX_WINDOW_DAYS)
      details.push({ path: 'body.lastDay', message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
    if (last + DAY_MS <= deps.now().getTime())
      details.push({ path: 'body.lastDay', message: 'the window is over' });
    if (options.dayEnd <= options.dayStart)
      details.push({ path: 'body.dayEnd', message: 'must be after dayStart' });
    for (const [index, pause] of options.breaks.entries())
      if (pause.end <= pause.start)
        details.push({ path: `body.breaks.${index}`, message: 'must end after it starts' });
    if (details.length > 0)
      throw new AppError('validation_failed', 'The planning window does not work.', details);
    return { from: new Date(first), to: new Date(last + DAY_MS) };
  };

  /** Free/busy of the organizer and the people, and the organizer's interviews, as a slot search. */
  const searchFor = async (
    organizer: PersonRow,
    persons: PersonRow[],
    options: PlanOptions,
  ): Promise<SlotSearch> => {
    const window = checkWindow(options);
    const schedules = await deps.calendar.getSchedules(
      [organizer, ...persons].map(mailboxOf),
      { start: window.from.toISOString(), end: window.to.toISOString() },
      organizer.id,
    );
    const byMailbox = new Map<string, MailboxSchedule>(
      schedules.map((schedule) => [schedule.mailbox.toLowerCase(), schedule]),
    );
    const itemsOf = (person: PersonRow) => byMailbox.get(mailboxOf(person).toLowerCase())?.items ?? null;
    const organizerItems = itemsOf(organizer);
    if (!organizerItems)
      throw new AppError(
        'conflict',
        isAccessDenied(byMailbox.get(mailboxOf(organizer).toLowerCase()))
          ? 'The app may not access your calendar (Exchange RBAC for Applications); ask the administrator to add your mailbox to its scope.'
          : 'Your own calendar could not be read; try again in a moment.',
      );
    const booked = await store.liveOfOrganizerBetween(organizer.id, window.from, window.to);
    return {
      now: deps.now().getTime(),
      firstDay: options.firstDay,
      lastDay: options.lastDay,
      durationMinutes: options.durationMinutes,
      hours: { start: options.dayStart, end: options.dayEnd, breaks: options.breaks },
      bufferMinutes: options.bufferMinutes,
      minimumNoticeMinutes: options.minimumNoticeMinutes,
      organizer: { calendar: organizerItems },
      attendees: persons.map((person) => ({
        personId: person.id,
        calendar: itemsOf(person),
        calendarDenied: isAccessDenied(byMailbox.get(mailboxOf(person).toLowerCase())),
      })),
      booked: booked.map((row) => ({ start: row.startsAt.getTime(), end: row.endsAt.getTime() })),
    };
  };

  const fiscalYearOf = (at: Date) => halfPeriodAt(at).fiscalYear;
  /** A new interview's agenda: its type's items, the person's goals of that year and their level's points. */
  const agendaOf = async (type: InterviewType, person: PersonRow, fiscalYear: number) =>
    buildAgenda({
      type,
      goalTitles: await deps.goals.goalTitlesOf(person.id, fiscalYear),
      levelId: person.levelId,
      framework: deps.framework,
    });

  const refuseRequests = (): never => {
    throw new AppError('not_found', 'No such 1:1 request.');
  };

  const summarize = (row: InterviewRow, names: Map<string, PersonRow>): InterviewSummary => ({
    id: row.id,
    type: row.type,
    fiscalYear: row.fiscalYear,
    organizerId: row.organizerId,
    organizerName: names.get(row.organizerId)?.displayName ?? '',
    personId: row.personId,
    personName: names.get(row.personId)?.displayName ?? '',
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
    status: row.status,
    response: row.response,
    changedInOutlook: row.changedInOutlook ?? null,
    joinUrl: row.joinUrl,
    noTeamsLink: row.noTeamsLink,
    waitingForSendingLimit: row.status === 'pending' && row.error === SENDING_LIMIT_WAIT,
    webLink: row.webLink,
    error: row.error,
    seriesId: row.seriesId,
    seriesIndex: row.seriesIndex,
    version: row.version,
  });

  const summaries = async (rows: InterviewRow[]) => {
    const ids = [...new Set(rows.flatMap((row) => [row.organizerId, row.personId]))];
    const names = new Map((await people.getMany(ids)).map((person) => [person.id, person]));
    return rows.map((row) => summarize(row, names));
  };

  const isoSlot = (slot: Interval) => ({
    start: new Date(slot.start).toISOString(),
    end: new Date(slot.end).toISOString(),
  });

  /** How the actor stands to an interview: its organizer, the person's chain, the person, HR. */
  const relationTo = async (actor: Actor, row: InterviewRow): Promise<Relation | 'organizer'> => {
    if (actor.id === row.organizerId) return 'organizer';
    return access.require(actor, row.personId, ['self', 'supervisor', 'hr']);
  };

  const load = async (id: string) => {
    const row = await store.get(id);
    if (!row) throw new AppError('not_found', 'No such interview.');
    return row;
  };

  const conflict = (row: InterviewRow) =>
    versionConflict(
      `Someone changed this interview in the meantime (now version ${row.version}). Reload to see it.`,
      row.version,
    );

  const detail = async (row: InterviewRow, relation: Relation | 'organizer'): Promise<InterviewDetail> => {
    const [summary] = await summaries([row]);
    const base = {
      ...summary!,
      agenda: row.agenda,
      sharedNotes: row.sharedNotes,
      actionItems: row.actionItems,
    };
    return relation === 'organizer' || relation === 'supervisor'
      ? { ...base, privateNotes: row.privateNotes }
      : base;
  };

  const editableByChain = async (actor: Actor, row: InterviewRow) => {
    const relation = await relationTo(actor, row);
    if (relation !== 'organizer' && relation !== 'supervisor')
      throw new AppError(
        'forbidden',
        'Only the supervisor who holds the interview (or their supervisors) may change it.',
      );
    if (row.status === 'cancelled') throw new AppError('conflict', 'The interview was cancelled.');
    return relation;
  };

  /**
   * A new time must be free for both, as a planned one is: blocking time in either calendar (the
   * interview's own event aside) or another interview of the organizer's is a conflict naming whom.
   */
  const requireFreeFor = async (row: InterviewRow, slot: Interval) => {
    const directory = await directoryOf([row.organizerId, row.personId]);
    const organizer = directory.get(row.organizerId)!;
    const person = directory.get(row.personId)!;
    const schedules = await deps.calendar.getSchedules(
      [mailboxOf(organizer), mailboxOf(person)],
      { start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() },
      organizer.id,
    );
    const own = { start: row.startsAt.getTime(), end: row.endsAt.getTime() };
    const busyOf = (who: PersonRow) => {
      const items = schedules.find(
        (entry) => entry.mailbox.toLowerCase() === mailboxOf(who).toLowerCase(),
      )?.items;
      if (!items)
        throw new AppError('conflict', `The calendar of ${who.displayName} could not be read; try again.`);
      return blockingIntervals(items.filter((item) => item.start !== own.start || item.end !== own.end));
    };
    const others = (
      await store.liveOfOrganizerBetween(organizer.id, new Date(slot.start), new Date(slot.end))
    )
      .filter((other) => other.id !== row.id)
      .map((other) => ({ start: other.startsAt.getTime(), end: other.endsAt.getTime() }));
    const clash = (intervals: Interval[]) =>
      intervals.some((busy) => busy.start < slot.end && slot.start < busy.end);
    const taken = [
      ...(clash([...busyOf(organizer), ...others]) ? [organizer.displayName] : []),
      ...(clash(busyOf(person)) ? [person.displayName] : []),
    ];
    if (taken.length > 0)
      throw new AppError(
        'conflict',
        'The new time is not free.',
        taken.map((name) => ({ path: 'body.start', message: `${name}: busy at that time` })),
      );
  };

  /** An occurrence waiting for its series' recurring meeting has no event to change yet. */
  const requireOccurrenceInOutlook = (row: InterviewRow) => {
    if (row.seriesId && row.status === 'pending' && !row.eventId)
      throw new AppError('conflict', 'The series is still being put into Outlook; try again in a moment.');
  };

  /** One versioned change: a stale version is a conflict; Outlook is told when it owes an action. */
  const change = async (row: InterviewRow, version: number, changes: Partial<InterviewRow>) => {
    if (row.version !== version) throw conflict(row);
    const updated = await store.update(row.id, version, changes);
    if (!updated) throw conflict((await store.get(row.id)) ?? row);
    if (updated.outlookAction) await deps.notifyOutlookWork(updated.bookingId);
    return updated;
  };

  /**
   * The occurrences after the first that meet busy time in either calendar (or the organizer's other
   * interviews): read with getSchedule over the series' range, in windows Graph accepts (under 62 days).
   * They are booked all the same; the supervisor moves the ones that need it.
   */
  const seriesCollisions = async (
    organizer: PersonRow,
    person: PersonRow,
    starts: number[],
    plan: PlanOptions,
  ): Promise<SeriesCollision[]> => {
    const length = plan.durationMinutes * 60_000;
    const later = starts.slice(1);
    if (later.length === 0) return [];
    const busy = { organizer: [] as Interval[], person: [] as Interval[] };
    const first = later[0]!;
    const last = later[later.length - 1]! + length;
    for (let from = first; from < last; from += MAX_WINDOW_DAYS * DAY_MS) {
      const to = Math.min(last, from + MAX_WINDOW_DAYS * DAY_MS);
      const schedules = await deps.calendar.getSchedules(
        [mailboxOf(organizer), mailboxOf(person)],
        { start: new Date(from).toISOString(), end: new Date(to).toISOString() },
        organizer.id,
      );
      const itemsOf = (who: PersonRow) =>
        schedules.find((schedule) => schedule.mailbox.toLowerCase() === mailboxOf(who).toLowerCase())
          ?.items ?? [];
      busy.organizer.push(...blockingIntervals(itemsOf(organizer)));
      busy.person.push(...blockingIntervals(itemsOf(person)));
      for (const row of await store.liveOfOrganizerBetween(organizer.id, new Date(from), new Date(to)))
        busy.organizer.push({ start: row.startsAt.getTime(), end: row.endsAt.getTime() });
    }
    const clash = (intervals: Interval[], start: number) =>
      intervals.some((interval) => interval.start < start + length && start < interval.end);
    return later.flatMap((start, index) => {
      const organizerBusy = clash(busy.organizer, start);
      const attendeeBusy = clash(busy.person, start);
      return organizerBusy || attendeeBusy
        ? [
            {
              seriesIndex: index + 1,
              start: new Date(start).toISOString(),
              end: new Date(start + length).toISOString(),
              organizerBusy,
              attendeeBusy,
            },
          ]
        : [];
    });
  };

  return {
    /** Proposes one slot per person from everyone's free/busy; nothing is stored. */
    async plan(actor: Actor, input: PlanRequest): Promise<PlanResponse> {
      const personIds = [...new Set(input.personIds.map((id) => id.toLowerCase()))];
      await requireOrganizerRights(actor, personIds);
      const directory = await directoryOf([actor.id, ...personIds]);
      const organizer = directory.get(actor.id)!;
      const fiscalYear = fiscalYearOf(new Date(jstMidnight(input.firstDay)));
      // One live formal interview per type and year; 1:1s are booked as often as wanted.
      const already = new Set(
        isFormalInterview(input.type)
          ? (await store.liveOfType(personIds, input.type, fiscalYear)).map((row) => row.personId)
          : [],
      );
      const persons = personIds.filter((id) => !already.has(id)).map((id) => directory.get(id)!);
      const search = await searchFor(organizer, persons, input);
      const plan: Plan = persons.length > 0 ? planInterviews(search) : { slots: [], unplaced: [] };
      const name = (id: string) => directory.get(id)?.displayName ?? '';
      return {
        slots: plan.slots.map((slot) => ({
          personId: slot.personId,
          displayName: name(slot.personId),
          ...isoSlot(slot),
          alternatives: alternativesFor(search, plan, slot.personId, 40).map(isoSlot),
        })),
        unplaced: [
          ...personIds
            .filter((id) => already.has(id))
            .map((id) => ({ personId: id, displayName: name(id), reason: 'already_booked' as const })),
          ...plan.unplaced.map((entry) => ({ ...entry, displayName: name(entry.personId) })),
        ],
      };
    },

    /**
     * Books the confirmed plan: checks every slot against fresh free/busy, stores the interviews (all or
     * none) with their Outlook action, and hands the Outlook work to the worker. A repeated confirmation
     * (same idempotency key) answers with what the first one booked.
     */
    async book(actor: Actor, input: BookingRequest): Promise<BookingResponse> {
      const earlier = await store.findBooking(actor.id, input.idempotencyKey);
      if (earlier) return { bookingId: earlier, interviews: await summaries(await store.ofBooking(earlier)) };

      const slots = input.slots.map((slot) => ({
        personId: slot.personId.toLowerCase(),
        start: Date.parse(slot.start),
        end: Date.parse(slot.end),
      }));
      const personIds = slots.map((slot) => slot.personId);
      if (new Set(personIds).size !== personIds.length)
        throw new AppError('validation_failed', 'Each person may appear once.', [
          { path: 'body.slots', message: 'duplicate person' },
        ]);
      const wrongLength = slots.findIndex(
        (slot) => slot.end - slot.start !== input.plan.durationMinutes * 60_000,
      );
      if (wrongLength >= 0)
        throw new AppError('validation_failed', 'A slot does not last the planned duration.', [
          { path: `body.slots.${wrongLength}`, message: `must last ${input.plan.durationMinutes} minutes` },
        ]);
      if (input.series && (input.type !== 'oneOnOne' || slots.length !== 1))
        throw new AppError('validation_failed', 'A series is a 1:1 with one person.', [
          { path: 'body.series', message: 'book type oneOnOne, one slot: the first occurrence' },
        ]);
      const occurrenceStarts = input.series ? seriesStarts(slots[0]!.start, input.series) : [];
      await requireOrganizerRights(actor, personIds);
      // Accepting a 1:1 request: one 1:1 for the person who asked, by the supervisor they asked.
      const request = input.requestId
        ? await (deps.requests ?? refuseRequests()).requireOpenFor(actor, input.requestId)
        : undefined;
      if (
        request &&
        (input.type !== 'oneOnOne' || personIds.length !== 1 || personIds[0] !== request.personId)
      )
        throw new AppError(
          'validation_failed',
          'A 1:1 request is accepted with one 1:1 for the person who asked.',
          [{ path: 'body.requestId', message: 'book type oneOnOne, one slot, for the requester' }],
        );
      const directory = await directoryOf([actor.id, ...personIds]);
      const organizer = directory.get(actor.id)!;

      const search = await searchFor(
        organizer,
        personIds.map((id) => directory.get(id)!),
        input.plan,
      );
      const proposed: Plan = { slots, unplaced: [] };
      const taken = slots
        .map((slot, index) => ({ slot, index }))
        .filter(({ slot }) => !isSlotAvailable(search, proposed, slot.personId, slot));
      if (taken.length > 0) {
        // A double-clicked confirmation finds its own twin's interviews in the way: answer with that booking.
        const twin = await store.findBooking(actor.id, input.idempotencyKey);
        if (twin) return { bookingId: twin, interviews: await summaries(await store.ofBooking(twin)) };
        throw new AppError(
          'conflict',
          'Some times are no longer free. Plan again to get fresh proposals.',
          taken.map(({ slot, index }) => ({
            path: `body.slots.${index}`,
            message: `${directory.get(slot.personId)?.displayName ?? slot.personId}: not free at that time any more`,
          })),
        );
      }

      const collisions = input.series
        ? await seriesCollisions(organizer, directory.get(personIds[0]!)!, occurrenceStarts, input.plan)
        : undefined;

      const rows = [];
      for (const slot of slots) {
        const person = directory.get(slot.personId)!;
        const startsAt = new Date(slot.start);
        const fiscalYear = fiscalYearOf(startsAt);
        const previous = await store.previousOf(person.id, startsAt);
        rows.push({
          organizerId: actor.id,
          personId: person.id,
          type: input.type,
          fiscalYear,
          startsAt,
          endsAt: new Date(slot.end),
          status: 'pending' as const,
          outlookAction: 'create' as const,
          transactionId: randomUUID(),
          agenda: await agendaOf(input.type, person, fiscalYear),
          actionItems: previous ? carryOver(previous.actionItems, previous.id) : [],
        });
      }
      // A series: the first occurrence's create makes the recurring meeting; the others are records of
      // their own, given their occurrence's event once Outlook made it (no Outlook action of their own).
      for (const [index, start] of occurrenceStarts.entries()) {
        if (index === 0) continue;
        const person = directory.get(slots[0]!.personId)!;
        const startsAt = new Date(start);
        const fiscalYear = fiscalYearOf(startsAt);
        rows.push({
          ...rows[0]!,
          fiscalYear,
          startsAt,
          endsAt: new Date(start + input.plan.durationMinutes * 60_000),
          outlookAction: null,
          transactionId: randomUUID(),
          agenda: await agendaOf(input.type, person, fiscalYear),
          actionItems: [],
        });
      }
      const series = input.series
        ? {
            organizerId: actor.id,
            personId: slots[0]!.personId,
            intervalWeeks: input.series.intervalWeeks,
            occurrences: occurrenceStarts.length,
          }
        : undefined;

      const first = rows[0]!;
      let bookingId: string;
      try {
        bookingId = await store.insertBooking(
          { organizerId: actor.id, idempotencyKey: input.idempotencyKey, series },
          rows,
          request
            ? async (tx, [interviewId]) => {
                await markRequestBooked(
                  tx,
                  {
                    requestId: request.id,
                    supervisorId: actor.id,
                    personId: request.personId,
                    interviewId: interviewId!,
                  },
                  deps.now(),
                );
                await deps.requestNotices?.booked(tx, request, {
                  id: interviewId!,
                  startsAt: first.startsAt,
                  endsAt: first.endsAt,
                  intervalWeeks: series?.intervalWeeks ?? null,
                });
              }
            : undefined,
        );
      } catch (error) {
        if (error instanceof AppError) {
          // The request was answered meanwhile; unless it was this same confirmation, nothing is booked.
          const raced = await store.findBooking(actor.id, input.idempotencyKey);
          if (raced) return { bookingId: raced, interviews: await summaries(await store.ofBooking(raced)) };
          throw error;
        }
        if (!isUniqueViolation(error)) throw error;
        // Either the same confirmation raced itself, or someone already has this interview this year.
        const raced = await store.findBooking(actor.id, input.idempotencyKey);
        if (raced) return { bookingId: raced, interviews: await summaries(await store.ofBooking(raced)) };
        throw new AppError('conflict', 'Someone in the plan already has this interview this fiscal year.', [
          { path: 'body.slots', message: 'already booked' },
        ]);
      }
      if (request)
        await audited('write', actor, request.personId, {
          requestId: request.id,
          request: 'accept',
          bookingId,
        });
      if (series)
        await audited('write', actor, series.personId, {
          bookingId,
          series: 'create',
          occurrences: series.occurrences,
        });
      await deps.notifyOutlookWork(bookingId);
      return {
        bookingId,
        interviews: await summaries(await store.ofBooking(bookingId)),
        ...(collisions ? { collisions } : {}),
      };
    },

    async list(
      actor: Actor,
      as: 'organizer' | 'attendee',
      fiscalYear: number | undefined,
    ): Promise<InterviewSummary[]> {
      return summaries(
        await store.listFor(as === 'organizer' ? 'organizerId' : 'personId', actor.id, fiscalYear),
      );
    },

    /**
     * One person's interviews of a year (or all), whoever held them: for the person, their supervisor
     * chain and HR, as `get` lets each read. The chain's and HR's reads are audited, as every read of
     * another person's record is; the notes are read one by one through `get`.
     */
    async listOfPerson(
      actor: Actor,
      personId: string,
      fiscalYear: number | undefined,
    ): Promise<InterviewSummary[]> {
      const relation = await access.require(actor, personId, ['self', 'supervisor', 'hr']);
      if (relation === 'supervisor' || relation === 'hr')
        await audited('read', actor, personId, { interviews: 'list', fiscalYear: fiscalYear ?? null });
      return summaries(await store.listFor('personId', personId, fiscalYear));
    },

    async get(actor: Actor, id: string): Promise<InterviewDetail> {
      let row = await load(id);
      const relation = await relationTo(actor, row);
      const previous =
        row.seriesId && (row.seriesIndex ?? 0) > 0
          ? await store.previousOccurrence(row.seriesId, row.seriesIndex!)
          : undefined;
      // The open action items of the occurrence held before carry into this one, once: the first open
      // after that occurrence started takes them over (a re-open or a retry finds them carried).
      if (
        previous &&
        !row.carriedOverFrom &&
        row.status !== 'cancelled' &&
        previous.startsAt.getTime() <= deps.now().getTime()
      )
        row =
          (await store.carryOverOnce(
            row.id,
            previous.id,
            carryOver(previous.actionItems, previous.id),
            deps.now(),
          )) ?? (await load(id));
      if (relation === 'supervisor' || relation === 'hr')
        await audited('read', actor, row.personId, { interviewId: id });
      const shown = await detail(row, relation);
      return previous
        ? {
            ...shown,
            previousOccurrence: {
              id: previous.id,
              start: previous.startsAt.toISOString(),
              sharedNotes: previous.sharedNotes,
              openActionItems: previous.actionItems.filter((item) => !item.done),
            },
          }
        : shown;
    },

    async reschedule(actor: Actor, id: string, input: RescheduleInput): Promise<InterviewDetail> {
      const row = await load(id);
      const relation = await editableByChain(actor, row);
      const start = Date.parse(input.start);
      const end = Date.parse(input.end);
      if (end <= start || end - start > 4 * 60 * 60_000)
        throw new AppError('validation_failed', 'The new time does not work.', [
          { path: 'body.end', message: 'must be after start, at most 4 hours' },
        ]);
      if (start <= deps.now().getTime())
        throw new AppError('validation_failed', 'The new time has passed.', [
          { path: 'body.start', message: 'must be in the future' },
        ]);
      if (row.version !== input.version) throw conflict(row);
      requireOccurrenceInOutlook(row);
      await requireFreeFor(row, { start, end });
      const updated = await change(row, input.version, {
        startsAt: new Date(start),
        endsAt: new Date(end),
        fiscalYear: fiscalYearOf(new Date(start)),
        outlookAction: row.eventId || row.outlookAction !== 'create' ? 'move' : 'create',
        changedInOutlook: null,
        error: null,
      });
      return detail(updated, relation);
    },

    async cancel(actor: Actor, id: string, input: CancelInput): Promise<InterviewDetail> {
      const row = await load(id);
      const relation = await editableByChain(actor, row);
      if (row.version === input.version) requireOccurrenceInOutlook(row);
      const updated = await change(row, input.version, {
        status: 'cancelled',
        outlookAction: 'cancel',
        cancelReason: input.reason,
      });
      return detail(updated, relation);
    },

    /**
     * Cancels what is left of a recurring 1:1 series: every occurrence from now on that is not cancelled
     * yet, each in Outlook as its own occurrence (the ones held stay, with their records). The version is
     * the named occurrence's.
     */
    async cancelSeries(actor: Actor, id: string, input: CancelInput): Promise<InterviewDetail> {
      const row = await load(id);
      const relation = await editableByChain(actor, row);
      if (!row.seriesId) throw new AppError('conflict', 'This interview is not part of a series.');
      if (row.version !== input.version) throw conflict(row);
      const now = deps.now().getTime();
      const remaining = (await store.occurrencesOf(row.seriesId)).filter(
        (occurrence) => occurrence.status !== 'cancelled' && occurrence.startsAt.getTime() > now,
      );
      for (const occurrence of remaining) requireOccurrenceInOutlook(occurrence);
      for (const occurrence of remaining) {
        const updated = await store.update(occurrence.id, occurrence.version, {
          status: 'cancelled',
          outlookAction: 'cancel',
          cancelReason: input.reason,
        });
        if (!updated) throw conflict((await store.get(occurrence.id)) ?? occurrence);
      }
      await audited('write', actor, row.personId, {
        seriesId: row.seriesId,
        series: 'cancel',
        cancelled: remaining.length,
      });
      if (remaining.length > 0) await deps.notifyOutlookWork(row.bookingId);
      return detail(await load(id), relation);
    },

    /**
     * The supervisor chain keeps the record; the attendee ticks their action items and, until the
     * interview starts, adds, rewrites or drops their own agenda items (source `self`) and no others.
     */
    async record(actor: Actor, id: string, input: RecordInput): Promise<InterviewDetail> {
      const row = await load(id);
      const relation = await relationTo(actor, row);
      if (row.version !== input.version) throw conflict(row);
      const ids = input.agenda.map((item) => item.id);
      const duplicate = ids.findIndex((itemId, index) => ids.indexOf(itemId) !== index);
      if (duplicate >= 0)
        throw new AppError('validation_failed', 'Each agenda item needs its own id.', [
          { path: `body.agenda.${duplicate}.id`, message: 'duplicate id' },
        ]);
      const before = new Map(row.agenda.map((item) => [item.id, item]));
      let changes: Partial<InterviewRow>;
      if (relation === 'organizer' || relation === 'supervisor') {
        // The person's own items say they wrote them: the chain keeps or drops them, never writes one.
        const forged = input.agenda.findIndex(
          (item) =>
            item.source === 'self' &&
            (before.get(item.id)?.source !== 'self' || before.get(item.id)?.text !== item.text),
        );
        if (forged >= 0)
          throw new AppError('forbidden', 'Agenda items the person added are theirs to write.', [
            { path: `body.agenda.${forged}`, message: 'only the person writes their own items' },
          ]);
        changes = {
          agenda: input.agenda,
          sharedNotes: input.sharedNotes,
          privateNotes: input.privateNotes ?? row.privateNotes,
          actionItems: input.actionItems,
        };
      } else if (relation === 'self') {
        const sameItems =
          input.actionItems.length === row.actionItems.length &&
          input.actionItems.every((item, index) => {
            const current = row.actionItems[index]!;
            return (
              item.id === current.id && item.text === current.text && item.carriedFrom === current.carriedFrom
            );
          });
        const key = (item: AgendaItem) => JSON.stringify([item.id, item.text, item.source]);
        const othersOf = (items: readonly AgendaItem[]) =>
          items.filter((item) => item.source !== 'self').map(key);
        const sameOthers = JSON.stringify(othersOf(input.agenda)) === JSON.stringify(othersOf(row.agenda));
        const sameRest =
          sameOthers && input.sharedNotes === row.sharedNotes && input.privateNotes === undefined;
        if (!sameItems || !sameRest)
          throw new AppError(
            'forbidden',
            'Only your supervisor edits the interview record; you can add your own agenda items before the interview and tick your action items.',
          );
        const agendaChanged = JSON.stringify(input.agenda.map(key)) !== JSON.stringify(row.agenda.map(key));
        if (agendaChanged && row.status === 'cancelled')
          throw new AppError('conflict', 'The interview was cancelled.');
        if (agendaChanged && row.startsAt.getTime() <= deps.now().getTime())
          throw new AppError(
            'conflict',
            'The interview has started: your own agenda items can be added until it starts.',
          );
        changes = { actionItems: input.actionItems, agenda: input.agenda };
      } else {
        throw new AppError('forbidden', 'HR reads interview records but does not write them.');
      }
      return detail(await change(row, input.version, changes), relation);
    },
  };
}

export type InterviewService = ReturnType<typeof createInterviewService>;
