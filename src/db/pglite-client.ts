// The server's side of the embedded database: PGlite runs in its own thread (pglite-worker.ts) so its
// WebAssembly never holds the event loop that answers requests. This object offers what drizzle's
// pglite driver and pg-boss's fromPglite adapter call on a PGlite (query, exec, transaction, listen,
// waitReady, close), and nothing else.
//
// What stays as it was in one thread: PGlite serialises statements itself (one session; a statement
// outside a transaction waits for the open transaction to end), errors keep their class and SQLSTATE
// fields, and rows arrive as PGlite made them (Date, bigint, Uint8Array and objects survive the
// structured clone). What is new: if the thread dies, every waiting and later call fails at once.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  TransactionAbortedError,
  messages,
  type ParserOptions,
  type QueryOptions,
  type Results,
} from '@electric-sql/pglite';
import type { Reply, Request, SerializedError, WireQueryOptions, WorkerStart } from './pglite-protocol.ts';

// pglite-worker.ts next to this file in the sources, pglite-worker.js in the built artefact.
const WORKER_FILE = new URL(
  `./pglite-worker${path.extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
);

// PGlite's programs, next to its entry point; compiled once (see WorkerStart).
const PGLITE_DIST = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
let compiled: Promise<{ pglite: WebAssembly.Module; initdb: WebAssembly.Module }> | undefined;

function compiledPrograms() {
  compiled ??= Promise.all(
    ['pglite.wasm', 'initdb.wasm'].map(async (file) =>
      WebAssembly.compile(await readFile(path.join(PGLITE_DIST, file))),
    ),
  ).then(([pglite, initdb]) => ({ pglite: pglite!, initdb: initdb! }));
  // A failed compile (a missing file) is reported to this open, and tried again by the next one.
  compiled.catch(() => (compiled = undefined));
  return compiled;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** What a transaction callback gets: statements that run inside that transaction only. */
export interface PgliteWorkerTransaction {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

export class PgliteWorkerClient {
  readonly waitReady: Promise<void>;
  #worker: Worker;
  #pending = new Map<number, Pending>();
  #listeners = new Map<number, (payload: string) => void>();
  #lastId = 0;
  #ready = false;
  #closing: Promise<void> | undefined;
  #failure: Error | undefined;

  /**
   * Starts the thread and resolves once PGlite is ready in it. `workerFile` is for tests that stand in a
   * thread of their own (one that crashes, say).
   */
  static async start(
    dataDir: string | undefined,
    workerFile: URL = WORKER_FILE,
  ): Promise<PgliteWorkerClient> {
    const programs = await compiledPrograms();
    const client = new PgliteWorkerClient(
      { dataDir, pgliteWasmModule: programs.pglite, initdbWasmModule: programs.initdb },
      workerFile,
    );
    await client.waitReady;
    return client;
  }

  private constructor(start: WorkerStart, workerFile: URL) {
    this.#worker = new Worker(workerFile, { workerData: start, name: 'pglite' });
    // The thread keeps the process alive only while a call waits for it (see #track), as PGlite in
    // the main thread never kept it alive on its own.
    this.#worker.unref();
    this.waitReady = new Promise<void>((resolve, reject) => {
      this.#worker.on('message', (reply: Reply) => {
        switch (reply.type) {
          case 'ready':
            this.#ready = true;
            resolve();
            return;
          case 'startFailed': {
            const error = reviveError(reply.error);
            this.#fail(error);
            reject(error);
            void this.#worker.terminate();
            return;
          }
          case 'notification':
            this.#listeners.get(reply.subscription)?.(reply.payload);
            return;
          case 'result':
          case 'error': {
            const pending = this.#pending.get(reply.id);
            if (!pending) return;
            this.#pending.delete(reply.id);
            this.#track();
            if (reply.type === 'result') pending.resolve(reply.value);
            else pending.reject(reviveError(reply.error));
            return;
          }
        }
      });
      // A crash fails closed: whatever waits, and whatever comes later, is refused at once.
      this.#worker.on('error', (error) => {
        reject(
          this.#fail(new Error(`The embedded database's thread failed: ${error.message}`, { cause: error })),
        );
      });
      this.#worker.on('messageerror', (error) => {
        this.#fail(new Error(`The embedded database's thread sent an unreadable message`, { cause: error }));
      });
      this.#worker.on('exit', (code) => {
        reject(
          this.#fail(
            new Error(
              this.#closing
                ? 'The embedded database is closed'
                : `The embedded database's thread stopped (exit code ${code})`,
            ),
          ),
        );
      });
    });
    // Nobody may be waiting for readiness yet; a failed start is still reported by the next call.
    this.waitReady.catch(() => undefined);
  }

  get ready(): boolean {
    return this.#ready && !this.#failure;
  }

  get closed(): boolean {
    return this.#closing !== undefined || this.#failure !== undefined;
  }

  async query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.#query<T>(text, params, options, undefined);
  }

  async exec(text: string, options?: QueryOptions): Promise<Results[]> {
    return this.#exec(text, options, undefined);
  }

  /**
   * Runs `callback` inside one transaction: its statements go to that transaction, every other
   * statement waits in the worker until it commits or rolls back (PGlite has one session).
   */
  async transaction<T>(callback: (tx: PgliteWorkerTransaction) => Promise<T>): Promise<T> {
    const txId = (await this.#call({ op: 'begin' })) as number;
    let closed = false;
    const ensureOpen = () => {
      if (closed) throw new Error('Transaction is closed');
    };
    const tx: PgliteWorkerTransaction = {
      query: async <R>(text: string, params: unknown[] = [], options?: QueryOptions) => {
        ensureOpen();
        return this.#query<R>(text, params, options, txId);
      },
      exec: async (text: string, options?: QueryOptions) => {
        ensureOpen();
        return this.#exec(text, options, txId);
      },
      rollback: async () => {
        ensureOpen();
        closed = true;
        await this.#call({ op: 'rollback', tx: txId });
      },
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      if (!closed) {
        closed = true;
        // A dead thread already rolled everything back with it; the callback's error is the one to see.
        await this.#call({ op: 'rollback', tx: txId }).catch(() => undefined);
      }
      throw error;
    }
    if (!closed) {
      closed = true;
      await this.#call({ op: 'commit', tx: txId });
    }
    return result;
  }

  /** Calls `callback` with each NOTIFY payload on `channel`; resolves to the function that stops it. */
  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    const subscription = (await this.#call({ op: 'listen', channel })) as number;
    this.#listeners.set(subscription, callback);
    return async () => {
      if (!this.#listeners.delete(subscription)) return;
      await this.#call({ op: 'unlisten', subscription }).catch((error: unknown) => {
        if (!this.#failure) throw error;
      });
    };
  }

  /** PGlite closes its files in its thread, then the thread ends. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closing) return this.#closing;
    if (this.#failure) return;
    this.#closing = (async () => {
      try {
        await this.#send({ op: 'close' });
      } finally {
        await this.#worker.terminate();
      }
    })();
    return this.#closing;
  }

  async #query<T>(
    text: string,
    params: unknown[],
    options: QueryOptions | undefined,
    tx: number | undefined,
  ): Promise<Results<T>> {
    const request: RequestBody = { op: 'query', text, params, options: wireOptions(options) };
    if (tx !== undefined) request.tx = tx;
    const result = (await this.#call(request)) as Results<T>;
    return applyParsers(result, options?.parsers);
  }

  async #exec(text: string, options: QueryOptions | undefined, tx: number | undefined): Promise<Results[]> {
    const request: RequestBody = { op: 'exec', text, options: wireOptions(options) };
    if (tx !== undefined) request.tx = tx;
    const results = (await this.#call(request)) as Results[];
    return results.map((result) => applyParsers(result, options?.parsers));
  }

  async #call(request: RequestBody): Promise<unknown> {
    if (this.#closing) throw new Error('The embedded database is closed');
    return this.#send(request);
  }

  #send(request: RequestBody): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = (this.#lastId += 1);
    return new Promise((resolve, reject) => {
      try {
        this.#worker.postMessage({ ...request, id });
      } catch (error) {
        // A parameter that cannot be cloned (a function, a class with private state) is refused here.
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.#pending.set(id, { resolve, reject });
      this.#track();
    });
  }

  /** Holds the process open exactly while a call is waiting for the thread. */
  #track(): void {
    if (this.#pending.size > 0) this.#worker.ref();
    else this.#worker.unref();
  }

  /** Fails every waiting call and every later one; returns the error they get (the first one). */
  #fail(error: Error): Error {
    if (this.#failure) return this.#failure;
    this.#failure = error;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.#listeners.clear();
    this.#worker.unref();
    for (const call of pending) call.reject(error);
    return error;
  }
}

