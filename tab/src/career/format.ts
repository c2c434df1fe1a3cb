// Month and date display in the UI language; the API speaks YYYY-MM and YYYY-MM-DD.

export function formatMonth(month: string | null | undefined, language: string): string {
  if (!month) return '';
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(language === 'en' ? 'en-US' : 'ja-JP', {
    year: 'numeric',
    month: language === 'en' ? 'short' : 'long',
    timeZone: 'UTC',
  }).format(date);
}

export function formatDate(day: string | null | undefined, language: string): string {
  if (!day) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(language === 'en' ? 'en-US' : 'ja-JP', {
    year: 'numeric',
    month: language === 'en' ? 'short' : 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** An ISO instant shown as a Japan-time date and time. */
export function formatInstant(instant: string | null | undefined, language: string): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-US' : 'ja-JP', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(instant));
}

/**
 * Whether a posting starts inside the 能力・適性等評価期間 (policy 7(3)⑤): before the period's end (the
 * server's rule for saved postings; the editor marks rows as they are typed).
 */
export function startsInEvaluationPeriod(from: string, periodEnd: string | null): boolean {
  if (!periodEnd || !/^\d{4}-\d{2}$/.test(from)) return false;
  return `${from}-01` < periodEnd;
}
