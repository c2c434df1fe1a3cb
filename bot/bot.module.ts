// The Teams bot as the composition root mounts it: its endpoint (/api/messages) with the report actions,
// and the rules and renderings the server's slices take from the bot as ports (src/ does not import bot/).
import type { AppContext, AppMount } from '../src/app-context.ts';
import type { ReminderRenderer } from '../src/cycles/cycle-reminders.ts';
import type { BotConnectorCredentials } from '../src/reports/bot-connector.ts';
import type { ConversationReferenceStore } from '../src/reports/conversation-references.store.ts';
import { adaptiveCard } from '../src/reports/report-cards.port.ts';
import type { ReportComments } from '../src/reports/report-comments.ts';
import { trainingTabLink, type createReportContext } from '../src/reports/report-context.ts';
import type { FollowUps } from '../src/reports/follow-ups.ts';
import type { ReportService } from '../src/reports/report.service.ts';
import type { PulseService } from '../src/pulse/pulse.service.ts';
import { LOCAL_ACTIVITY_POLICY, productionActivityPolicy, refusalOf } from './activity-guard.ts';
import { mountBot } from './bot-app.ts';
import { cycleReminderCard, cycleReminderText } from './cards/cycle-reminder-card.ts';
import type { CardCourse } from './cards/report-card.ts';
import { createTabLinks } from '../src/shared/tab-links.ts';
import { createFollowUpActions } from './follow-up-actions.ts';
import { createPulseActions } from './pulse-actions.ts';
import { createReportActions } from './report-actions.ts';
import type { ScheduleSources } from './schedule.ts';
import type { CheckIn } from './check-in.ts';

/**
 * The hosts the bot takes activities from are the only ones the outbox posts to (the tenant is checked
 * when a reference is stored; a posting names no tenant of its own to check).
 */
export function botServiceUrlRule(
  ctx: Pick<AppContext, 'config' | 'microsoft'>,
): (serviceUrl: string) => boolean {
  const { config, microsoft } = ctx;
  const policy = {
    ...(config.mode === 'production'
      ? productionActivityPolicy(microsoft.tenantId, config.botServiceUrlHosts)
      : LOCAL_ACTIVITY_POLICY),
    tenantId: undefined,
  };
  return (serviceUrl) => refusalOf({ serviceUrl }, policy) === undefined;
}

/** A cycle reminder as a bot message. Japanese: the bot does not know each person's language. */
export const renderCycleReminder: ReminderRenderer = (content) => ({
  text: cycleReminderText({ ...content, locale: 'ja' }),
  attachments: [adaptiveCard(cycleReminderCard({ ...content, locale: 'ja' }))],
});

export function createBotModule(
  ctx: AppContext,
  deps: {
    /** The bot's identity (production); local mode talks to the Agents Playground without one. */
    identity:
      | { credentials: BotConnectorCredentials; token: (scope?: string | string[]) => Promise<string> }
      | undefined;
    conversations: ConversationReferenceStore;
    reports: {
      service: ReportService;
      comments: ReportComments;
      followUps?: FollowUps;
      context: ReturnType<typeof createReportContext>;
    };
    courses: () => Promise<CardCourse[]>;
    /** The services the tab reads interviews and enrolments through (「次の予定」). */
    schedule?: Omit<ScheduleSources, 'now'> | undefined;
    /** The attendance service's check-in, behind the tab's POST /api/training/checkins (「チェックイン」). */
    checkIn?: CheckIn | undefined;
    /** The pulse's service, behind the tab's POST /api/pulses/:pulseId/answer (the card's send). */
    pulse?: Pick<PulseService, 'answer' | 'shown'> | undefined;
  },
): { mounts: AppMount[] } {
  const { config, microsoft, logger } = ctx;
  const identity = deps.identity;
  return {
    mounts: [
      async (app) => {
        await mountBot({
          expressApp: app,
          access: identity
            ? {
                mode: 'production',
                ...identity.credentials,
                serviceUrlHosts: config.mode === 'production' ? config.botServiceUrlHosts : [],
                openIdMetadataUrl: microsoft.botFramework?.openIdMetadataUrl,
                tokenIssuer: microsoft.botFramework?.tokenIssuer,
                token: identity.token,
              }
            : { mode: 'local' },
          conversations: deps.conversations,
          identities: ctx.botIdentities,
          reports: createReportActions({
            reports: deps.reports.service,
            framework: ctx.framework,
            comments: deps.reports.comments,
            tabLink: trainingTabLink(config, 'team'),
            reportContext: deps.reports.context.reportContext,
            courses: deps.courses,
            session: deps.reports.context.session,
          }),
          followUps: deps.reports.followUps
            ? createFollowUpActions({ followUps: deps.reports.followUps })
            : undefined,
          schedule: deps.schedule ? { ...deps.schedule, now: ctx.now } : undefined,
          tabLinks: createTabLinks(config),
          checkIn: deps.checkIn,
          pulse: deps.pulse
            ? createPulseActions({ pulses: deps.pulse, openUrl: createTabLinks(config)('') })
            : undefined,
          logger,
          publicUrl: config.publicUrl,
          bodyLimitBytes: config.bodyLimitBytes,
        });
      },
    ],
  };
}
