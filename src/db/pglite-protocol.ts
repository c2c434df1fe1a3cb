// The messages between the server's thread and the thread that runs PGlite (pglite-worker.ts). Only
// types: both sides import them with `import type`, so the worker needs nothing compiled to start.

export interface WorkerStart {
  /** PGlite's folder; `undefined` keeps the database in memory. */
  dataDir: string | undefined;
  /**
   * PGlite's two WebAssembly programs, compiled once per process and shared by every thread: a new
   * thread would otherwise compile them again (PGlite caches them per thread).
   */
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
}

/** Query options that can cross a thread: a parser is a function, so only its type's OID crosses. */
export interface WireQueryOptions {
  rowMode?: 'array' | 'object';
  paramTypes?: number[];
  /** Types returned as PostgreSQL's text, for the caller's own parsers to read on its thread. */
  rawTypes?: number[];
}

export type Request =
  | { id: number; op: 'query'; text: string; params: unknown[]; options: WireQueryOptions; tx?: number }
  | { id: number; op: 'exec'; text: string; options: WireQueryOptions; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit'; tx: number }
  | { id: number; op: 'rollback'; tx: number }
  | { id: number; op: 'listen'; channel: string }
  | { id: number; op: 'unlisten'; subscription: number }
  | { id: number; op: 'close' };

export interface SerializedError {
  /** Which PGlite class to rebuild: its DatabaseError keeps the SQLSTATE `code` and the other fields. */
  kind: 'database' | 'aborted' | 'error';
  name: string;
  message: string;
  stack: string | undefined;
  /** The error's own fields (code, severity, detail, constraint, query, params…) that can be cloned. */
  fields: Record<string, unknown>;
}

export type Reply =
  | { type: 'ready' }
  | { type: 'startFailed'; error: SerializedError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: SerializedError }
  | { type: 'notification'; subscription: number; payload: string };
