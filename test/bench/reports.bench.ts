// After a training week: 1,000 attendees each get their report request in their 1:1 chat, and 1,000
// submitted reports are shared to their 課's channel (20 channels). Everything goes through the real
// outbox (bot_outbox on PGlite) and its worker, to a fake connector holding the bot to Teams' limits,
// with a few injected connector faults (502, 429) along the way. The ceiling is Teams' ~30 requests a
// second per app per tenant; lost and duplicated are counted from what the connector took.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openDatabase } from '../../src/db/database.ts';
import { createBotConnector } from '../../src/reports/bot-connector.ts';
import type { BotMessage } from '../../src/reports/bot-messages.port.ts';
import { createBotOutbox, createBotOutboxWorker } from '../../src/reports/bot-outbox.ts';
import { TENANT_LIMITS } from '../../src/reports/bot-pacer.ts';
import { createConversationReferenceStore } from '../../src/reports/conversation-references.store.ts';
import { startFakeConnector } from '../support/fake-connector.ts';
import type { Benchmark } from './registry.ts';
import { rememberPersonalChats } from '../support/personal-chats.ts';

const ATTENDEES = 1000;
const CHANNEL_POSTS = 1000;
const CHANNELS = 20;
const TENANT = 'tenant-kodaira';
const TEAM = '19:team-kodaira@thread.tacv2';
/** One way to the connector and back; Teams is further away, which costs the pacer this much per window. */
const LATENCY_MS = Number(process.env.BENCH_CONNECTOR_LATENCY_MS ?? 20);

/** About the size of the report form and of the summary card (Adaptive Card 1.5). */
function card(title: string, lines: number) {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive' as const,
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
        ...Array.from({ length: lines }, (_, index) => ({
          type: 'TextBlock',
          text: `研修で学んだこと・職場での活かし方 ${index + 1}: 市民との対話を大切にし、チームで共有します。`,
          wrap: true,
        })),
      ],
      actions: [{ type: 'Action.Execute', verb: 'report.open', title: '報告する', data: { sessionId: 's' } }],
    },
  };
}

