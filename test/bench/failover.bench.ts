// Two instances of the bot outbox, each its own process with its own connections, on one PostgreSQL,
// posting to a fake connector (in this process) that holds them to Teams' limits. 1,500 messages to 500
// people and 200 to one channel are queued; once a third has gone out, the instance that is sending gets
// SIGKILL mid-drain. Measured: how long until the other resumes, what was lost or posted twice against
// what was in flight at the kill, the 429s Teams' limits caused (injected ones aside), and the rate
// outside the failover gap. Needs TEST_DATABASE_URL (a database is created for the run and dropped).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';
import type { BotMessage } from '../../src/reports/bot-messages.port.ts';
import { createBotOutbox } from '../../src/reports/bot-outbox.ts';
import { botOutboxRequests, botOutboxSender } from '../../src/reports/bot-outbox.schema.ts';
import { createConversationReferenceStore } from '../../src/reports/conversation-references.store.ts';
import { and, eq, isNull } from 'drizzle-orm';
import { startFakeConnector } from '../support/fake-connector.ts';
import type { InstanceMessage } from './failover-instance.ts';
import type { Benchmark } from './registry.ts';
import { rememberPersonalChats } from '../support/personal-chats.ts';

const PEOPLE = 500;
const PER_PERSON = 3;
const CHANNEL_POSTS = 200;
/** Kill the sender once this many messages were taken: mid-drain. */
const KILL_AFTER = 500;
const TENANT = 'tenant-kodaira';
const TEAM = '19:team-kodaira@thread.tacv2';
const CHANNEL = '19:ka-somu@thread.tacv2';
const LATENCY_MS = Number(process.env.BENCH_CONNECTOR_LATENCY_MS ?? 20);

interface Instance {
  workerId: string;
  child: ChildProcess;
  inFlight: number;
  posted: number[];
  exited: Promise<void>;
}

