// When a pulse opens, one card per person in force through the bot's durable, paced outbox (docs/pulse.md):
// each page of staff is queued in its own transaction under a key per (person, pulse), so a retried or
// doubled run posts nothing twice; the card waits for office hours and speaks the person's language.
import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { DEFAULT_OFFICE_HOURS, nextOfficeTime, type OfficeHours } from '../jobs/office-hours.ts';
import { staffPageOn } from '../people/people.read.ts';
import type { BotMessages } from '../reports/bot-messages.port.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import type { PulseCardLocale, PulseCards } from './pulse-cards.port.ts';
import { pulseInvitationKey } from './pulse-outbox-keys.ts';
import { pulses } from './pulse.schema.ts';

const PAGE = 500;

export interface PulseSenderDependencies {
  db: Db;
  messages: BotMessages;
  cards: PulseCards;
  /** The tab's page as a link (src/shared/tab-links.ts). */
  tabLink: (page: string) => string;
  /** Each person's language; Japanese for anyone it does not name. */
  languagesOf: (personIds: string[], db: Db) => Promise<Map<string, PulseCardLocale>>;
  now: () => Date;
  hours?: OfficeHours;
}

export function createPulseSender(deps: PulseSenderDependencies) {
  const hours = deps.hours ?? DEFAULT_OFFICE_HOURS;
  return {
    /** Queues the cards of every pulse open today not sent yet; answers how many cards it queued. */
    async run(): Promise<{ queued: number }> {
      const now = deps.now();
      const today = jstDayOf(now.getTime());
      const open = await deps.db
        .select()
        .from(pulses)
        .where(and(lte(pulses.opensOn, today), gte(pulses.closesOn, today), isNull(pulses.sentAt)));
      let queued = 0;
      for (const pulse of open) {
        const notBefore = nextOfficeTime(now, hours);
        let after: string | null = null;
        for (;;) {
          const staff = await staffPageOn(deps.db, today, after, PAGE);
          if (staff.length === 0) break;
          after = staff.at(-1)!.id;
          await deps.db.transaction(async (tx) => {
            const languages = await deps.languagesOf(
              staff.map((person) => person.id),
              tx,
            );
            await deps.messages.enqueue(
              staff.map((person) => ({
                key: pulseInvitationKey(person.id, pulse.id),
                recipient: { kind: 'person', personId: person.id },
                notBefore,
                ...deps.cards.invitation({
                  locale: languages.get(person.id) ?? 'ja',
                  pulseId: pulse.id,
                  quarter: pulse.quarter,
                  questions: pulse.questions,
                  freeTextQuestion: pulse.freeTextQuestion ?? null,
                  closesOn: pulse.closesOn,
                  openUrl: deps.tabLink(''),
                }),
              })),
              tx,
            );
          });
          queued += staff.length;
        }
        await deps.db.update(pulses).set({ sentAt: now }).where(eq(pulses.id, pulse.id));
      }
      return { queued };
    },
  };
}