function wireOptions(options: QueryOptions | undefined): WireQueryOptions {
  if (!options) return {};
  if (options.serializers || options.blob || options.onNotice) {
    throw new Error('The embedded database thread does not take serializers, blob or onNotice options');
  }
  const wire: WireQueryOptions = {};
  if (options.rowMode) wire.rowMode = options.rowMode;
  if (options.paramTypes) wire.paramTypes = options.paramTypes;
  if (options.parsers) wire.rawTypes = Object.keys(options.parsers).map(Number);
  return wire;
}

/** The caller's parsers run here, on the text the worker left untouched for their types. */
function applyParsers<T>(result: Results<T>, parsers: ParserOptions | undefined): Results<T> {
  if (!parsers) return result;
  const parsedNames = new Set<string>();
  result.fields.forEach((field, index) => {
    const parse = parsers[field.dataTypeID];
    if (!parse) return;
    // Two columns of one name fill one key of an object row: that key is parsed once.
    if (result.rows.length > 0 && !Array.isArray(result.rows[0])) {
      if (parsedNames.has(field.name)) return;
      parsedNames.add(field.name);
    }
    for (const row of result.rows as unknown as Record<string | number, unknown>[]) {
      const key = Array.isArray(row) ? index : field.name;
      const value = row[key];
      if (value !== null && value !== undefined)
        row[key] = (parse as (text: string, typeId: number) => unknown)(value as string, field.dataTypeID);
    }
  });
  return result;
}

/** Rebuilds an error from the worker with its class and fields, so callers read `code` as before. */
function reviveError(serialized: SerializedError): Error {
  let error: Error;
  if (serialized.kind === 'aborted') {
    error = new TransactionAbortedError();
  } else if (serialized.kind === 'database') {
    const length = typeof serialized.fields.length === 'number' ? serialized.fields.length : 0;
    error = new messages.DatabaseError(serialized.message, length, serialized.name as 'error');
  } else {
    error = new Error(serialized.message);
  }
  Object.assign(error, serialized.fields);
  Object.defineProperty(error, 'message', { value: serialized.message, writable: true, configurable: true });
  if (error.name !== serialized.name) {
    Object.defineProperty(error, 'name', { value: serialized.name, writable: true, configurable: true });
  }
  // The stack is the worker's: where PGlite raised it, as it read in one thread.
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}
