// The slot finder: given free/busy of a supervisor and their reports, proposes one interview slot per
// report — inside working hours in Japan time, never on weekends, national holidays or the 12/29–1/3
// closure, never overlapping anyone's blocking time or another interview (with a buffer between them).
// Pure and deterministic: the clock comes in as `now`, nothing is read from outside.
import { isOfficeDay } from '../jobs/office-hours.ts';
import { jstDayOf, jstMidnight } from '../shared/japan-time.ts';
import type { NoSlotReason as ContractNoSlotReason } from './interview.contract.ts';

// The open-day rule lives in src/jobs/office-hours.ts (reminders use it too); re-exported for callers.
export { isOfficeDay, jstDayOf, jstMidnight };

/** Graph's free/busy statuses (scheduleItems[].status). */
export type FreeBusyStatus = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

/** Epoch milliseconds, half-open: [start, end). */
export interface Interval {
  start: number;
  end: number;
}

export interface CalendarItem extends Interval {
  status: FreeBusyStatus;
}

export interface DailyHours {
  /** HH:MM, Japan time */
  start: string;
  end: string;
  /** Times of day that stay free (lunch), HH:MM. */
  breaks: Array<{ start: string; end: string }>;
}

export interface SlotSearch {
  now: number;
  /** First and last day of the window, YYYY-MM-DD in Japan time, inclusive. */
  firstDay: string;
  lastDay: string;
  durationMinutes: number;
  hours: DailyHours;
  /** Free time kept between two interviews of the organizer. */
  bufferMinutes: number;
  /** No interview starts sooner than this after `now`. */
  minimumNoticeMinutes: number;
  /** Start times fall on this grid from the start of the day (default 15). */
  stepMinutes?: number;
  organizer: { calendar: CalendarItem[] };
  /** In the supervisor's order; `calendar: null` when it could not be read. */
  attendees: Array<{
    personId: string;
    calendar: CalendarItem[] | null;
    /** The calendar is unreadable because Exchange refused the app access to the mailbox. */
    calendarDenied?: boolean;
  }>;
  /** Interviews the organizer already has: they block like busy time, with the buffer around them. */
  booked: Interval[];
}

/**
 * Why nobody could be placed for a person (the contract's reasons, most basic cause first); whether they
 * already have the interview is known before the search, so that reason is never the finder's.
 */
export type NoSlotReason = Exclude<ContractNoSlotReason, 'already_booked'>;

export interface PlannedSlot extends Interval {
  personId: string;
}

export interface Plan {
  slots: PlannedSlot[];
  unplaced: Array<{ personId: string; reason: NoSlotReason }>;
}

/** Busy, tentative and out-of-office block; working elsewhere and free do not; unknown is not risked. */
const BLOCKING: ReadonlySet<FreeBusyStatus> = new Set(['busy', 'tentative', 'oof', 'unknown']);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MAX_DAYS = 366;

