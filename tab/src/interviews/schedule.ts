// Japan-time dates and the plan's swap rules, kept free of React so they can be tested on their own.
import {
  BUFFER_MAX_MINUTES,
  DURATION_MAX_MINUTES,
  DURATION_MIN_MINUTES,
  MAX_WINDOW_DAYS,
  planOptionsSchema,
  type InterviewType,
  type PlanRequest,
  type PlanResponse,
  type Slot,
} from '../../../src/interviews/interview.contract.ts';
import { jstDayOf as jstDayOfInstant, jstIso } from '../../../src/shared/japan-time.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;

/** The settings of the booking panel: a plan request without the people. */
export type PlanSettings = Omit<PlanRequest, 'personIds'>;

/** The Japan-time calendar day of an instant, as YYYY-MM-DD. */
export function jstDayOf(at: Date): string {
  return jstDayOfInstant(at.getTime());
}

/** The Japan-time clock time of an instant, as HH:MM. */
export function jstTimeOf(at: Date): string {
  // 2026-12-05T19:30:00.000+09:00 → 19:30
  return jstIso(at).slice(11, 16);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of a Japan-time day and HH:MM (Japan has no daylight saving time). */
export function jstInstant(day: string, time: string): string {
  return new Date(`${day}T${time}:00+09:00`).toISOString();
}

export function daysBetween(first: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS);
}

/** Defaults of the issue: 30 minutes over the next two weeks, 8:30–17:15 with lunch kept free. */
export function defaultSettings(now: Date): PlanSettings {
  const firstDay = addDays(jstDayOf(now), 1);
  return {
    type: 'goalSetting',
    durationMinutes: 30,
    firstDay,
    lastDay: addDays(firstDay, 13),
    dayStart: '08:30',
    dayEnd: '17:15',
    breaks: [{ start: '12:00', end: '13:00' }],
    bufferMinutes: 10,
    minimumNoticeMinutes: 24 * 60,
  };
}

/** An open cycle window as GET /api/cycles/due lists it. */
export interface OpenWindow {
  kind: string;
  closesOn: string;
}

/** The cycle windows that are interview seasons: 期首面談, 中間面談 and 期末面談 share the cycles' kinds. */
const SEASONS: readonly InterviewType[] = ['goalSetting', 'midYear', 'yearEnd'];

/**
 * The defaults once HR's open windows are known: the interview of the season HR has open, over the next
 * two weeks but not past the window's last day. With no season open (December, say) it is not 期首面談
 * but a career interview, which belongs to no season; the two weeks stay.
 */
export function seasonSettings(
  open: readonly OpenWindow[],
  now: Date,
): Pick<PlanSettings, 'type' | 'firstDay' | 'lastDay'> {
  const base = defaultSettings(now);
  const season = open
    .filter(
      (window) => (SEASONS as readonly string[]).includes(window.kind) && window.closesOn >= base.firstDay,
    )
    .sort((a, b) => a.closesOn.localeCompare(b.closesOn))[0];
  if (!season) return { type: 'career', firstDay: base.firstDay, lastDay: base.lastDay };
  return {
    type: season.kind as InterviewType,
    firstDay: base.firstDay,
    lastDay: season.closesOn < base.lastDay ? season.closesOn : base.lastDay,
  };
}

/**
 * The window for a 1:1 request's preferred week (its Monday, as the server stores it): Monday to Friday,
 * from tomorrow at the earliest. None when the request names no week or the week is over by tomorrow.
 */
export function requestWindow(
  preferredWeek: string | null,
  now: Date,
): Pick<PlanSettings, 'firstDay' | 'lastDay'> | undefined {
  if (!preferredWeek) return undefined;
  const tomorrow = addDays(jstDayOf(now), 1);
  const friday = addDays(preferredWeek, 4);
  if (friday < tomorrow) return undefined;
  return { firstDay: preferredWeek < tomorrow ? tomorrow : preferredWeek, lastDay: friday };
}

