// 「チェックイン ABC123」: the bot checks the person in through the service behind the tab's
// POST /api/training/checkins, so the per-person limit on wrong codes and the audit are the same; its
// refusals become the card's outcomes (docs/bot.md).
import type { Actor } from '../src/auth/access.ts';
import { AppError } from '../src/http/app-error.ts';
import {
  CHECKIN_REFUSED,
  checkInSchema,
  type CheckInAnswer,
  type CheckInInput,
} from '../src/training/attendance.contract.ts';
import { CHECKIN_WINDOW_SECONDS } from '../src/training/attendance.service.ts';
import type { CheckInOutcome } from './cards/check-in-card.ts';

/** The attendance service's check-in (src/training/attendance.service.ts `checkIn`). */
export type CheckIn = (actor: Actor, input: CheckInInput) => Promise<CheckInAnswer>;

export async function checkInOutcome(
  checkIn: CheckIn,
  personId: string,
  code: string | undefined,
): Promise<CheckInOutcome> {
  if (code === undefined) return { kind: 'noCode' };
  // Validated as the HTTP route validates its body.
  const input = checkInSchema.safeParse({ code });
  if (!input.success) return { kind: 'wrongCode' };
  try {
    const answer = await checkIn({ id: personId, isHr: false }, input.data);
    return {
      kind: answer.alreadyCheckedIn ? 'alreadyCheckedIn' : 'accepted',
      courseTitle: answer.courseTitle,
      onRoster: answer.onRoster,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'rate_limited')
      return { kind: 'rateLimited', minutes: Math.ceil(CHECKIN_WINDOW_SECONDS / 60) };
    const detail = error.details[0]?.message;
    if (error.code === 'conflict' && detail === CHECKIN_REFUSED.cancelled) return { kind: 'cancelled' };
    if (error.code === 'conflict') return { kind: 'outsideWindow' };
    if (error.code === 'validation_failed' || error.code === 'not_found') return { kind: 'wrongCode' };
    throw error;
  }
}
