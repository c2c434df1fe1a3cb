// API contract shared with the tab: the supervisor's view (policy 7(4)).
import type { InterviewType } from '../interviews/interview.contract.ts';
//
// GET /api/team → TeamResponse: everyone below the caller in the reporting lines (direct reports first,
// then their reports …), with where each stands in the current half-year and fiscal year. Empty for
// people without reports. Opening a person uses the per-person routes (self-checks, goals, career) with
// their id; those routes decide what the supervisor may see.

export type SelfCheckState = 'none' | 'draft' | 'submitted' | 'reviewed';

export interface TeamMember {
  id: string;
  displayName: string;
  jobTitle: string | null;
  levelId: string | null;
  department: string | null;
  managerId: string | null;
  /** 1 for a direct report, 2 for their reports, … */
  depth: number;
  /** The current half's self-check: none, draft, submitted, reviewed (feedback given). */
  selfCheck: SelfCheckState;
  /** Goals set for the current fiscal year. */
  goals: number;
  /** This fiscal year's next one-on-one (booked), else the latest held (done); null when none. */
  interview: { status: 'booked' | 'done'; type: InterviewType; start: string } | null;
}

export interface TeamResponse {
  /** e.g. 2026-H2 */
  period: string;
  fiscalYear: number;
  members: TeamMember[];
}
