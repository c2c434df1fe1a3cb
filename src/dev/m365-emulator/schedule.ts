// POST /users/{id}/calendar/getSchedule: free/busy of up to 20 mailboxes, as "calendar: getSchedule"
// documents its limits, availabilityView digits and working hours.
import { z } from 'zod';
import { isInstance, type ShowAs } from './calendars.ts';
import type { EmulatorContext } from './context.ts';
import { dateTimeTimeZone } from './event-store.ts';
import { GraphFailure } from './graph-http.ts';
import { fromUtc, toUtc } from './time-zones.ts';

export const scheduleInput = z.object({
  schedules: z.array(z.string()).min(1),
  startTime: dateTimeTimeZone,
  endTime: dateTimeTimeZone,
  availabilityViewInterval: z.number().int().optional(),
});

export function createSchedule(ctx: EmulatorContext) {
  const { findPerson, eventsOf } = ctx;
  return (input: z.infer<typeof scheduleInput>, zone: string) => {
    if (input.schedules.length > 20)
      throw new GraphFailure(
        400,
        'ErrorInvalidRequest',
        'The maximum number of schedules per request is 20.',
      );
    const interval = input.availabilityViewInterval ?? 30;
    if (interval < 5 || interval > 1440)
      throw new GraphFailure(
        400,
        'ErrorInvalidRequest',
        'AvailabilityViewInterval must be between 5 and 1440 minutes.',
      );
    const start = toUtc(input.startTime);
    const end = toUtc(input.endTime);
    if (end.getTime() <= start.getTime())
      throw new GraphFailure(400, 'ErrorInvalidRequest', 'The end time must be after the start time.');
    if (end.getTime() - start.getTime() >= 62 * 24 * 3600 * 1000)
      throw new GraphFailure(
        400,
        'ErrorInvalidRequest',
        'The time window of the request must be less than 62 days.',
      );
    const slots = Math.ceil((end.getTime() - start.getTime()) / (interval * 60_000));
    const rank: Record<ShowAs, number> = {
      free: 0,
      unknown: 0,
      workingElsewhere: 1,
      tentative: 2,
      busy: 3,
      oof: 4,
    };
    const digit: Record<ShowAs, string> = {
      free: '0',
      unknown: '0',
      workingElsewhere: '4',
      tentative: '1',
      busy: '2',
      oof: '3',
    };

    return {
      '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`,
      value: input.schedules.map((address) => {
        const person = findPerson(address);
        if (!person) {
          return {
            scheduleId: address,
            availabilityView: '',
            error: { message: `The requested user '${address}' is invalid.`, responseCode: 'UserNotFound' },
          };
        }
        // Free/busy counts each occurrence of a recurring meeting, never its series master.
        const items = eventsOf(person.id).filter(
          (event) =>
            isInstance(event) &&
            !event.isCancelled &&
            event.showAs !== 'free' &&
            new Date(event.startUtc) < end &&
            new Date(event.endUtc) > start,
        );
        let view = '';
        for (let slot = 0; slot < slots; slot += 1) {
          const slotStart = start.getTime() + slot * interval * 60_000;
          const slotEnd = Math.min(slotStart + interval * 60_000, end.getTime());
          let best: ShowAs = 'free';
          for (const item of items) {
            if (
              new Date(item.startUtc).getTime() < slotEnd &&
              new Date(item.endUtc).getTime() > slotStart &&
              rank[item.showAs] > rank[best]
            )
              best = item.showAs;
          }
          view += digit[best];
        }
        return {
          scheduleId: address,
          availabilityView: view,
          scheduleItems: items.map((item) => ({
            isPrivate: false,
            status: item.showAs,
            subject: item.subject,
            location: item.location.displayName,
            start: fromUtc(item.startUtc, zone),
            end: fromUtc(item.endUtc, zone),
          })),
          workingHours: {
            daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
            startTime: '08:30:00.0000000',
            endTime: '17:15:00.0000000',
            timeZone: { name: 'Tokyo Standard Time' },
          },
        };
      }),
    };
  };
}
