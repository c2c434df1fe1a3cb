import { describe, expect, it } from 'vitest';
import { createDueCalculator, type OpenWindow } from '../../../src/cycles/cycle-due.ts';
import { createCycleReminders } from '../../../src/cycles/cycle-reminders.ts';
import type { CycleStore } from '../../../src/cycles/cycle.store.ts';
import type { GrowthStatus } from '../../../src/cycles/growth-status.ts';
import type { BotMessage, BotMessages } from '../../../src/reports/bot-messages.port.ts';

// Monday 7 December 2026, 10:00 in Japan: the office is open.
const NOW = new Date('2026-12-07T01:00:00Z');
const WINDOW: OpenWindow = {
  kind: 'selfCheckH2',
  windowId: 'window-1',
  fiscalYear: 2026,
  closesOn: '2027-03-31',
  openedAt: new Date('2026-10-01T00:00:00Z'),
};

/** A city of `size` people, every third of whom submitted; it refuses to answer for everyone at once. */
function cityOf(size: number) {
  const ids = Array.from({ length: size }, (_, index) => `p${String(index).padStart(5, '0')}`);
  const asked: number[] = [];
  const scoped = (found: string[] | undefined): string[] => {
    if (!found) throw new Error('asked for the whole city at once');
    asked.push(found.length);
    return found;
  };
  const status: GrowthStatus = {
    assignees: (found) =>
      Promise.resolve(
        scoped(found).map((id) => ({ id, levelId: 'shuji', employmentType: 'regular' as const })),
      ),
    idsAfter: (afterId, limit) =>
      Promise.resolve(ids.filter((id) => afterId === null || id > afterId).slice(0, limit)),
    submittedSelfChecks: (_period, found) =>
      Promise.resolve(new Set(scoped(found).filter((id) => Number(id.slice(1)) % 3 === 0))),
    goalStats: () => Promise.reject(new Error('not a goal window')),
    submittedDeclarations: () => Promise.reject(new Error('not a declaration window')),
  };
  return { ids, asked, status };
}

describe('the daily cycle reminders', () => {
  it('remind everyone who owes, reading the city a page of people at a time', async () => {
    const city = cityOf(1_234);
    const due = createDueCalculator({
      store: {} as CycleStore,
      status: city.status,
      now: () => NOW,
    });
    const sent: BotMessage[] = [];
    const messages: BotMessages = {
      enqueue: (batch) => {
        sent.push(...batch);
        return Promise.resolve();
      },
      status: () => Promise.resolve(new Map()),
    };
    const reminders = createCycleReminders({
      due: { ...due, openNow: () => Promise.resolve([WINDOW]) },
      messages,
      render: () => ({ text: '', attachments: [] }),
      now: () => NOW,
    });

    expect(await reminders.run()).toEqual({ enqueued: 822 });
    const owing = city.ids.filter((id) => Number(id.slice(1)) % 3 !== 0);
    expect(sent.map((message) => message.recipient)).toEqual(
      owing.map((personId) => ({ kind: 'person', personId })),
    );
    expect(new Set(sent.map((message) => message.key)).size).toBe(owing.length);
    expect(Math.max(...city.asked)).toBeLessThanOrEqual(500);
  });
});
