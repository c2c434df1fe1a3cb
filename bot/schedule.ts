// "What is next for me": the person's next interviews and upcoming training sessions, read through the
// services the tab reads them through (interviews' list, training's enrolments), never their tables.
import type { Actor } from '../src/auth/access.ts';
import type { InterviewSummary, InterviewType } from '../src/interviews/interview.contract.ts';
import type { EnrolmentStatus, EnrolmentView } from '../src/training/training.contract.ts';

export interface ScheduleSources {
  /** GET /api/interviews?as=… : the interviews I hold (organizer) or am invited to (attendee). */
  interviews(actor: Actor, as: 'organizer' | 'attendee'): Promise<InterviewSummary[]>;
  /** GET /api/training/enrolments: my enrolments. */
  enrolments(actor: Actor): Promise<EnrolmentView[]>;
  now(): Date;
}

export interface UpcomingInterview {
  id: string;
  type: InterviewType;
  start: string;
  end: string;
  /** The other person: the supervisor for the attendee, the attendee for the supervisor. */
  withName: string;
  as: 'organizer' | 'attendee';
  joinUrl: string | null;
}

export interface UpcomingTraining {
  sessionId: string;
  courseTitle: { ja: string; en: string | null };
  start: string;
  end: string;
  status: EnrolmentStatus;
}

export interface UpcomingSchedule {
  interviews: UpcomingInterview[];
  trainings: UpcomingTraining[];
}

/** How many of each the card lists; the tab has the rest. */
export const SCHEDULE_INTERVIEWS_MAX = 3;
export const SCHEDULE_TRAININGS_MAX = 5;

/** Enrolments that still lead to a seat: applied, recommended, nominated, confirmed, on the waiting list. */
const OPEN_ENROLMENTS: ReadonlySet<EnrolmentStatus> = new Set([
  'applied',
  'recommended',
  'nominated',
  'confirmed',
  'waitlisted',
]);

export async function upcomingSchedule(
  sources: ScheduleSources,
  personId: string,
): Promise<UpcomingSchedule> {
  const actor = { id: personId, isHr: false };
  const now = sources.now().getTime();
  const [attending, holding, enrolments] = await Promise.all([
    sources.interviews(actor, 'attendee'),
    sources.interviews(actor, 'organizer'),
    sources.enrolments(actor),
  ]);
  const seen = new Set<string>();
  const interviews = [
    ...attending.map((interview) => ({ interview, as: 'attendee' as const })),
    ...holding.map((interview) => ({ interview, as: 'organizer' as const })),
  ]
    // Booked, or being put into Outlook; not cancelled, not refused by Outlook; not over yet.
    .filter(
      ({ interview }) =>
        (interview.status === 'booked' || interview.status === 'pending') && Date.parse(interview.end) > now,
    )
    .filter(({ interview }) => !seen.has(interview.id) && Boolean(seen.add(interview.id)))
    .sort((a, b) => Date.parse(a.interview.start) - Date.parse(b.interview.start))
    .slice(0, SCHEDULE_INTERVIEWS_MAX)
    .map(({ interview, as }): UpcomingInterview => ({
      id: interview.id,
      type: interview.type,
      start: interview.start,
      end: interview.end,
      withName: as === 'attendee' ? interview.organizerName : interview.personName,
      as,
      joinUrl: interview.joinUrl,
    }));
  const trainings = enrolments
    .filter(
      (enrolment) =>
        OPEN_ENROLMENTS.has(enrolment.status) &&
        enrolment.sessionStatus === 'scheduled' &&
        Date.parse(enrolment.end) > now,
    )
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .slice(0, SCHEDULE_TRAININGS_MAX)
    .map((enrolment): UpcomingTraining => ({
      sessionId: enrolment.sessionId,
      courseTitle: enrolment.courseTitle,
      start: enrolment.start,
      end: enrolment.end,
      status: enrolment.status,
    }));
  return { interviews, trainings };
}