export const reportsBenchmark: Benchmark = {
  description:
    '1,000 report requests (1:1) and 1,000 channel posts (20 課 channels) through the bot outbox to a fake connector enforcing Teams limits, with injected 502s and 429s: messages per second against the 30/s tenant ceiling, throttled, retried, lost, duplicated',
  async run() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-bench-reports-'));
    const fake = await startFakeConnector({ latencyMs: LATENCY_MS });
    const database = await openDatabase({ dataDir });
    try {
      const conversations = createConversationReferenceStore(database.db, () => new Date());
      const channels = Array.from({ length: CHANNELS }, (_, index) => ({
        id: `19:ka-${index}@thread.tacv2`,
        name: `課 ${index + 1}`,
      }));
      await conversations.recordInstallation({
        teamId: TEAM,
        teamName: '小平市役所',
        aadGroupId: null,
        tenantId: TENANT,
        serviceUrl: fake.url,
        channels,
      });
      const attendees = Array.from({ length: ATTENDEES }, (_, index) => `attendee-${index}`);
      await rememberPersonalChats(conversations, {
        serviceUrl: fake.url,
        tenantId: TENANT,
        botId: '28:bench-bot',
        people: attendees,
      });

      const requestCard = card('研修報告のお願い: 接遇研修', 3);
      const summaryCard = card('研修報告: 接遇研修', 8);
      const messages: BotMessage[] = [
        ...attendees.map((personId) => ({
          key: `report-request:session-1:${personId}`,
          recipient: { kind: 'person' as const, personId },
          text: `report-request:session-1:${personId}`,
          attachments: [requestCard],
        })),
        // Reports come in 課 by 課: each channel's posts together, so per-channel pacing matters.
        ...Array.from({ length: CHANNEL_POSTS }, (_, index) => {
          const channel = channels[Math.floor((index * CHANNELS) / CHANNEL_POSTS)]!;
          return {
            key: `report-share:report-${index}`,
            recipient: { kind: 'channel' as const, teamId: TEAM, channelId: channel.id },
            text: `report-share:report-${index}`,
            attachments: [summaryCard],
          };
        }),
      ];
      const outbox = createBotOutbox({ db: database.db });
      const enqueueStarted = performance.now();
      await outbox.enqueue(messages);
      const enqueueMs = performance.now() - enqueueStarted;
      // A tenth of it enqueued again (a retried job): the keys keep those from being posted twice.
      await outbox.enqueue(messages.slice(0, 100));

      const worker = createBotOutboxWorker({
        db: database.db,
        conversations,
        connector: createBotConnector({ credentials: undefined }),
        logger: pino({ level: 'silent' }),
      });
      // A few faults along the way: server trouble and throttling Teams decides on its own.
      const faults = [10_000, 30_000, 50_000].map((at) =>
        setTimeout(() => {
          fake.failNext(502, 3);
          fake.failNext(429, 3, { retryAfterSeconds: 1 });
          fake.failNext(504, 1);
        }, at),
      );
      const started = performance.now();
      const keys = messages.map((message) => message.key);
      for (;;) {
        await worker.drain();
        const states = await outbox.status(keys);
        const pending = [...states.values()].filter((status) => status.state === 'pending').length;
        if (pending === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const seconds = (performance.now() - started) / 1000;
      for (const fault of faults) clearTimeout(fault);
      const states = await outbox.status(keys);
      const failed = [...states.values()].filter((status) => status.state === 'failed').length;

      const taken = new Map<string, number>();
      for (const entry of fake.accepted)
        taken.set(entry.activity.text ?? '', (taken.get(entry.activity.text ?? '') ?? 0) + 1);
      const lost = keys.filter((key) => !taken.has(key)).length;
      const duplicated = [...taken.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
      const counts = worker.counts();
      const ceiling = TENANT_LIMITS[0]!.limit;
      const messagesPerSecond = Math.round((fake.accepted.length / seconds) * 10) / 10;
      const perChannel = [...fake.countByConversation().entries()].filter(([id]) => id.startsWith('19:'));

      console.log(
        `${messages.length} messages enqueued in ${enqueueMs.toFixed(0)} ms; posted ${fake.accepted.length} in ${seconds.toFixed(1)} s = ${messagesPerSecond}/s against a ceiling of ${ceiling}/s (${((messagesPerSecond / ceiling) * 100).toFixed(1)} %), connector latency ${LATENCY_MS} ms`,
      );
      console.log(
        `throttled: ${counts.throttled} 429s received (${fake.throttled} from exceeding a limit, the rest injected); retried ${counts.retried}; deferred for a conversation's window ${counts.deferred}; failed ${failed}`,
      );
      console.log(
        `channels: ${perChannel.length} with ${Math.min(...perChannel.map(([, count]) => count))}–${Math.max(...perChannel.map(([, count]) => count))} posts each; lost ${lost}, duplicated ${duplicated}`,
      );
      // Posts taken per 5 seconds: where the rate dips (faults, the last channels' own limits).
      const firstAt = fake.accepted[0]?.at ?? 0;
      const perFive: number[] = [];
      for (const entry of fake.accepted) {
        const bucket = Math.floor((entry.at - firstAt) / 5000);
        perFive[bucket] = (perFive[bucket] ?? 0) + 1;
      }
      console.log(`posts per 5 s: ${perFive.map((count) => count ?? 0).join(' ')}`);
      console.log('targets: at least 90% of the ceiling (27/s), 0 lost, 0 duplicated');
      await worker.stop();
      return {
        messagesPerSecond,
        ceiling,
        throttled: counts.throttled,
        retried: counts.retried,
        lost,
        duplicated,
      };
    } finally {
      await database.close();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
