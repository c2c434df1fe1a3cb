import { PUBLIC, withOverrides } from '@microsoft/teams.api';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import type { ILogger } from '@microsoft/teams.common';
import type { Express, RequestHandler } from 'express';
import express from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../src/http/app-error.ts';
import { entraIdentities, type BotIdentities } from '../src/reports/bot-identities.ts';
import type { ConversationReferenceStore } from '../src/reports/conversation-references.store.ts';
import { adaptiveCard } from '../src/reports/report-cards.port.ts';
import { checkInOf, parseCommand } from './commands.ts';
import { checkInOutcome, type CheckIn } from './check-in.ts';
import { checkInCard } from './cards/check-in-card.ts';
import { helpCard } from './cards/help-card.ts';
import { scheduleCard } from './cards/schedule-card.ts';
import { createTabLinks, type TabLinks } from '../src/shared/tab-links.ts';
import { upcomingSchedule, type ScheduleSources } from './schedule.ts';
import { REPORT_COMMENT_VERB } from './cards/report-notice-card.ts';
import {
  REPORT_OPEN_VERB,
  REPORT_SAVE_VERB,
  REPORT_SUBMIT_VERB,
  type CardLocale,
  type ReportCard,
} from './cards/report-card.ts';
import {
  LOCAL_ACTIVITY_POLICY,
  productionActivityPolicy,
  refusalOf,
  tenantsOf,
  type ActivityPolicy,
} from './activity-guard.ts';
import type { FollowUpActions } from './follow-up-actions.ts';
import type { PulseActions } from './pulse-actions.ts';
import type { ReportActions } from './report-actions.ts';

export const MESSAGING_ENDPOINT = '/api/messages';

/**
 * Production: the Azure Bot's credentials (Bot Framework tokens are checked on every activity), our
 * tenant and the connector hosts we accept. Local: Agents Playground on this machine, unauthenticated.
 */
export type BotAccess =
  | {
      mode: 'production';
      clientId: string;
      tenantId: string;
      /** Entra ID's authority host (ENTRA_AUTHORITY_HOST): where the bot's own tokens come from. */
      authorityHost: string;
      /** BOT_SERVICE_URL_HOSTS: the serviceUrl hosts activities may name. */
      serviceUrlHosts: readonly string[];
      /**
       * Where incoming activities' tokens are checked (BOT_FRAMEWORK_OPENID_METADATA_URL and
       * BOT_FRAMEWORK_TOKEN_ISSUER: a sovereign cloud, or the emulator in the production CI test);
       * absent: the SDK's public cloud.
       */
      openIdMetadataUrl?: string | undefined;
      tokenIssuer?: string | undefined;
      /**
       * The bot's own tokens for its replies (src/reports/bot-connector.ts createBotTokenProvider: a
       * certificate, the managed identity or a secret). The SDK never holds a credential itself.
       */
      token: (scope: string | string[]) => Promise<string>;
    }
  | { mode: 'local' };

export interface BotDependencies {
  expressApp: Express;
  access: BotAccess;
  conversations: ConversationReferenceStore;
  logger: Logger;
  publicUrl: string;
  bodyLimitBytes: number;
  /** Who a Teams user is in our data; the Entra object id unless the composition root says otherwise. */
  identities?: BotIdentities | undefined;
  /** Post-training reports (issue 8); without it the bot answers with its help only. */
  reports?: ReportActions | undefined;
  /** The DRILL follow-up's cards (issue 19 ⑤); without it their verbs are unknown actions. */
  followUps?: FollowUpActions | undefined;
  /** The やりがい pulse's card (docs/pulse.md); without it its verb is an unknown action. */
  pulse?: PulseActions | undefined;
  /** The next interviews and training sessions (「次の予定」); without it that command answers with help. */
  schedule?: ScheduleSources | undefined;
  /** Links into the personal tab at one of its pages (src/shared/tab-links.ts); default: the tab's own address. */
  tabLinks?: TabLinks | undefined;
  /** Check-in to a room session with its code (「チェックイン ABC123」); without it that command answers with help. */
  checkIn?: CheckIn | undefined;
}

/**
 * Teams sends the user's client language as the activity's `locale` (and in its clientInfo entity);
 * Japanese unless it says English.
 */
