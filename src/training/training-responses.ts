// Reads attendees' answers to training-session invitations back from Outlook into the roster. The
// session's event lives in the training mailbox; its attendees' `status.response` changes when someone
// accepts, declines or tentatively accepts, and a delta round of that mailbox (src/calendar-watch/)
// reports the event. A fact seen in Outlook, not an edit: no version bump, the enrolment status stays
// HR's decision.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { EventChange } from '../interviews/calendar-changes.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { trainingEnrolments, trainingSessions } from './training.schema.ts';

type OutlookResponse = 'none' | 'accepted' | 'tentative' | 'declined';

const RESPONSES: Record<string, OutlookResponse> = {
  accepted: 'accepted',
  tentativelyAccepted: 'tentative',
  declined: 'declined',
};

export function createTrainingResponses(options: { db: Db; people: PeopleStore; now: () => Date }) {
  const { db } = options;
  return {
    /** Applies the attendee answers of the session events among `changes`; returns how many changed. */
    async reconcile(changes: EventChange[]): Promise<number> {
      const states = new Map(
        changes.flatMap((change) => (change.removed ? [] : [[change.eventId, change.state] as const])),
      );
      if (states.size === 0) return 0;
      const sessions = await db
        .select({ id: trainingSessions.id, eventId: trainingSessions.eventId })
        .from(trainingSessions)
        .where(inArray(trainingSessions.eventId, [...states.keys()]));
      if (sessions.length === 0) return 0;
      const enrolments = await db
        .select()
        .from(trainingEnrolments)
        .where(
          and(
            inArray(
              trainingEnrolments.sessionId,
              sessions.map((session) => session.id),
            ),
            isNotNull(trainingEnrolments.invitedAt),
          ),
        );
      const people = new Map(
        (await options.people.getMany([...new Set(enrolments.map((row) => row.personId))])).map((person) => [
          person.id,
          (person.mail ?? person.userPrincipalName).toLowerCase(),
        ]),
      );
      const eventOf = new Map(sessions.map((session) => [session.id, session.eventId!]));
      let changed = 0;
      for (const row of enrolments) {
        const state = states.get(eventOf.get(row.sessionId)!);
        const address = people.get(row.personId);
        if (!state || !address) continue;
        const answer = state.attendees.find((attendee) => attendee.address.toLowerCase() === address);
        if (!answer) continue;
        const response = RESPONSES[answer.response] ?? 'none';
        if (response === row.outlookResponse) continue;
        await db
          .update(trainingEnrolments)
          .set({ outlookResponse: response, outlookResponseAt: options.now() })
          .where(eq(trainingEnrolments.id, row.id));
        changed += 1;
      }
      return changed;
    },
  };
}
