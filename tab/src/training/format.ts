// Session times in Japan time (the city's clock), whatever the device's time zone, in the UI language.
import { useTranslation } from 'react-i18next';
import type { EnrolmentStatus } from '../../../src/training/training.contract.ts';

const locale = (language: string) => (language === 'en' ? 'en-US' : 'ja-JP');

/** "2026年12月9日(水) 10:00〜12:00" from the session's ISO start and end. */
export function formatSpan(start: string, end: string, language: string): string {
  const day = new Intl.DateTimeFormat(locale(language), {
    dateStyle: 'medium',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(start));
  const weekday = new Intl.DateTimeFormat(locale(language), {
    weekday: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(start));
  const time = (instant: string) =>
    new Intl.DateTimeFormat(locale(language), {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(instant));
  return language === 'en'
    ? `${weekday} ${day}, ${time(start)}–${time(end)}`
    : `${day}(${weekday}) ${time(start)}〜${time(end)}`;
}

/** A calendar day (YYYY-MM-DD, already a Japan date) in the UI language. */
export function formatDay(day: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))),
  );
}

/** A month (YYYY-MM) in the UI language: 「2027年5月」, "May 2027". */
export function formatMonth(month: string, language: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return new Intl.DateTimeFormat(locale(language), {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/** `count` months (YYYY-MM) from the Japan month of `now` on. */
export function monthsFrom(now: Date, count: number): string[] {
  const japan = new Date(now.getTime() + 9 * 60 * 60 * 1000);
  return Array.from({ length: count }, (_, index) =>
    new Date(Date.UTC(japan.getUTCFullYear(), japan.getUTCMonth() + index, 1)).toISOString().slice(0, 7),
  );
}

/** A course or session title in the UI language; the Japanese one when there is no English. */
export function useTitle(): (text: { ja: string; en: string | null }) => string {
  const { i18n } = useTranslation();
  return (text) => (i18n.language === 'en' && text.en ? text.en : text.ja);
}

/** The badge colour of an enrolment's status, the same wherever the status is shown. */
export function statusColor(status: EnrolmentStatus) {
  if (status === 'confirmed' || status === 'attended' || status === 'reported') return 'success' as const;
  if (status === 'withdrawn' || status === 'declined') return 'subtle' as const;
  if (status === 'waitlisted') return 'warning' as const;
  return 'informative' as const;
}
