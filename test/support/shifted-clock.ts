import type { Clock } from '../../src/shared/clock.ts';

/** A server clock that runs with the machine's, `offsetMs` ahead (or behind); a test may move it. */
export interface ShiftedClock extends Clock {
  /** A function of its own, so a test may hand `clock.now` on as a service's `now`. */
  now: () => Date;
  /** From now on, `offsetMs` ahead of the machine's clock (0: the machine's time again). */
  setOffset: (offsetMs: number) => void;
}

export function shiftedClock(offsetMs = 0): ShiftedClock {
  let offset = offsetMs;
  return {
    now: () => new Date(Date.now() + offset),
    setOffset: (next) => {
      offset = next;
    },
  };
}
