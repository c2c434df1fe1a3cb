// What the booking panel keeps between its steps: the plan it was given, and how the booking ended.
import type { BookingResponse, PlanResponse } from '../../../src/interviews/interview.contract.ts';
import type { Choices, PlanSettings } from './schedule.ts';

export interface Planned {
  plan: PlanResponse;
  /** What the plan was made with: booking sends exactly these, even if the form changed since. */
  settings: PlanSettings;
  choices: Choices;
}

export type Outcome =
  | { kind: 'conflict'; names: string[] }
  | { kind: 'error'; error: unknown }
  | { kind: 'booked'; booking: BookingResponse };
