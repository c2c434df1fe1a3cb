// The career milestones' daily run (docs/growth.md, "Career milestones"): from hire dates, the milestones
// reached in the last days (milestonesReached, Japan dates, the injected clock) become one prompt per
// (person, milestone key), and each new prompt queues its bot notices to the person and to their
// supervisor in the same transaction, so a notice exists iff its prompt does. The unique key and
// insert-or-ignore make a retry or a second instance write nothing twice; the outbox keys
// (career-outbox-keys.ts) tell each recipient once per prompt. Notices wait for office hours.
import type { Db } from '../db/database.ts';
import { reportingLinesOn, staffPlacementsOn } from '../people/people.read.ts';
import type { BotMessage, BotMessages } from '../reports/bot-messages.port.ts';
import { noticeRecipients, type NoticeRecipientSources } from '../reports/notice-recipients.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import { milestonesReached, type MilestoneSettings } from './career-milestones.ts';
import { careerPromptKey } from './career-outbox-keys.ts';
import type { CareerPromptCards } from './career-prompt-cards.port.ts';
import { careerPrompts } from './career.schema.ts';

/** How far back a run looks: a job that did not run for up to two weeks still prompts what fell due. */
export const MILESTONE_LOOKBACK_DAYS = 14;

/** The tab's page where a supervisor books a career interview with `personId` (tab/src/interviews). */
export const careerBookingPage = (personId: string) => `interviews/book/career/${personId}`;

export interface CareerNoticeDependencies extends NoticeRecipientSources {
  messages: BotMessages;
  cards: CareerPromptCards;
  /** The tab's page as a link (src/shared/tab-links.ts). */
  tabLink: (page: string) => string;
}

export interface CareerPromptDependencies {
  db: Db;
  settings: MilestoneSettings;
  now: () => Date;
  /** The bot notices; without them the prompts are recorded and shown on the team page only. */
  notices?: CareerNoticeDependencies | undefined;
}

type PromptRow = typeof careerPrompts.$inferSelect;

export function createCareerPrompts(deps: CareerPromptDependencies) {
  const { db } = deps;

  /** The person's and their supervisor's notices of the prompts just written, inside `tx`. */
  const notify = async (
    tx: Db,
    notices: CareerNoticeDependencies,
    made: PromptRow[],
    managerOf: Map<string, string | null>,
    now: Date,
  ) => {
    const supervisorOf = (personId: string) => managerOf.get(personId) ?? null;
    const { nameOf, localeOf, notBefore } = await noticeRecipients(
      tx,
      made.flatMap((prompt) => [prompt.personId, supervisorOf(prompt.personId) ?? prompt.personId]),
      notices,
      now,
    );
    const messages: BotMessage[] = made.flatMap((prompt) => {
      const facts = { kind: prompt.kind, years: prompt.years, dueOn: prompt.dueOn };
      const supervisorId = supervisorOf(prompt.personId);
      return [
        {
          key: careerPromptKey(prompt, { kind: 'self' }),
          recipient: { kind: 'person' as const, personId: prompt.personId },
          ...notices.cards.toPerson({
            ...facts,
            locale: localeOf(prompt.personId),
            openUrl: notices.tabLink('career'),
          }),
          notBefore,
        },
        ...(supervisorId === null
          ? []
          : [
              {
                key: careerPromptKey(prompt, { kind: 'supervisor', supervisorId }),
                recipient: { kind: 'person' as const, personId: supervisorId },
                ...notices.cards.toSupervisor({
                  ...facts,
                  locale: localeOf(supervisorId),
                  personName: nameOf(prompt.personId),
                  openUrl: notices.tabLink(careerBookingPage(prompt.personId)),
                }),
                notBefore,
              },
            ]),
      ];
    });
    await notices.messages.enqueue(messages, tx);
  };

  return {
    /**
     * One pass: the milestones of regular staff in force today that fell due in the lookback, each
     * recorded once with its notices. Returns how many prompts this pass wrote.
     */
    async run(): Promise<{ prompted: number }> {
      const now = deps.now();
      const today = jstDayOf(now.getTime());
      const [staff, lines] = await Promise.all([staffPlacementsOn(db, today), reportingLinesOn(db, today)]);
      const reached = staff
        // 会計年度任用職員 are appointed a year at a time: the 評価期間 and its milestones are regular staff's.
        .filter((person) => person.employmentType === 'regular')
        .flatMap((person) =>
          milestonesReached(person.hireDate, today, deps.settings, MILESTONE_LOOKBACK_DAYS).map(
            (milestone) => ({
              personId: person.id,
              milestoneKey: milestone.key,
              kind: milestone.kind,
              years: milestone.years,
              dueOn: milestone.dueOn,
              promptedAt: now,
            }),
          ),
        );
      if (reached.length === 0) return { prompted: 0 };
      const managerOf = new Map(lines.map((line) => [line.id, line.managerId]));
      return db.transaction(async (tx) => {
        const made = await tx.insert(careerPrompts).values(reached).onConflictDoNothing().returning();
        if (deps.notices && made.length > 0) await notify(tx, deps.notices, made, managerOf, now);
        return { prompted: made.length };
      });
    },
  };
}

export type CareerPrompts = ReturnType<typeof createCareerPrompts>;
