import { and, asc, desc, eq, gte, inArray, isNotNull, lt, ne, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { firstRow, rowsById, updateAtVersion } from '../db/rows.ts';
import { createOutbox, outlookOutboxColumns } from '../jobs/outbox.ts';
import { interviewBookings, interviewSeries, interviews } from './interview.schema.ts';

export type InterviewRow = typeof interviews.$inferSelect;
export type NewInterview = typeof interviews.$inferInsert;

/** PostgreSQL's unique_violation, as node-postgres and PGlite report it (possibly wrapped by drizzle). */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** `now` is the service clock (tests freeze or move it): it stamps what the store changes. */
export function createInterviewStore(db: Db, now: () => Date) {
  const outbox = createOutbox(db, interviews, outlookOutboxColumns(interviews));
  /** The interviews, cancelled ones too, that meet these conditions. */
  const all = (...conditions: SQL[]) =>
    db
      .select()
      .from(interviews)
      .where(and(...conditions));
  /** The live interviews (all but cancelled ones) that meet these conditions. */
  const live = (...conditions: SQL[]) => all(ne(interviews.status, 'cancelled'), ...conditions);
  return {
    get: rowsById(db, interviews).one,

    async ofBooking(bookingId: string): Promise<InterviewRow[]> {
      return all(eq(interviews.bookingId, bookingId)).orderBy(asc(interviews.startsAt));
    },

    async findBooking(organizerId: string, idempotencyKey: string): Promise<string | undefined> {
      const booking = await firstRow(
        db
          .select({ id: interviewBookings.id })
          .from(interviewBookings)
          .where(
            and(
              eq(interviewBookings.organizerId, organizerId),
              eq(interviewBookings.idempotencyKey, idempotencyKey),
            ),
          ),
      );
      return booking?.id;
    },

    /**
     * The booking and its interviews in one transaction: all of them are stored, or none. `within` runs
     * in the same transaction with the new interviews' ids (a 1:1 request it accepts is marked booked).
     */
    async insertBooking(
      booking: {
        organizerId: string;
        idempotencyKey: string;
        /** A recurring 1:1 series: `rows` are its occurrences, in order. */
        series?: typeof interviewSeries.$inferInsert | undefined;
      },
      rows: Array<Omit<NewInterview, 'bookingId'>>,
      within?: (tx: Db, interviewIds: string[]) => Promise<void>,
    ): Promise<string> {
      return db.transaction(async (tx) => {
        const [created] = await tx
          .insert(interviewBookings)
          .values({ organizerId: booking.organizerId, idempotencyKey: booking.idempotencyKey })
          .returning();
        const series = booking.series
          ? (await tx.insert(interviewSeries).values(booking.series).returning())[0]
          : undefined;
        const inserted = await tx
          .insert(interviews)
          .values(
            rows.map((row, index) => ({
              ...row,
              bookingId: created!.id,
              ...(series ? { seriesId: series.id, seriesIndex: index } : {}),
            })),
          )
          .returning({ id: interviews.id });
        await within?.(
          tx,
          inserted.map((row) => row.id),
        );
        return created!.id;
      });
    },

    /** Live interviews (not cancelled) of these people for a type and fiscal year. */
    async liveOfType(personIds: string[], type: InterviewRow['type'], fiscalYear: number) {
      if (personIds.length === 0) return [];
      return live(
        inArray(interviews.personId, personIds),
        eq(interviews.type, type),
        eq(interviews.fiscalYear, fiscalYear),
      );
    },

    /** The organizer's live interviews that touch a window (they block planning like busy time). */
    async liveOfOrganizerBetween(organizerId: string, from: Date, to: Date) {
      return live(
        eq(interviews.organizerId, organizerId),
        lt(interviews.startsAt, to),
        gte(interviews.endsAt, from),
      );
    },

    async listFor(field: 'organizerId' | 'personId', personId: string, fiscalYear: number | undefined) {
      const conditions = [eq(interviews[field], personId)];
      if (fiscalYear !== undefined) conditions.push(eq(interviews.fiscalYear, fiscalYear));
      return all(...conditions).orderBy(desc(interviews.startsAt));
    },

    /** The person's latest earlier interview, for carrying over open action items. */
    async previousOf(personId: string, before: Date): Promise<InterviewRow | undefined> {
      const rows = await live(eq(interviews.personId, personId), lt(interviews.startsAt, before))
        .orderBy(desc(interviews.startsAt))
        .limit(1);
      return rows[0];
    },

    /** For the team view: each person's nearest live interview of the fiscal year. */
    /** The live career interviews (キャリア面談) of these people, any fiscal year. */
    async liveCareerOf(personIds: string[]) {
      if (personIds.length === 0) return [];
      return live(inArray(interviews.personId, personIds), eq(interviews.type, 'career'));
    },

    async liveOfPeople(personIds: string[], fiscalYear: number) {
      if (personIds.length === 0) return [];
      return live(inArray(interviews.personId, personIds), eq(interviews.fiscalYear, fiscalYear)).orderBy(
        asc(interviews.startsAt),
      );
    },

    getSeries: rowsById(db, interviewSeries).one,

    async occurrencesOf(seriesId: string): Promise<InterviewRow[]> {
      return all(eq(interviews.seriesId, seriesId)).orderBy(asc(interviews.seriesIndex));
    },

    /** The occurrence before this one in its series that is not cancelled, if any. */
    async previousOccurrence(seriesId: string, seriesIndex: number): Promise<InterviewRow | undefined> {
      const rows = await live(eq(interviews.seriesId, seriesId), lt(interviews.seriesIndex, seriesIndex))
        .orderBy(desc(interviews.seriesIndex))
        .limit(1);
      return rows[0];
    },

    /**
     * Appends the open action items carried from an earlier occurrence, once: only while none were
     * carried into this occurrence yet (a second open, a retry or a race finds it done). A new version.
     */
    async carryOverOnce(
      id: string,
      fromId: string,
      items: NewInterview['actionItems'],
      at: Date,
    ): Promise<InterviewRow | undefined> {
      const [row] = await db
        .update(interviews)
        .set({
          actionItems: sql`${interviews.actionItems} || ${JSON.stringify(items ?? [])}::jsonb`,
          carriedOverFrom: fromId,
          version: sql`${interviews.version} + 1`,
          updatedAt: at,
        })
        .where(and(eq(interviews.id, id), isNull(interviews.carriedOverFrom)))
        .returning();
      return row;
    },

    /** Notes the series master Outlook made (also found again by our key after a crash). */
    async noteSeriesEvent(seriesId: string, eventId: string): Promise<void> {
      await db
        .update(interviewSeries)
        .set({ eventId, updatedAt: now() })
        .where(eq(interviewSeries.id, seriesId));
    },

    /**
     * Gives the later occurrences of a series their own occurrence's event, once the recurring meeting
     * exists: only those still waiting for one (a retry after a crash finds them done and leaves them).
     */
    async attachOccurrence(
      id: string,
      facts: Pick<NewInterview, 'eventId' | 'joinUrl' | 'webLink' | 'noTeamsLink'>,
      changedInOutlook: 'deleted' | null,
    ): Promise<void> {
      await db
        .update(interviews)
        .set({ ...facts, changedInOutlook, status: 'booked', error: null, updatedAt: now() })
        .where(and(eq(interviews.id, id), isNull(interviews.eventId), eq(interviews.status, 'pending')));
    },

    /** Optimistic update: only if nobody changed the row since `expected`. */
    async update(
      id: string,
      expected: number,
      changes: Partial<NewInterview>,
    ): Promise<InterviewRow | undefined> {
      return updateAtVersion(db, interviews, id, expected, changes, now());
    },

    /**
     * Claims rows that still owe Outlook an action, for `leaseMs`: another worker (or this one after a
     * crash) takes them again only once the lease has run out.
     */
    async claimOutlookWork(limit: number, leaseMs: number, bookingId?: string): Promise<InterviewRow[]> {
      return outbox.claim(limit, leaseMs, bookingId ? eq(interviews.bookingId, bookingId) : undefined);
    },

    /**
     * Records what Outlook did and releases the lease. If a user changed the interview meanwhile (its
     * version moved on), their pending action stays — and since an event now exists, a pending create
     * becomes a move — while the facts from Outlook (event id, links) are kept either way.
     */
    async settle(
      claimed: InterviewRow,
      facts: Pick<Partial<NewInterview>, 'eventId' | 'joinUrl' | 'webLink' | 'noTeamsLink'>,
      outcome: Pick<Partial<NewInterview>, 'status' | 'error' | 'changedInOutlook'>,
    ): Promise<boolean> {
      return outbox.settle(claimed.id, eq(interviews.version, claimed.version), {
        facts,
        outcome: { ...outcome, updatedAt: now() },
        created: Boolean(facts.eventId),
      });
    },

    /** A retryable failure: try again after `retryAt`, noting why. */
    postpone: outbox.postpone,

    countAttempt: outbox.countAttempt,

    /** What was seen in Outlook (a response, a move, a deletion): facts, not user edits — no version bump. */
    async noteOutlookState(
      id: string,
      changes: Pick<Partial<NewInterview>, 'response' | 'changedInOutlook' | 'startsAt' | 'endsAt'>,
    ): Promise<void> {
      await db
        .update(interviews)
        .set({ ...changes, updatedAt: now() })
        .where(and(eq(interviews.id, id), isNull(interviews.outlookAction)));
    },

    /** Booked interviews of an organizer whose Outlook events are among `eventIds`. */
    async bookedWithEvents(organizerId: string, eventIds: string[]): Promise<InterviewRow[]> {
      if (eventIds.length === 0) return [];
      return db
        .select()
        .from(interviews)
        .where(
          and(
            eq(interviews.organizerId, organizerId),
            eq(interviews.status, 'booked'),
            inArray(interviews.eventId, eventIds),
            isNull(interviews.outlookAction),
          ),
        );
    },

    /** Everyone who organizes a booked interview ending after `from`: the mailboxes to watch. */
    async organizersWithBookings(from: Date): Promise<string[]> {
      const rows = await db
        .selectDistinct({ organizerId: interviews.organizerId })
        .from(interviews)
        .where(
          and(eq(interviews.status, 'booked'), isNotNull(interviews.eventId), gte(interviews.endsAt, from)),
        )
        .orderBy(asc(interviews.organizerId));
      return rows.map((row) => row.organizerId);
    },
  };
}

export type InterviewStore = ReturnType<typeof createInterviewStore>;
