// Dates in the UI language, and the API's validation details keyed by the field they name.
import { ApiError } from '../api/client.ts';

/** A calendar day (YYYY-MM-DD) as the UI language writes it. */
export function formatDay(day: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-US' : 'ja-JP', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** An ISO instant as a date in Japan time. */
export function formatInstant(instant: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-US' : 'ja-JP', {
    dateStyle: 'medium',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(instant));
}

/** `body.dueDate: must fall in …` → { dueDate: 'must fall in …' } (several messages on one field joined). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields: Record<string, string> = {};
  for (const detail of error.details) {
    const field = detail.path.replace(/^body\./, '').split('.')[0] ?? detail.path;
    fields[field] = fields[field] ? `${fields[field]}; ${detail.message}` : detail.message;
  }
  return fields;
}
