import { describe, expect, it } from 'vitest';
import type { EnrolmentStatus } from '../../../src/training/training.contract.ts';
import { placeOnConfirm, promotions, seatsTaken, waitingList } from '../../../src/training/roster.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 1, minute));
const entry = (
  id: string,
  status: EnrolmentStatus,
  waitlistedMinute: number | null = null,
  createdMinute = 0,
) => ({
  id,
  status,
  waitlistedAt: waitlistedMinute === null ? null : at(waitlistedMinute),
  createdAt: at(createdMinute),
});

describe('roster', () => {
  it('counts confirmed, attended and reported people as holding seats, and nobody else', () => {
    const entries = [
      entry('a', 'confirmed'),
      entry('b', 'attended'),
      entry('c', 'reported'),
      entry('d', 'applied'),
      entry('e', 'waitlisted', 1),
      entry('f', 'withdrawn'),
      entry('g', 'declined'),
    ];
    expect(seatsTaken(entries)).toBe(3);
  });

  it('confirms into a free seat and waitlists once the session is full', () => {
    expect(placeOnConfirm([entry('a', 'confirmed'), entry('b', 'applied')], 2)).toBe('confirmed');
    expect(placeOnConfirm([entry('a', 'confirmed'), entry('b', 'confirmed')], 2)).toBe('waitlisted');
  });

  it('keeps the waiting list in the order people were put on it, not the order they enrolled', () => {
    const entries = [
      entry('late', 'waitlisted', 9, 0),
      entry('early', 'waitlisted', 3, 5),
      entry('x', 'confirmed'),
    ];
    expect(waitingList(entries).map((item) => item.id)).toEqual(['early', 'late']);
  });

  it('moves up only as many waiting people as there are free seats, first come first', () => {
    const entries = [
      entry('a', 'confirmed'),
      entry('w1', 'waitlisted', 1),
      entry('w2', 'waitlisted', 2),
      entry('w3', 'waitlisted', 3),
    ];
    expect(promotions(entries, 1)).toEqual([]);
    expect(promotions(entries, 3).map((item) => item.id)).toEqual(['w1', 'w2']);
    expect(promotions(entries, 10).map((item) => item.id)).toEqual(['w1', 'w2', 'w3']);
  });
});