function minutesOf(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`time must be HH:MM, got ${time}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59 || minutes > 24 * 60) throw new RangeError(`no such time of day: ${time}`);
  return minutes;
}

/** Sorted, merged blocking intervals of a calendar. */
export function blockingIntervals(calendar: readonly CalendarItem[]): Interval[] {
  // One pass and one copy per item: a season's planning runs this for thousands of calendars.
  const blocking: Interval[] = [];
  for (const item of calendar)
    if (item.end > item.start && BLOCKING.has(item.status))
      blocking.push({ start: item.start, end: item.end });
  blocking.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const interval of blocking) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push(interval);
  }
  return merged;
}

/** Whether [start, end) misses every interval of a sorted, merged list (binary search). */
function isClear(intervals: readonly Interval[], start: number, end: number): boolean {
  let low = 0;
  let high = intervals.length;
  // First interval ending after `start`.
  while (low < high) {
    const middle = (low + high) >> 1;
    if (intervals[middle]!.end <= start) low = middle + 1;
    else high = middle;
  }
  const next = intervals[low];
  return !next || next.start >= end;
}

/**
 * The slots (sorted by start) that miss every interval of a sorted, merged list: one sweep over both
 * instead of a search per slot, as planning a whole season calls this for thousands of people.
 */
function clearSlots(slots: readonly Interval[], intervals: readonly Interval[]): Interval[] {
  const clear: Interval[] = [];
  let next = 0;
  for (const slot of slots) {
    while (next < intervals.length && intervals[next]!.end <= slot.start) next += 1;
    const blocker = intervals[next];
    if (!blocker || blocker.start >= slot.end) clear.push(slot);
  }
  return clear;
}

function overlapsWithBuffer(a: Interval, b: Interval, buffer: number): boolean {
  return a.start < b.end + buffer && b.start < a.end + buffer;
}

function validate(search: SlotSearch): void {
  const step = search.stepMinutes ?? 15;
  if (!Number.isInteger(search.durationMinutes) || search.durationMinutes <= 0)
    throw new RangeError('durationMinutes must be a positive whole number');
  if (!Number.isInteger(step) || step <= 0)
    throw new RangeError('stepMinutes must be a positive whole number');
  if (search.bufferMinutes < 0 || search.minimumNoticeMinutes < 0)
    throw new RangeError('buffer and notice cannot be negative');
  const first = jstMidnight(search.firstDay);
  const last = jstMidnight(search.lastDay);
  if (last < first) throw new RangeError('the window ends before it starts');
  if ((last - first) / DAY >= MAX_DAYS) throw new RangeError(`the window is longer than ${MAX_DAYS} days`);
  if (minutesOf(search.hours.end) <= minutesOf(search.hours.start))
    throw new RangeError('the working day ends before it starts');
  for (const pause of search.hours.breaks) {
    if (minutesOf(pause.end) <= minutesOf(pause.start)) throw new RangeError('a break ends before it starts');
  }
}

/**
 * Every start the window offers, before anyone's calendar: office days, inside the daily hours, clear
 * of the breaks, on the step grid, after the minimum notice.
 */
export function candidateSlots(search: SlotSearch): Interval[] {
  return slotGrid(search).map((slot) => ({ ...slot }));
}

/**
 * The candidate slots, kept for the last rules seen: planning many organizers with the same rules (a
 * whole season) builds the grid once instead of once per organizer. Frozen, as plans share its slots.
 */
let lastGrid: { key: string; slots: readonly Interval[]; days: readonly DayRange[] } | undefined;
function slotGrid(search: SlotSearch): readonly Interval[] {
  return gridOf(search).slots;
}

/** The grid's slots of one office day: indexes [from, to) into the grid. */
interface DayRange {
  from: number;
  to: number;
}

function gridOf(search: SlotSearch): { slots: readonly Interval[]; days: readonly DayRange[] } {
  const key = [
    search.now,
    search.firstDay,
    search.lastDay,
    search.durationMinutes,
    search.stepMinutes ?? 15,
    search.bufferMinutes,
    search.minimumNoticeMinutes,
    search.hours.start,
    search.hours.end,
    ...search.hours.breaks.flatMap((pause) => [pause.start, pause.end]),
  ].join('|');
  if (lastGrid?.key === key) return lastGrid;
  const slots = Object.freeze(buildGrid(search).map((slot) => Object.freeze(slot)));
  const days: DayRange[] = [];
  slots.forEach((slot, index) => {
    const last = days[days.length - 1];
    if (
      last &&
      slots[last.from]!.start + DAY > slot.start &&
      jstDayOf(slots[last.from]!.start) === jstDayOf(slot.start)
    )
      last.to = index + 1;
    else days.push({ from: index, to: index + 1 });
  });
  lastGrid = { key, slots, days: Object.freeze(days) };
  return lastGrid;
}

function buildGrid(search: SlotSearch): Interval[] {
  validate(search);
  const step = (search.stepMinutes ?? 15) * MINUTE;
  const duration = search.durationMinutes * MINUTE;
  const earliest = search.now + search.minimumNoticeMinutes * MINUTE;
  const dayStart = minutesOf(search.hours.start) * MINUTE;
  const dayEnd = minutesOf(search.hours.end) * MINUTE;
  const breaks = search.hours.breaks.map((pause) => ({
    start: minutesOf(pause.start) * MINUTE,
    end: minutesOf(pause.end) * MINUTE,
  }));
  const slots: Interval[] = [];
  const last = jstMidnight(search.lastDay);
  for (let midnight = jstMidnight(search.firstDay); midnight <= last; midnight += DAY) {
    if (!isOfficeDay(jstDayOf(midnight))) continue;
    for (let offset = dayStart; offset + duration <= dayEnd; offset += step) {
      const slot = { start: midnight + offset, end: midnight + offset + duration };
      if (slot.start < earliest) continue;
      if (breaks.some((pause) => offset < pause.end && pause.start < offset + duration)) continue;
      slots.push(slot);
    }
  }
  return slots;
}

interface Candidate {
  personId: string;
  index: number;
  options: Interval[];
  reason: NoSlotReason | undefined;
}

/**
 * Van der Corput's sequence, 0, 1/2, 1/4, 3/4, 1/8, …: the n-th time of day keeps apart from the ones
 * before it, however many there are.
 */
function spreadFraction(index: number): number {
  let fraction = 0;
  let weight = 0.5;
  for (let rest = index; rest > 0; rest >>= 1, weight /= 2) if (rest & 1) fraction += weight;
  return fraction;
}

/**
 * Where each attendee would ideally go, so a plan spreads instead of piling up on the first morning
 * (a supervisor cannot hold eight interviews in a row, and people are out on other days): the k-th of n
 * attendees (in the supervisor's order) aims at office day ⌊k·d/n⌋ of the window's d, so the days fill
 * evenly from first to last, and at a time of day that moves through the day (8:30, then midday, then
 * mid-morning, mid-afternoon, …), so people on the same day are apart too.
 */
function targetsOf(search: SlotSearch, count: number): Array<Interval | undefined> {
  const { slots, days } = gridOf(search);
  return Array.from({ length: count }, (_, index) => {
    const day = days[Math.floor((index * days.length) / count)];
    if (!day) return undefined;
    const offset = Math.floor(spreadFraction(index) * (day.to - day.from));
    return slots[day.from + offset];
  });
}

/** The option nearest `target` (the earlier of two as near) that `isFree` accepts. */
function nearestFree(
  options: readonly Interval[],
  target: Interval | undefined,
  isFree: (slot: Interval) => boolean,
): Interval | undefined {
  if (!target) return options.find(isFree);
  // First option starting at or after the target; then walk outwards, nearest first.
  let low = 0;
  let high = options.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (options[middle]!.start < target.start) low = middle + 1;
    else high = middle;
  }
  let before = low - 1;
  let after = low;
  while (before >= 0 || after < options.length) {
    const earlier = options[before];
    const later = options[after];
    const takeEarlier =
      earlier !== undefined &&
      (later === undefined || target.start - earlier.start <= later.start - target.start);
    const slot = takeEarlier ? earlier : later!;
    if (takeEarlier) before -= 1;
    else after += 1;
    if (isFree(slot)) return slot;
  }
  return undefined;
}

/**
 * Proposes one slot per attendee: the most constrained people are placed first, each at the option
 * clear of the interviews placed so far that is nearest their spread target (targetsOf); someone left
 * over may take a slot whose holder can move to another of their own options. Whoever still cannot be
 * placed gets the reason.
 */
export function planInterviews(search: SlotSearch): Plan {
  const candidates = optionsOf(search);
  const targets = targetsOf(search, candidates.length);
  const buffer = search.bufferMinutes * MINUTE;
  const placed = new Map<string, Interval>();
  const isFreeOf = (slot: Interval) => {
    for (const other of placed.values()) if (overlapsWithBuffer(slot, other, buffer)) return false;
    return true;
  };

  const order = [...candidates].sort((a, b) => a.options.length - b.options.length || a.index - b.index);
  const unplaced: Plan['unplaced'] = [];
  for (const candidate of order) {
    if (candidate.reason) {
      unplaced.push({ personId: candidate.personId, reason: candidate.reason });
      continue;
    }
    const direct = nearestFree(candidate.options, targets[candidate.index], isFreeOf);
    if (direct) {
      placed.set(candidate.personId, direct);
      continue;
    }
    if (!moveOneAside(candidate, candidates, placed, buffer)) {
      unplaced.push({ personId: candidate.personId, reason: 'taken_by_other_interviews' });
    }
  }
  const slots = candidates
    .filter((candidate) => placed.has(candidate.personId))
    .map((candidate) => ({ personId: candidate.personId, ...placed.get(candidate.personId)! }))
    .sort((a, b) => a.start - b.start);
  const inputOrder = new Map(candidates.map((candidate) => [candidate.personId, candidate.index]));
  unplaced.sort((a, b) => inputOrder.get(a.personId)! - inputOrder.get(b.personId)!);
  return { slots, unplaced };
}

/** One step of repair: take a slot whose single holder can move to another free option of theirs. */
function moveOneAside(
  candidate: Candidate,
  candidates: readonly Candidate[],
  placed: Map<string, Interval>,
  buffer: number,
): boolean {
  for (const slot of candidate.options) {
    const blockers = [...placed].filter(([, other]) => overlapsWithBuffer(slot, other, buffer));
    if (blockers.length !== 1) continue;
    const [blockerId] = blockers[0]!;
    const blocker = candidates.find((other) => other.personId === blockerId)!;
    const move = blocker.options.find(
      (option) =>
        !overlapsWithBuffer(option, slot, buffer) &&
        [...placed].every(
          ([personId, other]) => personId === blockerId || !overlapsWithBuffer(option, other, buffer),
        ),
    );
    if (move) {
      placed.set(blockerId, move);
      placed.set(candidate.personId, slot);
      return true;
    }
  }
  return false;
}

/** Each attendee's options (free for both, clear of booked interviews), or why there are none. */
function optionsOf(search: SlotSearch): Candidate[] {
  const slots = slotGrid(search);
  const buffer = search.bufferMinutes * MINUTE;
  const organizerBlocks = blockingIntervals(search.organizer.calendar);
  const booked = [...search.booked].sort((a, b) => a.start - b.start);
  const organizerFree = clearSlots(slots, organizerBlocks);
  const notBooked = (slot: Interval) => booked.every((other) => !overlapsWithBuffer(slot, other, buffer));
  return search.attendees.map((attendee, index) => {
    const base = { personId: attendee.personId, index, options: [] as Interval[] };
    if (!attendee.calendar)
      return {
        ...base,
        reason: attendee.calendarDenied
          ? ('calendar_access_denied' as const)
          : ('calendar_unavailable' as const),
      };
    if (slots.length === 0) return { ...base, reason: 'no_working_time' as const };
    const blocks = blockingIntervals(attendee.calendar);
    const common = clearSlots(organizerFree, blocks);
    const options = booked.length > 0 ? common.filter(notBooked) : common;
    if (options.length > 0) return { ...base, options, reason: undefined };
    let reason: NoSlotReason;
    if (common.length > 0) reason = 'taken_by_other_interviews';
    else if (organizerFree.length === 0) reason = 'organizer_busy';
    else if (!slots.some((slot) => isClear(blocks, slot.start, slot.end))) reason = 'attendee_busy';
    else reason = 'no_common_time';
    return { ...base, reason };
  });
}

/**
 * The other slots a planned person could move to (for the supervisor's swap): free for both, clear of
 * booked interviews and of everyone else's planned slot.
 */
export function alternativesFor(search: SlotSearch, plan: Plan, personId: string, limit = 50): Interval[] {
  const candidate = optionsOf(search).find((other) => other.personId === personId);
  if (!candidate) return [];
  const buffer = search.bufferMinutes * MINUTE;
  const others = plan.slots.filter((slot) => slot.personId !== personId);
  return candidate.options
    .filter((option) => others.every((other) => !overlapsWithBuffer(option, other, buffer)))
    .slice(0, limit);
}

/** Whether a person can take `slot` given the rest of the plan (checks a swap sent back by the tab). */
export function isSlotAvailable(search: SlotSearch, plan: Plan, personId: string, slot: Interval): boolean {
  return alternativesFor(search, plan, personId, Number.POSITIVE_INFINITY).some(
    (option) => option.start === slot.start && option.end === slot.end,
  );
}
