// Dates and times as people read and type them, in the UI language (from the Teams locale): Japanese
// 2026/12/06 (日) and 24-hour 08:30; English Sun, Dec 6, 2026 and 8:30 AM. The values the forms and the
// API hold stay ISO (YYYY-MM-DD, HH:MM in Japan time); only what is shown and typed is localised. Free of
// React so the rules can be tested on their own.

/** The UI languages (tab/src/i18n/i18n.ts); anything but English reads as Japanese, as the UI does. */
type UiLanguage = string;

const isEnglish = (language: UiLanguage) => language.toLowerCase().startsWith('en');
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether `value` is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Whether `value` is a clock time HH:MM of the 24-hour day (00:00 … 23:59). */
export function isIsoTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** A calendar day (YYYY-MM-DD) as shown: 2026/12/06 (日) in Japanese, Sun, Dec 6, 2026 in English. */
export function formatDay(day: string, language: UiLanguage): string {
  if (!isIsoDay(day)) return day;
  const date = new Date(`${day}T00:00:00Z`);
  if (isEnglish(language))
    return new Intl.DateTimeFormat('en-US', {
      timeZone: 'UTC',
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    }).format(date);
  const weekday = new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', weekday: 'short' }).format(date);
  return `${day.replaceAll('-', '/')} (${weekday})`;
}

/** A clock time (HH:MM) as shown: 08:30 in Japanese, 8:30 AM in English. */
export function formatTime(time: string, language: UiLanguage): string {
  if (!isIsoTime(time)) return time;
  if (!isEnglish(language)) return time;
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const suffix = hours < 12 ? 'AM' : 'PM';
  return `${hours % 12 === 0 ? 12 : hours % 12}:${String(minutes).padStart(2, '0')} ${suffix}`;
}

/** The Japan-time day and time of an instant (the app's time zone, whatever the device's). */
function japanParts(at: Date): { day: string; time: string } {
  const shifted = new Date(at.getTime() + 9 * 60 * 60 * 1000);
  const iso = shifted.toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** An instant as a Japan-time date: 2026/12/06 (日). */
export function formatInstantDay(at: Date | string, language: UiLanguage): string {
  return formatDay(japanParts(new Date(at)).day, language);
}

/** An instant as a Japan-time date and time: 2026/12/06 (日) 08:30, or Sun, Dec 6, 2026, 8:30 AM. */
export function formatInstant(at: Date | string, language: UiLanguage): string {
  const { day, time } = japanParts(new Date(at));
  const separator = isEnglish(language) ? ', ' : ' ';
  return `${formatDay(day, language)}${separator}${formatTime(time, language)}`;
}

/** Full-width digits and punctuation typed with a Japanese IME, as their ASCII forms. */
function toHalfWidth(text: string): string {
  return text
    .replace(/[０-９：／－．]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoOf(year: number, month: number, day: number): string | undefined {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDay(iso) ? iso : undefined;
}

/**
 * What someone typed as a date, as YYYY-MM-DD, or undefined when it is not a real day. Read in every
 * language: 2026/12/6, 2026-12-06, 2026年12月6日, 20261206, with or without the weekday as shown; in
 * English also Dec 6, 2026 and 6 Dec 2026. Never day-first or month-first numbers (12/06/2026): which
 * one is meant depends on the reader, so they are refused rather than guessed.
 */
export function parseDay(text: string): string | undefined {
  const plain = toHalfWidth(text)
    .replace(/[(（][^)）]*[)）]/g, ' ') // the weekday as shown: (日), (Sun)
    .replace(/^(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?,?\s*/i, '')
    .trim();
  const numeric = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(plain);
  if (numeric) return isoOf(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(plain);
  if (compact) return isoOf(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const monthFirst = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(plain);
  const dayFirst = /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})$/i.exec(plain);
  const named = monthFirst
    ? { month: monthFirst[1]!, day: monthFirst[2]!, year: monthFirst[3]! }
    : dayFirst
      ? { month: dayFirst[2]!, day: dayFirst[1]!, year: dayFirst[3]! }
      : undefined;
  if (!named) return undefined;
  const month = MONTHS.indexOf(named.month.toLowerCase()) + 1;
  return month > 0 ? isoOf(Number(named.year), month, Number(named.day)) : undefined;
}

/**
 * What someone typed as a time, as HH:MM, or undefined. 8:30, 08:30, 0830, 8時30分, 14時 and, in any
 * language, 8:30 AM / 2:30 pm; 24:00 and beyond are refused.
 */
export function parseTime(text: string): string | undefined {
  const plain = toHalfWidth(text).toLowerCase().replace(/\s+/g, ' ');
  const match =
    /^(午前|午後)?\s*(\d{1,2})(?:\s*[:時]\s*(\d{2})?\s*分?)?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(plain) ??
    /^(午前|午後)?(\d{2})(\d{2})$/.exec(plain);
  if (!match) return undefined;
  let hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  const meridiem = match[4] ?? (match[1] === '午後' ? 'pm' : match[1] === '午前' ? 'am' : undefined);
  if (meridiem) {
    if (hours < 1 || hours > 12) return undefined;
    const afternoon = meridiem.startsWith('p');
    hours = (hours % 12) + (afternoon ? 12 : 0);
  }
  const time = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  return isIsoTime(time) ? time : undefined;
}

/** A day moved by whole days (YYYY-MM-DD in, YYYY-MM-DD out). */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A day moved by whole months, kept inside the month it lands in (1/31 + 1 month = 2/28). */
export function shiftMonth(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, last));
  return first.toISOString().slice(0, 10);
}

/** A time moved by minutes, staying inside the day (00:00 … 23:59). */
export function shiftTime(time: string, minutes: number): string {
  const [hours, mins] = time.split(':').map(Number) as [number, number];
  const total = Math.min(23 * 60 + 59, Math.max(0, hours * 60 + mins + minutes));
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