/** A Japan-time date and time range in the UI language, e.g. 12月1日(火) 9:00～9:30. */
export function formatSlot(slot: Slot, language: string, withYear = false): string {
  const locale = language === 'en' ? 'en-US' : 'ja-JP';
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Tokyo',
    ...(withYear ? { year: 'numeric' } : {}),
    month: language === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(slot.start));
  // Composed by hand: formatRange writes Japanese times as 9時00分, which reads poorly in a list.
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Tokyo',
    hour: 'numeric',
    minute: '2-digit',
  });
  const from = time.format(new Date(slot.start));
  const to = time.format(new Date(slot.end));
  return language === 'en' ? `${date}, ${from} – ${to}` : `${date} ${from}～${to}`;
}

function overlapsWithBuffer(a: Slot, b: Slot, bufferMinutes: number): boolean {
  const buffer = bufferMinutes * MINUTE_MS;
  return Date.parse(a.start) < Date.parse(b.end) + buffer && Date.parse(b.start) < Date.parse(a.end) + buffer;
}

export type PlannedSlot = PlanResponse['slots'][number];

/** The slot each person has now: the proposal, or what the supervisor swapped it for. */
export type Choices = Record<string, Slot>;

export function initialChoices(plan: PlanResponse): Choices {
  return Object.fromEntries(plan.slots.map((slot) => [slot.personId, { start: slot.start, end: slot.end }]));
}

/**
 * The times a person can move to: their proposed slot and its alternatives, without those that would
 * touch (within the buffer) another person's current choice. The server computed the alternatives
 * against the original proposal only, so after a swap they are filtered here again; the server checks
 * the final plan the same way when it books.
 */
export function optionsFor(planned: PlannedSlot, choices: Choices, bufferMinutes: number): Slot[] {
  const others = Object.entries(choices)
    .filter(([personId]) => personId !== planned.personId)
    .map(([, slot]) => slot);
  const own = choices[planned.personId];
  const seen = new Set<string>();
  const candidates = [{ start: planned.start, end: planned.end }, ...planned.alternatives];
  return candidates
    .filter((slot) => {
      const key = `${slot.start}/${slot.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      const isOwn = own !== undefined && own.start === slot.start && own.end === slot.end;
      return isOwn || others.every((other) => !overlapsWithBuffer(slot, other, bufferMinutes));
    })
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** Whether any two chosen slots touch within the buffer (never true when every choice came from optionsFor). */
export function hasOverlap(choices: Choices, bufferMinutes: number): boolean {
  const slots = Object.values(choices);
  return slots.some((slot, index) =>
    slots.slice(index + 1).some((other) => overlapsWithBuffer(slot, other, bufferMinutes)),
  );
}

/** The limits the problems' messages name: the contract's, so a changed limit changes the text too. */
export const PROBLEM_LIMITS = {
  maxDays: MAX_WINDOW_DAYS,
  durationMin: DURATION_MIN_MINUTES,
  durationMax: DURATION_MAX_MINUTES,
  bufferMax: BUFFER_MAX_MINUTES,
};

/**
 * The obvious mistakes in the settings, named before the server is asked. Formats and ranges are the
 * contract's plan options schema, as the server checks them; the order of days and times, the window's
 * length and end are the server's further rules (checkWindow in interview.service.ts).
 */
export function settingsProblems(settings: PlanSettings, today: string): string[] {
  const { type: _type, ...options } = settings;
  const checked = planOptionsSchema.safeParse(options);
  const wrong = new Set(checked.success ? [] : checked.error.issues.map((issue) => issue.path[0]));
  const problems: string[] = [];
  if (wrong.has('firstDay') || wrong.has('lastDay')) problems.push('windowMissing');
  else {
    if (settings.lastDay < settings.firstDay) problems.push('windowOrder');
    if (daysBetween(settings.firstDay, settings.lastDay) + 1 > MAX_WINDOW_DAYS)
      problems.push('windowTooLong');
    if (settings.lastDay < today) problems.push('windowOver');
  }
  if (wrong.has('dayStart') || wrong.has('dayEnd') || settings.dayEnd <= settings.dayStart)
    problems.push('hoursOrder');
  if (wrong.has('breaks') || settings.breaks.some((pause) => pause.end <= pause.start))
    problems.push('breakOrder');
  if (wrong.has('durationMinutes')) problems.push('duration');
  if (wrong.has('bufferMinutes')) problems.push('buffer');
  if (wrong.has('minimumNoticeMinutes')) problems.push('notice');
  return problems;
}
