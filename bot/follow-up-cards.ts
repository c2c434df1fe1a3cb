// The DRILL follow-up's cards (src/reports/follow-up-cards.port.ts) built by the pure builders of bot/cards,
// in the recipient's language (the server finds it from their personal chat with the bot).
import type { FollowUpCardBuilders } from '../src/reports/follow-up-cards.port.ts';
import { followUpAttendeeCard, followUpSupervisorCard } from './cards/follow-up-card.ts';

export function createFollowUpCardBuilders(): FollowUpCardBuilders {
  return {
    attendee: (input) => followUpAttendeeCard(input),
    supervisor: (input) => followUpSupervisorCard(input),
  };
}
