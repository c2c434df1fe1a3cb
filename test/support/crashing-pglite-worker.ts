// Stands in for src/db/pglite-worker.ts in pglite-worker.test.ts: it starts, never answers a query, and
// throws (the thread dies) when asked to run the statement `crash`.
import { parentPort } from 'node:worker_threads';
import type { Reply, Request } from '../../src/db/pglite-protocol.ts';

const port = parentPort!;
port.on('message', (request: Request) => {
  if (request.op === 'query' && request.text === 'crash') throw new Error('the engine aborted');
});
port.postMessage({ type: 'ready' } satisfies Reply);