export const localeOf = (locale: string | undefined) =>
  (locale ?? 'ja-JP').toLowerCase().startsWith('en') ? ('en' as const) : ('ja' as const);

/** The card a report verb answers with; undefined for a verb that is not ours. */
async function answerTo(
  reports: ReportActions,
  verb: unknown,
  personId: string,
  locale: CardLocale,
  data: Record<string, unknown>,
): Promise<ReportCard | undefined> {
  if (verb === REPORT_SUBMIT_VERB) return reports.submit(personId, locale, data);
  if (verb === REPORT_SAVE_VERB) return reports.save(personId, locale, data);
  if (verb === REPORT_COMMENT_VERB) return reports.comment(personId, locale, data);
  if (verb === REPORT_OPEN_VERB)
    return reports.open(personId, locale, typeof data.sessionId === 'string' ? data.sessionId : '');
  return undefined;
}

// The least an activity must have before the SDK sees it; the SDK and our handlers read these fields.
const activityEnvelope = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(256).optional(),
  serviceUrl: z.string().url().max(2048),
  channelId: z.string().min(1).max(64),
  from: z.looseObject({ id: z.string().min(1).max(512) }),
  recipient: z.looseObject({ id: z.string().min(1).max(512) }),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
});

function sdkLogger(logger: Logger, name = 'teams'): ILogger {
  const child = logger.child({ component: name });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error' | 'trace') =>
    (...msg: unknown[]) =>
      child[level](msg.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    trace: write('trace'),
    log: (level, ...msg: unknown[]) => write(level === 'trace' ? 'trace' : level)(...msg),
    child: (childName: string) => sdkLogger(logger, `${name}/${childName}`),
  };
}

interface TeamsChannelData {
  team?: { id?: string; name?: string; aadGroupId?: string };
  channel?: { id?: string; name?: string };
  tenant?: { id?: string };
}

/**
 * Every option the Teams SDK would otherwise take from process.env, set from our configuration: left
 * unset, the SDK reads CLIENT_ID, CLIENT_SECRET, TENANT_ID, MANAGED_IDENTITY_CLIENT_ID, SERVICE_URL,
 * CLOUD, OAUTH_URL and DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS itself (@microsoft/teams.apps 2.0:
 * app.js, token-manager.js; @microsoft/teams.api: api-client-settings.js). Empty strings, not undefined,
 * in local mode: the SDK falls back to the environment with `??`, which an empty string stops. Our
 * logger keeps the SDK's console logger (LOG, LOG_LEVEL) from being made, and App.start() (PORT) is
 * never called: the app is mounted on our own express server.
 */
function sdkOptions(
  access: BotAccess,
  expressApp: Express,
  logger: Logger,
): ConstructorParameters<typeof App>[0] {
  const cloud =
    access.mode === 'production'
      ? withOverrides(PUBLIC, {
          loginEndpoint: access.authorityHost,
          ...(access.openIdMetadataUrl ? { openIdMetadataUrl: access.openIdMetadataUrl } : {}),
          ...(access.tokenIssuer ? { tokenIssuer: access.tokenIssuer } : {}),
        })
      : PUBLIC;
  return {
    httpServerAdapter: new ExpressAdapter(expressApp, { logger: sdkLogger(logger, 'express-adapter') }),
    messagingEndpoint: MESSAGING_ENDPOINT,
    logger: sdkLogger(logger),
    cloud,
    // Where the SDK's own API client points before any activity names a serviceUrl; replies and our
    // outbox always use the activity's (guarded) serviceUrl.
    serviceUrl: 'https://smba.trafficmanager.net/teams',
    apiClientSettings: { oauthUrl: cloud.tokenServiceUrl },
    managedIdentityClientId: '',
    ...(access.mode === 'production'
      ? {
          clientId: access.clientId,
          tenantId: access.tenantId,
          // Empty, not absent: the SDK would fall back to CLIENT_SECRET and prefer it to our token.
          clientSecret: '',
          token: access.token,
          // Always on in production: every activity must carry a valid Bot Framework token.
          dangerouslyAllowUnauthenticatedRequests: false,
        }
      : {
          clientId: '',
          clientSecret: '',
          tenantId: '',
          // Agents Playground sends no token; local mode listens on loopback only (src/config.ts).
          dangerouslyAllowUnauthenticatedRequests: true,
        }),
  };
}

