// The daily reminder of what people still owe in the windows HR opened, through the bot's durable outbox.
// Reminders ask staff to do something, so they go out only while the office is open (weekdays that are
// not holidays or the 12/29–1/3 closure, 9:00–17:00 Japan time): a run outside those hours sends nothing,
// and the next run on an office day catches up, because the stage is worked out from the day itself.
import { DEFAULT_OFFICE_HOURS, isOfficeOpen, type OfficeHours } from '../jobs/office-hours.ts';
import type { BotAttachment, BotMessage, BotMessages } from '../reports/bot-messages.port.ts';
import type { CycleKind, DueItem } from './cycle.contract.ts';
import { TASKS, type DueCalculator } from './cycle-due.ts';
import { japanToday, reminderStage } from './cycle-rules.ts';

export interface ReminderContent {
  kind: CycleKind;
  task: DueItem['task'];
  fiscalYear: number;
  closesOn: string;
  count: number;
  stage: 1 | 2 | 3;
}

/** The message itself (the bot's card builder, injected by the composition root). */
export type ReminderRenderer = (content: ReminderContent) => { text: string; attachments: BotAttachment[] };

export interface ReminderRun {
  /** Why nothing was sent, if so. */
  skipped?: 'office-closed';
  /** Messages handed to the outbox (a key already there is ignored by it, so reruns post nothing twice). */
  enqueued: number;
}

/** `cycle-reminder:<windowId>:<personId>:<stage>`: one message per person, window and stage, ever. */
export function reminderKey(windowId: string, personId: string, stage: 1 | 2 | 3): string {
  return `cycle-reminder:${windowId}:${personId}:${stage}`;
}

const BATCH = 500;

export function createCycleReminders(deps: {
  due: DueCalculator;
  messages: BotMessages;
  render: ReminderRenderer;
  now: () => Date;
  officeHours?: OfficeHours;
}) {
  return {
    async run(): Promise<ReminderRun> {
      const now = deps.now();
      if (!isOfficeOpen(now, deps.officeHours ?? DEFAULT_OFFICE_HOURS))
        return { skipped: 'office-closed', enqueued: 0 };
      const today = japanToday(now);
      let enqueued = 0;
      // Only windows HR opened: the default self-check half (no window) has no deadline HR set, and
      // reminding a whole city by a default rule would be noise.
      for (const window of (await deps.due.openNow()).filter((candidate) => candidate.windowId !== null)) {
        const windowId = window.windowId!;
        const stage = reminderStage(today, window.closesOn);
        // A page of people at a time: the city is never read into memory at once.
        for await (const owed of deps.due.owingInPages(window, BATCH)) {
          const messages: BotMessage[] = [...owed].map(([personId, count]) => ({
            key: reminderKey(windowId, personId, stage),
            recipient: { kind: 'person', personId },
            ...deps.render({
              kind: window.kind,
              task: TASKS[window.kind].task,
              fiscalYear: window.fiscalYear,
              closesOn: window.closesOn,
              count,
              stage,
            }),
            notBefore: now,
          }));
          if (messages.length > 0) await deps.messages.enqueue(messages);
          enqueued += messages.length;
        }
      }
      return { enqueued };
    },
  };
}

export type CycleReminders = ReturnType<typeof createCycleReminders>;
