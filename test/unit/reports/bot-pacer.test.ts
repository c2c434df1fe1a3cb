import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_LIMITS,
  createBotPacer,
  TENANT_LIMITS,
  type PacerScope,
  type RateWindow,
} from '../../../src/reports/bot-pacer.ts';

function fakeClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const chat = (conversationId: string): PacerScope => ({ tenantId: 't', conversationId });

/** Grants as many as it can right now, answering each at once. */
function grantNow(pacer: ReturnType<typeof createBotPacer>, scope: PacerScope, max = 10_000) {
  let granted = 0;
  for (; granted < max; granted += 1) {
    const decision = pacer.acquire(scope);
    if (!decision.granted) return { granted, waitMs: decision.waitMs };
    pacer.complete(decision.slot);
  }
  return { granted, waitMs: 0 };
}

describe('bot pacer', () => {
  it('holds Teams’ limits: 7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour a conversation; 30 a second a tenant', () => {
    expect(CONVERSATION_LIMITS).toEqual([
      { limit: 7, windowMs: 1000 },
      { limit: 8, windowMs: 2000 },
      { limit: 60, windowMs: 30_000 },
      { limit: 1800, windowMs: 3_600_000 },
    ]);
    expect(TENANT_LIMITS).toEqual([{ limit: 30, windowMs: 1000 }]);
  });

  it('lets 7 messages into one conversation at once and says when the eighth may go', () => {
    const clock = fakeClock();
    const pacer = createBotPacer({ clock: clock.now });
    const first = grantNow(pacer, chat('a'));
    expect(first).toEqual({ granted: 7, waitMs: 1000 });
    clock.advance(999);
    expect(pacer.acquire(chat('a')).granted).toBe(false);
    clock.advance(1);
    // The eighth fits the 1-second window again, but the 2-second window allows only one more.
    expect(grantNow(pacer, chat('a'))).toEqual({ granted: 1, waitMs: 1000 });
  });

  it('lets no more than 30 a second through the tenant, over any number of conversations', () => {
    const clock = fakeClock();
    const pacer = createBotPacer({ clock: clock.now });
    let granted = 0;
    for (let index = 0; index < 100; index += 1) {
      const decision = pacer.acquire(chat(`c${index}`));
      if (decision.granted) {
        granted += 1;
        pacer.complete(decision.slot);
      } else expect(decision.waitMs).toBe(1000);
    }
    expect(granted).toBe(30);
  });

  it('counts a request until its answer is a window old, so a slow answer holds its slot longer', () => {
    const clock = fakeClock();
    const pacer = createBotPacer({ clock: clock.now, tenantLimits: [{ limit: 1, windowMs: 1000 }] });
    const first = pacer.acquire(chat('a'));
    expect(first.granted).toBe(true);
    clock.advance(5000);
    // Still in flight: Teams may not have seen it yet.
    expect(pacer.acquire(chat('b')).granted).toBe(false);
    if (first.granted) pacer.complete(first.slot);
    clock.advance(999);
    expect(pacer.acquire(chat('b'))).toEqual({ granted: false, waitMs: 1, blockedBy: 'tenant' });
    clock.advance(1);
    expect(pacer.acquire(chat('b')).granted).toBe(true);
  });

  it('holds a conversation until a Retry-After has passed, and leaves the others alone', () => {
    const clock = fakeClock();
    const pacer = createBotPacer({ clock: clock.now });
    pacer.pause(chat('a'), clock.now() + 3000);
    expect(pacer.acquire(chat('a'))).toEqual({ granted: false, waitMs: 3000, blockedBy: 'conversation' });
    expect(pacer.acquire(chat('b')).granted).toBe(true);
    clock.advance(3000);
    expect(pacer.acquire(chat('a')).granted).toBe(true);
  });

  it('remembers messages answered before it started (after a restart) against the hourly limit', () => {
    const clock = fakeClock(10_000_000);
    const pacer = createBotPacer({ clock: clock.now });
    for (let index = 0; index < 1800; index += 1)
      pacer.record({ conversationId: 'a' }, clock.now() - 3_000_000 + index);
    const decision = pacer.acquire(chat('a'));
    expect(decision.granted).toBe(false);
    if (!decision.granted) expect(decision.waitMs).toBe(600_000);
    expect(pacer.acquire(chat('b')).granted).toBe(true);
  });

  it('forgets conversations with nothing counting any more', () => {
    const clock = fakeClock();
    const pacer = createBotPacer({ clock: clock.now, conversationLimits: [{ limit: 1, windowMs: 1000 }] });
    expect(grantNow(pacer, chat('a')).granted).toBe(1);
    clock.advance(1000);
    pacer.sweep();
    expect(grantNow(pacer, chat('a')).granted).toBe(1);
  });

  // Any schedule: requests asked for at arbitrary times, to arbitrary conversations, answered after
  // arbitrary delays. Teams counts each somewhere between its start and its answer; whichever moment
  // that is, no window of any conversation or of the tenant ever holds more than its limit.
  it('never lets any window hold more than its limit, for any schedule and any network delay', () => {
    const small: { conversation: RateWindow[]; tenant: RateWindow[] } = {
      conversation: [
        { limit: 3, windowMs: 100 },
        { limit: 4, windowMs: 200 },
        { limit: 6, windowMs: 1000 },
      ],
      tenant: [{ limit: 5, windowMs: 100 }],
    };
    const request = fc.record({
      gapMs: fc.integer({ min: 0, max: 60 }),
      conversation: fc.constantFrom('a', 'b', 'c', 'd'),
      latencyMs: fc.integer({ min: 0, max: 150 }),
      // Where between start and answer Teams counts it: 0 = on sending, 1 = on answering.
      arrival: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 120 }), (requests) => {
        const clock = fakeClock(0);
        const pacer = createBotPacer({
          clock: clock.now,
          conversationLimits: small.conversation,
          tenantLimits: small.tenant,
        });
        const answers: Array<{ at: number; slot: Parameters<typeof pacer.complete>[0] }> = [];
        const arrivals: Array<{ conversation: string; at: number }> = [];
        const answerDue = () => {
          answers.sort((x, y) => x.at - y.at);
          while (answers.length > 0 && answers[0]!.at <= clock.now()) pacer.complete(answers.shift()!.slot);
        };
        for (const next of requests) {
          // Move the clock forward, answering requests in time order on the way.
          const target = clock.now() + next.gapMs;
          for (;;) {
            const due = answers.reduce((min, answer) => Math.min(min, answer.at), Infinity);
            if (due > target) break;
            clock.advance(due - clock.now());
            answerDue();
          }
          clock.advance(target - clock.now());
          answerDue();
          const decision = pacer.acquire({ tenantId: 't', conversationId: next.conversation });
          if (!decision.granted) {
            if (decision.waitMs <= 0) return false;
            continue;
          }
          const start = clock.now();
          const end = start + next.latencyMs;
          answers.push({ at: end, slot: decision.slot });
          arrivals.push({ conversation: next.conversation, at: start + (end - start) * next.arrival });
        }
        const exceeds = (times: number[], windows: RateWindow[]) =>
          windows.some(({ limit, windowMs }) =>
            times.some((at) => times.filter((other) => other > at - windowMs && other <= at).length > limit),
          );
        if (
          exceeds(
            arrivals.map((arrival) => arrival.at),
            small.tenant,
          )
        )
          return false;
        for (const conversation of ['a', 'b', 'c', 'd'])
          if (
            exceeds(
              arrivals
                .filter((arrival) => arrival.conversation === conversation)
                .map((arrival) => arrival.at),
              small.conversation,
            )
          )
            return false;
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('grants again as soon as it said it would (waits are not longer than needed)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 80 }), (conversations) => {
        const clock = fakeClock(0);
        const pacer = createBotPacer({ clock: clock.now });
        for (const conversation of conversations) {
          let decision = pacer.acquire(chat(conversation));
          if (!decision.granted) {
            clock.advance(decision.waitMs);
            decision = pacer.acquire(chat(conversation));
          }
          if (!decision.granted) return false;
          pacer.complete(decision.slot);
        }
        return true;
      }),
    );
  });
});
