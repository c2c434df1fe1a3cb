// One instance of the bot outbox for the failover benchmark (failover.bench.ts), run as a child process:
// it opens the database and drains in a loop, as the server's `bot.outbox.drain` job does (nudged and
// swept), with the production leases and pacing. It tells the parent over IPC how many requests it has
// in flight whenever that changes, and each message the connector took from it, so the parent can tell
// what was in flight when it killed this process and when the other one resumed.
import pino from 'pino';
import { openDatabase } from '../../src/db/database.ts';
import { createBotConnector, type BotConnector } from '../../src/reports/bot-connector.ts';
import { createBotOutboxWorker } from '../../src/reports/bot-outbox.ts';
import { createConversationReferenceStore } from '../../src/reports/conversation-references.store.ts';

export type InstanceMessage =
  | { type: 'ready'; workerId: string }
  | { type: 'inFlight'; count: number; at: number }
  | { type: 'posted'; at: number };

const [databaseUrl, workerId] = process.argv.slice(2);
if (!databaseUrl || !workerId || !process.send) {
  console.error('usage: failover-instance.ts <databaseUrl> <workerId> (forked with IPC)');
  process.exit(2);
}
const send = (message: InstanceMessage) => process.send!(message);

const database = await openDatabase({ databaseUrl, poolSize: 5 });
const real = createBotConnector({ credentials: undefined });
const connector: BotConnector = {
  ...real,
  post: async (target, payload) => {
    const answer = await real.post(target, payload);
    send({ type: 'posted', at: Date.now() });
    return answer;
  },
};
const worker = createBotOutboxWorker({
  db: database.db,
  conversations: createConversationReferenceStore(database.db, () => new Date()),
  connector,
  logger: pino({ level: 'silent' }),
  workerId,
  onInFlight: (count) => send({ type: 'inFlight', count, at: Date.now() }),
});

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
  void worker
    .stop()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
send({ type: 'ready', workerId });
// The sweep: a drain that ends (nothing due, or it stood by and nothing came free) is started again.
while (!stopping) {
  await worker.drain().catch((error: unknown) => console.error(error));
  await new Promise((resolve) => setTimeout(resolve, 200));
}
