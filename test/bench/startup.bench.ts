import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import type { Benchmark } from './registry.ts';

/** Time from nothing to a server that answers /api/health, on a fresh and on a reused data folder. */
export const startupBenchmark: Benchmark = {
  description: 'time to ready (fresh and warm PGlite data folder) and /api/health throughput',
  async run() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-bench-'));
    const envDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-bench-env-'));
    const logger = pino({ level: 'silent' });
    const config = loadConfig(
      { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      { envDir, mode: 'local' },
    );
    try {
      let started = performance.now();
      let server = await startServer(config, logger);
      const freshMs = performance.now() - started;
      await server.close();

      started = performance.now();
      server = await startServer(config, logger);
      const warmMs = performance.now() - started;

      const requests = 2000;
      const concurrency = 20;
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < requests) {
            next += 1;
            const response = await fetch(`${server.url}/api/health`);
            await response.arrayBuffer();
          }
        }),
      );
      const healthRps = requests / ((performance.now() - t0) / 1000);
      await server.close();
      console.log(
        `fresh start ${freshMs.toFixed(0)} ms, warm start ${warmMs.toFixed(0)} ms, health ${healthRps.toFixed(0)} req/s`,
      );
      return {
        freshStartMs: Math.round(freshMs),
        warmStartMs: Math.round(warmMs),
        healthRps: Math.round(healthRps),
      };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
