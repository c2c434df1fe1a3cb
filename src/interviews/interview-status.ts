import type { InterviewStore } from './interview.store.ts';
import { isFormalInterview, type FormalInterviewType } from './interview.contract.ts';

/**
 * The statuses of an interview that stands: booked, or being put into Outlook. Cancelled and failed ones
 * never count. One that stands is held once its end has passed (the team view and the 育成 page agree).
 */
export const heldInterviewStatuses: Array<'pending' | 'booked'> = ['pending', 'booked'];

export interface InterviewStatus {
  status: 'booked' | 'done';
  type: FormalInterviewType;
  start: string;
}

/**
 * Where each person stands with one-on-ones this fiscal year, for the supervisor's team view: the next
 * interview ahead (booked, or being put into Outlook), else the latest one held. Failed bookings do not
 * count: the supervisor sees those on the interviews page. Only the formal interviews count: a 1:1 held
 * or booked says nothing of where the person stands in the cycle (it is on the interviews page).
 */
export function createInterviewStatus(store: Pick<InterviewStore, 'liveOfPeople'>) {
  return {
    async statusOf(
      personIds: string[],
      fiscalYear: number,
      now: Date,
    ): Promise<Map<string, InterviewStatus>> {
      const rows = (await store.liveOfPeople(personIds, fiscalYear)).filter(
        (row): row is typeof row & { type: FormalInterviewType } =>
          heldInterviewStatuses.some((status) => status === row.status) && isFormalInterview(row.type),
      );
      const found = new Map<string, InterviewStatus>();
      for (const personId of personIds) {
        const own = rows.filter((row) => row.personId === personId);
        const ahead = own.find((row) => row.endsAt > now);
        const held = own.filter((row) => row.endsAt <= now).at(-1);
        const pick = ahead ?? held;
        if (pick)
          found.set(personId, {
            status: ahead ? 'booked' : 'done',
            type: pick.type,
            start: pick.startsAt.toISOString(),
          });
      }
      return found;
    },
  };
}

/**
 * When each standing career interview (キャリア面談) of these people starts, any fiscal year: what closes a
 * career milestone's prompt on the team page (docs/growth.md, "Career milestones").
 */
export function createCareerInterviewStarts(store: Pick<InterviewStore, 'liveCareerOf'>) {
  return async (personIds: string[]): Promise<Array<{ personId: string; startsAt: Date }>> =>
    (await store.liveCareerOf(personIds))
      .filter((row) => heldInterviewStatuses.some((status) => status === row.status))
      .map((row) => ({ personId: row.personId, startsAt: row.startsAt }));
}