/** Mounts the Teams SDK bot on our express app at /api/messages. */
export async function mountBot(deps: BotDependencies): Promise<App> {
  const { expressApp, access, conversations, logger } = deps;
  const identities = deps.identities ?? entraIdentities;
  const tabLinks = deps.tabLinks ?? createTabLinks({ publicUrl: deps.publicUrl, mode: access.mode });
  const policy: ActivityPolicy =
    access.mode === 'production'
      ? productionActivityPolicy(access.tenantId, access.serviceUrlHosts)
      : LOCAL_ACTIVITY_POLICY;
  // Validate the envelope before the SDK, so junk gets a 400 with our error body instead of an SDK 500.
  const jsonBody = express.json({ limit: deps.bodyLimitBytes, type: () => true });
  const validateEnvelope: RequestHandler = (req, _res, next) => {
    const parsed = activityEnvelope.safeParse(req.body);
    if (!parsed.success) {
      next(new AppError('validation_failed', 'The request body is not a Bot Framework activity.'));
      return;
    }
    next();
  };
  const requireJson: RequestHandler = (req, _res, next) => {
    next(
      req.is('application/json')
        ? undefined
        : new AppError('unsupported_media_type', 'Send activities as application/json.'),
    );
  };
  // Another tenant's activity, or one naming a connector we do not know, never reaches the SDK: it is
  // neither answered (a reply would send our bot token to its serviceUrl) nor stored.
  const guardActivity: RequestHandler = (req, _res, next) => {
    const refusal = refusalOf(req.body as Record<string, unknown>, policy);
    if (refusal) {
      logger.warn(
        { reason: refusal, tenants: tenantsOf(req.body as Record<string, unknown>) },
        'bot activity refused',
      );
      next(new AppError('forbidden', 'This bot takes activities from its own organisation in Teams only.'));
      return;
    }
    next();
  };
  expressApp.post(MESSAGING_ENDPOINT, requireJson, jsonBody, validateEnvelope, guardActivity);

  const app = new App(sdkOptions(access, expressApp, logger));

  // Every activity tells us where we can write back later: keep the reference up to date.
  app.use(async ({ activity, next }) => {
    // The request guard above already refused these; checked again here because this is where a
    // reference is stored, whatever the order of the express handlers becomes.
    if (refusalOf(activity, policy)) return;
    const channelData = (activity.channelData ?? {}) as TeamsChannelData;
    const conversationType = activity.conversation.conversationType;
    const kind =
      conversationType === 'channel'
        ? 'channel'
        : conversationType === 'groupChat'
          ? 'groupChat'
          : 'personal';
    try {
      await conversations.remember({
        conversationId: activity.conversation.id,
        kind,
        serviceUrl: activity.serviceUrl ?? '',
        tenantId: activity.conversation.tenantId ?? channelData.tenant?.id ?? null,
        botId: activity.recipient.id,
        userAadId: kind === 'personal' ? (identities.personOf(activity.from.aadObjectId) ?? null) : null,
        teamId: channelData.team?.id ?? null,
        channelId: channelData.channel?.id ?? null,
        channelName: channelData.channel?.name ?? null,
        // What proactive 1:1 messages to this person are written in (the DRILL follow-up).
        ...(kind === 'personal' ? { locale: localeOf(activity.locale) } : {}),
      });
    } catch (error) {
      logger.error({ err: error }, 'could not store the conversation reference');
    }
    await next();
  });

  app.on('message', async (context) => {
    const { activity } = context;
    const locale = localeOf(activity.locale);
    const reports = deps.reports;
    const personId = identities.personOf(activity.from.aadObjectId);
    // Clients without Action.Execute send the Action.Submit fallback: a message whose value holds the verb.
    const value = (
      typeof activity.value === 'object' && activity.value !== null ? activity.value : {}
    ) as Record<string, unknown>;
    // The pulse's card answers someone the bot does not know too: with why nothing was stored.
    const pulseAnswer = await deps.pulse?.answerTo(personId, locale, value.verb, value);
    if (pulseAnswer) {
      await context.send({ type: 'message', attachments: [adaptiveCard(pulseAnswer)] });
      return;
    }
    if (reports && personId) {
      const answer =
        (await deps.followUps?.answerTo(personId, locale, value.verb, value)) ??
        (await answerTo(reports, value.verb, personId, locale, value));
      if (answer) {
        await context.send({ type: 'message', attachments: [adaptiveCard(answer)] });
        return;
      }
    }
    const command = parseCommand(activity.text);
    const reply = (card: ReportCard) => context.send({ type: 'message', attachments: [adaptiveCard(card)] });
    if (command === 'reports' && reports && personId) {
      await reply(await reports.due(personId, locale, tabLinks('training/mine')));
      return;
    }
    if (command === 'schedule' && deps.schedule && personId) {
      const schedule = await upcomingSchedule(deps.schedule, personId);
      await reply(scheduleCard({ locale, schedule, tabLinks }));
      return;
    }
    if (command === 'checkin' && deps.checkIn) {
      const outcome = personId
        ? await checkInOutcome(deps.checkIn, personId, checkInOf(activity.text)?.code)
        : ({ kind: 'unknownPerson' } as const);
      await reply(checkInCard({ locale, outcome, openUrl: tabLinks('training/mine') }));
      return;
    }
    // Help, a greeting, a command for someone the app does not know, and anything else: what the bot can
    // do, after a greeting or a word that the text was not understood.
    await reply(
      helpCard({
        locale,
        reason:
          command === 'greeting' ? 'greeting' : command === undefined && activity.text ? 'unknown' : 'help',
        userName: activity.from.name,
        said: activity.text,
        tabUrl: tabLinks(''),
      }),
    );
  });

  // Action.Execute: the answer replaces the card, so the form turns into the submitted card in place.
  app.on('card.action', async ({ activity }) => {
    const reports = deps.reports;
    const personId = identities.personOf(activity.from.aadObjectId);
    // The envelope check does not look inside invokes: a junk value must get a 400, not a crash.
    const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    const verb = action?.verb;
    const data = (typeof action?.data === 'object' && action.data !== null ? action.data : {}) as Record<
      string,
      unknown
    >;
    const locale = localeOf(activity.locale);
    const card =
      (await deps.pulse?.answerTo(personId, locale, verb, data)) ??
      (personId
        ? ((await deps.followUps?.answerTo(personId, locale, verb, data)) ??
          (reports ? await answerTo(reports, verb, personId, locale, data) : undefined))
        : undefined);
    if (!card)
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: {
          code: 'BadRequest',
          message: 'Unknown action.',
          innerHttpError: { statusCode: 400, body: null },
        },
      };
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  });

  const recordTeam = async (
    activity: { channelData?: unknown; serviceUrl?: string; conversation: { tenantId?: string } },
    api: App['api'],
  ) => {
    const channelData = (activity.channelData ?? {}) as TeamsChannelData;
    const teamId = channelData.team?.id;
    if (!teamId || !activity.serviceUrl) return;
    let channels: Array<{ id: string; name: string }> = [{ id: teamId, name: 'General' }];
    try {
      const listed = await api.teams.getConversations(teamId);
      if (listed.length > 0)
        channels = listed.map((channel) => ({ id: channel.id ?? teamId, name: channel.name ?? 'General' }));
    } catch (error) {
      logger.warn({ err: error }, 'could not list the channels of the team; keeping the General channel');
    }
    await conversations.recordInstallation({
      teamId,
      teamName: channelData.team?.name ?? null,
      aadGroupId: channelData.team?.aadGroupId ?? null,
      tenantId: activity.conversation.tenantId ?? channelData.tenant?.id ?? null,
      serviceUrl: activity.serviceUrl,
      channels,
    });
    logger.info({ channels: channels.length }, 'bot installed in a team');
  };

  app.on('install.add', async ({ activity, api }) => recordTeam(activity, api));
  app.on('conversationUpdate', async ({ activity, api }) => {
    const botAdded = activity.membersAdded?.some((member) => member.id === activity.recipient.id);
    const botRemoved = activity.membersRemoved?.some((member) => member.id === activity.recipient.id);
    const teamId = ((activity.channelData ?? {}) as TeamsChannelData).team?.id;
    if (botAdded) await recordTeam(activity, api);
    else if (botRemoved && teamId) await conversations.recordUninstallation(teamId);
  });
  app.on('install.remove', async ({ activity }) => {
    const teamId = ((activity.channelData ?? {}) as TeamsChannelData).team?.id;
    if (teamId) await conversations.recordUninstallation(teamId);
  });

  await app.initialize();
  return app;
}
