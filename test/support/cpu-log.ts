// Where the node phase's time goes, per file: with TEST_CPU_LOG=<file> (vitest.config.ts), each test file
// appends a line of its path, the CPU seconds its worker spent on it (user + system, this process only:
// not PostgreSQL's, nor a child process's) and its wall seconds. On a machine shared with other runs the
// wall time mostly measures the others; the CPU time is what this file costs. Sort by the second column:
//   TEST_CPU_LOG=/tmp/cpu.tsv npx vitest run --project integration && sort -t$'\t' -k2 -nr /tmp/cpu.tsv
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

const log = process.env.TEST_CPU_LOG;
let cpuAtStart: NodeJS.CpuUsage | undefined;
let wallAtStart = 0;

if (log) {
  beforeAll(() => {
    cpuAtStart = process.cpuUsage();
    wallAtStart = performance.now();
  });
  afterAll(() => {
    const cpu = process.cpuUsage(cpuAtStart);
    const file = path.relative(process.cwd(), expect.getState().testPath ?? '?');
    const seconds = (micro: number) => (micro / 1e6).toFixed(1);
    appendFileSync(
      log,
      `${file}\t${seconds(cpu.user + cpu.system)}\t${((performance.now() - wallAtStart) / 1000).toFixed(1)}\n`,
    );
  });
}
