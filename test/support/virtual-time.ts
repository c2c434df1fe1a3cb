// A clock that the test moves instead of the wall: code that takes a `clock` and a `timer` (its waits)
// runs minutes of its time in a moment of ours, while its real I/O (a database, a socket) still runs
// for real. Only the waits are virtual: `run` ends the earliest one, moving the clock to its due time,
// once it has stood unwoken for `quietMs` of real time. A wait that I/O would end (an answer arriving)
// is woken by that I/O first, so virtual time does not run ahead of requests in flight: were it to, the
// code under test would see every request take seconds, and a rate limit could never be reached.

export interface VirtualTime {
  /** Milliseconds since the epoch, as the code under test sees them. */
  clock: () => number;
  /** Calls `done` when the clock reaches now + `ms`; returns a cancel. */
  timer: (done: () => void, ms: number) => () => void;
  /** Moves the clock forward to `at` (never back), ending every wait due by then. */
  advanceTo: (at: number) => void;
  /** Runs `work`, ending the earliest pending wait once it has stood for `quietMs` real milliseconds. */
  run: <T>(work: () => Promise<T>, quietMs?: number) => Promise<T>;
}

interface Wait {
  at: number;
  done: () => void;
  /** performance.now() when it began. */
  since: number;
}

export function createVirtualTime(start = Date.now()): VirtualTime {
  let now = start;
  const waits = new Set<Wait>();

  const earliest = () => {
    let first: Wait | undefined;
    for (const wait of waits) if (!first || wait.at < first.at) first = wait;
    return first;
  };
  const endEarliest = () => {
    const first = earliest();
    if (!first) return;
    waits.delete(first);
    now = Math.max(now, first.at);
    first.done();
  };

  return {
    clock: () => now,
    timer: (done, ms) => {
      const wait = { at: now + ms, done, since: performance.now() };
      waits.add(wait);
      return () => waits.delete(wait);
    },
    advanceTo: (at) => {
      for (let first = earliest(); first && first.at <= at; first = earliest()) endEarliest();
      now = Math.max(now, at);
    },
    run: async (work, quietMs = 20) => {
      const stepper = setInterval(() => {
        const first = earliest();
        if (first && performance.now() - first.since >= quietMs) endEarliest();
      }, 2);
      try {
        return await work();
      } finally {
        clearInterval(stepper);
      }
    },
  };
}
