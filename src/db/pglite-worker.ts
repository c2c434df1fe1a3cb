// The thread that runs the embedded database. PGlite is PostgreSQL compiled to WebAssembly: every query
// runs synchronously on the thread that calls it, so here it holds this thread, not the server's event
// loop. The server's side is pglite-client.ts; the messages are in pglite-protocol.ts.
//
// This file is started by node:worker_threads as it is (Node strips the types), so it imports only
// packages and types.
import { parentPort, workerData } from 'node:worker_threads';
import {
  PGlite,
  TransactionAbortedError,
  messages,
  type QueryOptions,
  type Transaction,
} from '@electric-sql/pglite';
import type { Reply, Request, SerializedError, WireQueryOptions, WorkerStart } from './pglite-protocol.ts';

interface OpenTransaction {
  /** Set once PGlite has run BEGIN and called back. */
  tx: Transaction | undefined;
  /** Ends the transaction: true commits, false rolls back. */
  decide: (commit: boolean) => void;
  /** Settles when PGlite has committed or rolled back. */
  ended: Promise<void>;
}

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread (see pglite-client.ts)');
const start = workerData as WorkerStart;

const engine = new PGlite(start.dataDir, {
  pgliteWasmModule: start.pgliteWasmModule,
  initdbWasmModule: start.initdbWasmModule,
});
const transactions = new Map<number, OpenTransaction>();
const subscriptions = new Map<number, () => Promise<void>>();
let lastTransaction = 0;
let lastSubscription = 0;
// Thrown inside PGlite's transaction callback to make it roll back; never leaves this thread.
const rollbackRequested = new Error('rollback requested');

const send = (reply: Reply) => port.postMessage(reply);

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) {
    return { kind: 'error', name: 'Error', message: String(error), stack: undefined, fields: {} };
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    try {
      fields[key] = structuredClone(value);
    } catch {
      // A field that cannot cross the thread boundary (a function, a handle) is left behind.
    }
  }
  const kind =
    error instanceof TransactionAbortedError
      ? 'aborted'
      : error instanceof messages.DatabaseError
        ? 'database'
        : 'error';
  return { kind, name: error.name, message: error.message, stack: error.stack, fields };
}

function queryOptions(options: WireQueryOptions): QueryOptions {
  const result: QueryOptions = {};
  if (options.rowMode) result.rowMode = options.rowMode;
  if (options.paramTypes) result.paramTypes = options.paramTypes;
  if (options.rawTypes?.length) {
    // The caller parses these itself (drizzle keeps timestamps as text): hand them over untouched.
    result.parsers = Object.fromEntries(options.rawTypes.map((oid) => [oid, (value: string) => value]));
  }
  return result;
}

function transactionOf(id: number | undefined): Transaction | undefined {
  if (id === undefined) return undefined;
  const open = transactions.get(id)?.tx;
  if (!open) throw new Error('Transaction is closed');
  return open;
}

function begin(id: number): void {
  const txId = (lastTransaction += 1);
  let opened = false;
  let decide: (commit: boolean) => void = () => undefined;
  const decision = new Promise<boolean>((resolve) => (decide = resolve));
  const ended = engine
    .transaction(async (tx) => {
      opened = true;
      open.tx = tx;
      send({ type: 'result', id, value: txId });
      if (!(await decision)) throw rollbackRequested;
    })
    .then(
      () => undefined,
      (error: unknown) => {
        if (error !== rollbackRequested) throw error;
      },
    );
  const open: OpenTransaction = { tx: undefined, decide, ended };
  transactions.set(txId, open);
  // BEGIN itself failed: the caller is still waiting for its transaction.
  ended.catch((error: unknown) => {
    transactions.delete(txId);
    if (!opened) send({ type: 'error', id, error: serializeError(error) });
  });
}

async function end(txId: number, commit: boolean): Promise<void> {
  const open = transactions.get(txId);
  if (!open?.tx) throw new Error('Transaction is closed');
  transactions.delete(txId);
  open.decide(commit);
  await open.ended;
}

async function handle(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'query': {
      const tx = transactionOf(request.tx);
      const options = queryOptions(request.options);
      return tx
        ? await tx.query(request.text, request.params, options)
        : await engine.query(request.text, request.params, options);
    }
    case 'exec': {
      const tx = transactionOf(request.tx);
      const options = queryOptions(request.options);
      return tx ? await tx.exec(request.text, options) : await engine.exec(request.text, options);
    }
    case 'commit':
      return end(request.tx, true);
    case 'rollback':
      return end(request.tx, false);
    case 'listen': {
      const subscription = (lastSubscription += 1);
      const unsubscribe = await engine.listen(request.channel, (payload) =>
        send({ type: 'notification', subscription, payload }),
      );
      subscriptions.set(subscription, unsubscribe);
      return subscription;
    }
    case 'unlisten': {
      const unsubscribe = subscriptions.get(request.subscription);
      subscriptions.delete(request.subscription);
      await unsubscribe?.();
      return undefined;
    }
    case 'close':
      // PGlite writes its files out and closes them; the server's thread ends this one afterwards.
      if (!engine.closed) await engine.close();
      return undefined;
    case 'begin':
      throw new Error('begin is answered by begin()');
  }
}

port.on('message', (request: Request) => {
  if (request.op === 'begin') {
    begin(request.id);
    return;
  }
  handle(request).then(
    (value) => {
      try {
        send({ type: 'result', id: request.id, value });
      } catch (error) {
        // A value that cannot be cloned must still answer the caller, not leave it waiting.
        send({ type: 'error', id: request.id, error: serializeError(error) });
      }
    },
    (error: unknown) => send({ type: 'error', id: request.id, error: serializeError(error) }),
  );
});

engine.waitReady.then(
  () => send({ type: 'ready' }),
  (error: unknown) => send({ type: 'startFailed', error: serializeError(error) }),
);
