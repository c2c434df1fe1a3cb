// Time zones as Outlook reads and writes dateTimeTimeZone values (the ones Hagukumi and Outlook clients use).
import { GraphFailure } from './graph-http.ts';

const ZONE_OFFSETS: Record<string, number> = {
  'tokyo standard time': 9 * 60,
  'asia/tokyo': 9 * 60,
  utc: 0,
  'etc/utc': 0,
  gmt: 0,
};

export function zoneOffsetMinutes(zone: string | undefined): number {
  const offset = ZONE_OFFSETS[(zone ?? 'UTC').toLowerCase()];
  if (offset === undefined)
    throw new GraphFailure(
      400,
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`,
    );
  return offset;
}

export function preferredZone(prefer: string | undefined): string {
  const match = /outlook\.timezone="([^"]+)"/i.exec(prefer ?? '');
  return match?.[1] ?? 'UTC';
}

export function toUtc(value: { dateTime: string; timeZone?: string }): Date {
  // A dateTime with its own offset wins; otherwise it is wall-clock time in timeZone.
  if (/[zZ]|[+-]\d\d:\d\d$/.test(value.dateTime)) return new Date(value.dateTime);
  const offset = zoneOffsetMinutes(value.timeZone);
  const parsed = new Date(`${value.dateTime.replace(/\.\d+$/, '')}Z`);
  if (Number.isNaN(parsed.getTime()))
    throw new GraphFailure(
      400,
      'ErrorInvalidRequest',
      `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTimeOffset'.`,
    );
  return new Date(parsed.getTime() - offset * 60_000);
}

export function fromUtc(iso: string, zone: string): { dateTime: string; timeZone: string } {
  const offset = zoneOffsetMinutes(zone);
  const local = new Date(new Date(iso).getTime() + offset * 60_000);
  return { dateTime: `${local.toISOString().slice(0, 19)}.0000000`, timeZone: zone };
}

/** calendarView (and its delta) require both ends of the window: Graph refuses the request without them. */
export function timeWindowOf(query: URLSearchParams): [string, string] {
  const startText = query.get('startDateTime');
  const endText = query.get('endDateTime');
  if (!startText || !endText)
    throw new GraphFailure(
      400,
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
  return [startText, endText];
}