function startInstance(databaseUrl: string, workerId: string): Promise<Instance> {
  const child = fork(
    fileURLToPath(new URL('./failover-instance.ts', import.meta.url)),
    [databaseUrl, workerId],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const instance: Instance = {
    workerId,
    child,
    inFlight: 0,
    posted: [],
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
  };
  return new Promise((resolve, reject) => {
    child.on('message', (message: InstanceMessage) => {
      if (message.type === 'ready') resolve(instance);
      if (message.type === 'inFlight') instance.inFlight = message.count;
      if (message.type === 'posted') instance.posted.push(message.at);
    });
    child.once('exit', (code) =>
      reject(new Error(`instance ${workerId} exited with ${code} before it was ready`)),
    );
  });
}

export const failoverBenchmark: Benchmark = {
  description:
    '2 instances (processes) on one PostgreSQL, 1,500 messages to 500 people and 200 to one channel, the sending one SIGKILLed mid-drain: time to resume, 429s caused, lost, duplicated against in flight at the kill, rate outside the gap',
  async run() {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('the failover benchmark needs TEST_DATABASE_URL (a PostgreSQL server)');
    const name = `hagukumi_bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const fake = await startFakeConnector({ latencyMs: LATENCY_MS });
    const database = await openDatabase({ databaseUrl });
    const instances: Instance[] = [];
    try {
      const conversations = createConversationReferenceStore(database.db, () => new Date());
      await conversations.recordInstallation({
        teamId: TEAM,
        teamName: '小平市役所',
        aadGroupId: null,
        tenantId: TENANT,
        serviceUrl: fake.url,
        channels: [{ id: CHANNEL, name: '総務課' }],
      });
      const people = Array.from({ length: PEOPLE }, (_, index) => `person-${index}`);
      await rememberPersonalChats(conversations, {
        serviceUrl: fake.url,
        tenantId: TENANT,
        botId: '28:bench-bot',
        people: people,
      });
      const messages: BotMessage[] = [
        ...Array.from({ length: PER_PERSON }, (_, round) =>
          people.map((personId) => ({
            key: `reminder-${round}:${personId}`,
            recipient: { kind: 'person' as const, personId },
            text: `reminder-${round}:${personId}`,
          })),
        ).flat(),
        ...Array.from({ length: CHANNEL_POSTS }, (_, index) => ({
          key: `report-share:${index}`,
          recipient: { kind: 'channel' as const, teamId: TEAM, channelId: CHANNEL },
          text: `report-share:${index}`,
        })),
      ];
      const keys = messages.map((message) => message.key);

      instances.push(
        await startInstance(databaseUrl, 'instance-a'),
        await startInstance(databaseUrl, 'instance-b'),
      );
      const outbox = createBotOutbox({ db: database.db });
      const started = Date.now();
      await outbox.enqueue(messages);
      // A few faults Teams decides on its own along the way; their 429s are not ours.
      const faults = setTimeout(() => {
        fake.failNext(502, 2);
        fake.failNext(429, 2, { retryAfterSeconds: 1 });
      }, 5000);

      while (fake.accepted.length < KILL_AFTER) await new Promise((resolve) => setTimeout(resolve, 20));
      const [sender] = await database.db.select().from(botOutboxSender);
      const victim = instances.find((instance) => instance.workerId === sender?.owner);
      if (!victim) throw new Error(`no instance holds the sender lease (${sender?.owner ?? 'none'})`);
      const survivor = instances.find((instance) => instance !== victim)!;
      const survivorPostedBefore = survivor.posted.length;
      const killedAt = Date.now();
      const acceptedAtKill = fake.accepted.length;
      victim.child.kill('SIGKILL');
      await victim.exited;
      // What it had told us last (the IPC messages it wrote before dying arrive before its exit).
      const inFlightAtKill = victim.inFlight;
      const unansweredInLedger = await database.db
        .select({ id: botOutboxRequests.id })
        .from(botOutboxRequests)
        .where(and(eq(botOutboxRequests.owner, victim.workerId), isNull(botOutboxRequests.answeredAt)));

      for (;;) {
        const states = await outbox.status(keys);
        if ([...states.values()].every((status) => status.state !== 'pending')) break;
        if (Date.now() - started > 15 * 60_000)
          throw new Error('the outbox did not finish within 15 minutes');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const finishedAt = Date.now();
      clearTimeout(faults);
      const resumedAt = survivor.posted[survivorPostedBefore];
      const resumeAfterKillMs = resumedAt !== undefined ? resumedAt - killedAt : -1;

      const taken = new Map<string, number>();
      for (const entry of fake.accepted)
        taken.set(entry.activity.text ?? '', (taken.get(entry.activity.text ?? '') ?? 0) + 1);
      const lost = keys.filter((key) => !taken.has(key)).length;
      const duplicated = [...taken.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
      const states = await outbox.status(keys);
      const failed = [...states.values()].filter((status) => status.state === 'failed').length;

      // The rate outside the failover gap: what was taken before the kill and after the resume, over the
      // time spent on each side. The last messages are the channel's, which Teams holds to 60 per 30 s:
      // the tail where only it was left is not the tenant's rate either, so it is shown apart.
      const firstAt = fake.accepted[0]?.at ?? started;
      const lastPersonAt = Math.max(
        ...fake.accepted.filter((entry) => entry.conversationId !== CHANNEL).map((entry) => entry.at),
      );
      const afterResume = fake.accepted.filter((entry) => entry.at >= (resumedAt ?? finishedAt));
      const untilLastPerson = fake.accepted.filter((entry) => entry.at <= lastPersonAt);
      const beforeKill = untilLastPerson.filter((entry) => entry.at < killedAt).length;
      const resumedUntilLastPerson = untilLastPerson.filter(
        (entry) => entry.at >= (resumedAt ?? finishedAt),
      ).length;
      const sendingSeconds = (killedAt - firstAt + (lastPersonAt - (resumedAt ?? finishedAt))) / 1000;
      const messagesPerSecond =
        Math.round(((beforeKill + resumedUntilLastPerson) / sendingSeconds) * 10) / 10;
      const overall = Math.round((fake.accepted.length / ((finishedAt - firstAt) / 1000)) * 10) / 10;
      const channelPosts = fake.accepted.filter((entry) => entry.conversationId === CHANNEL);

      console.log(
        `${messages.length} messages (${PEOPLE * PER_PERSON} to ${PEOPLE} people, ${CHANNEL_POSTS} to one channel); 2 instances; connector latency ${LATENCY_MS} ms`,
      );
      console.log(
        `killed ${victim.workerId} (the sender) after ${acceptedAtKill} taken, ${((killedAt - firstAt) / 1000).toFixed(1)} s in, with ${inFlightAtKill} requests in flight (${unansweredInLedger.length} unanswered in the ledger); ${survivor.workerId} resumed ${resumeAfterKillMs} ms later`,
      );
      console.log(
        `rate outside the gap ${messagesPerSecond}/s (before the kill ${beforeKill} in ${((killedAt - firstAt) / 1000).toFixed(1)} s; after the resume ${resumedUntilLastPerson} until the last 1:1 message ${((lastPersonAt - (resumedAt ?? finishedAt)) / 1000).toFixed(1)} s later); overall ${overall}/s over ${((finishedAt - firstAt) / 1000).toFixed(1)} s including the gap and the channel's tail`,
      );
      console.log(
        `channel: ${channelPosts.length} posts, the last ${((channelPosts.at(-1)!.at - firstAt) / 1000).toFixed(1)} s in (Teams allows 60 per 30 s); after the resume ${afterResume.length} taken`,
      );
      console.log(
        `429 from Teams' limits ${fake.throttled} (injected ones aside); lost ${lost}, duplicated ${duplicated}, failed ${failed}`,
      );
      const perFive: number[] = [];
      for (const entry of fake.accepted) {
        const bucket = Math.floor((entry.at - firstAt) / 5000);
        perFive[bucket] = (perFive[bucket] ?? 0) + 1;
      }
      console.log(`posts per 5 s: ${Array.from(perFive, (count) => count ?? 0).join(' ')}`);
      console.log(
        'targets: resumeAfterKillMs < 60000, pacing429 = 0, lost = 0, duplicated <= inFlightAtKill, messagesPerSecond >= 27 outside the gap',
      );
      return {
        instances: 2,
        messages: messages.length,
        messagesPerSecond,
        resumeAfterKillMs,
        pacing429: fake.throttled,
        lost,
        duplicated,
        inFlightAtKill,
      };
    } finally {
      for (const instance of instances) {
        if (instance.child.exitCode === null && instance.child.signalCode === null)
          instance.child.kill('SIGTERM');
        await instance.exited;
      }
      await database.close();
      await fake.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    }
  },
};
