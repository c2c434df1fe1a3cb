// What a delta round of an Outlook calendar reports about one event (src/graph/graph-subscriptions.ts):
// its state now, or that it is gone from the round's window (deleted, or moved out of it).
import type { CalendarEventState } from './calendar.port.ts';

export type EventChange =
  { eventId: string; removed: true } | { eventId: string; removed: false; state: CalendarEventState };
