// What the supervisor's 育成 page (development.service.ts) reads of other slices: the growth slice
// declares the ports, each owner implements one over its own tables (docs/growth.md, "育成の取り組み").
// A leaf module: it imports nothing, so the adapters that implement it add no import cycle.

/** One supervisor's activity towards one person in a fiscal year (`n` of whatever the port counts). */
export interface ActivityCount {
  authorId: string;
  personId: string;
  n: number;
}

/** Interviews held, formal ones and 1:1s apart. */
export interface InterviewsHeldCount {
  organizerId: string;
  personId: string;
  formal: number;
  oneOnOne: number;
}

export interface DevelopmentSources {
  /**
   * The interviews these organizers held in the fiscal year (interviews slice): booked, not cancelled
   * or failed, and over by `now`.
   */
  interviewsHeld(organizerIds: string[], fiscalYear: number, now: Date): Promise<InterviewsHeldCount[]>;
  /** The training recommendations (推薦) these people made in the fiscal year (training slice). */
  recommendations(authorIds: string[], fiscalYear: number): Promise<ActivityCount[]>;
  /** The comments these people wrote on training reports in the fiscal year (reports slice). */
  reportComments(authorIds: string[], fiscalYear: number): Promise<ActivityCount[]>;
  /** The OJT guidance these people logged in the fiscal year, by the day it was given (ojt slice). */
  ojtGuidance(authorIds: string[], fiscalYear: number): Promise<ActivityCount[]>;
}
