// Where a phase's time goes, per file: with TEST_CPU_LOG=<file> (vitest.config.ts), each node or e2e test
// file appends a line of its path, the CPU seconds spent on it (user + system) and its wall seconds. The
// CPU time is this worker's plus its child processes' (on Linux: the e2e walks' Chromium, whose pages'
// renderers come and go, and a child process a test starts), not PostgreSQL's. On a machine shared with
// other runs the wall time mostly measures the others; the CPU time is what this file costs. Sort by the
// second column:
//   TEST_CPU_LOG=/tmp/cpu.tsv npx vitest run --project integration && sort -t$'\t' -k2 -nr /tmp/cpu.tsv
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

const log = process.env.TEST_CPU_LOG;
let cpuAtStart = 0;
let wallAtStart = 0;

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux that Node runs on). */
const TICKS = 100;

/**
 * The CPU seconds of this process's descendants: of those still running, their own and their reaped
 * children's (/proc/<pid>/stat's utime, stime, cutime, cstime), plus what this process reaped
 * (`process.resourceUsage` does not give that: read our own cutime and cstime). 0 where there is no /proc.
 */
function descendantsCpu(): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  const parentOf = new Map<number, number>();
  const ticksOf = new Map<number, { own: number; reaped: number }>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
      ticksOf.set(Number(entry), {
        own: Number(fields[11]) + Number(fields[12]),
        reaped: Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // The process ended while we listed them.
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let at = parentOf.get(pid); at !== undefined && at > 1; at = parentOf.get(at)) {
      if (at === process.pid) return true;
    }
    return false;
  };
  let ticks = ticksOf.get(process.pid)?.reaped ?? 0;
  for (const [pid, { own, reaped }] of ticksOf) if (isDescendant(pid)) ticks += own + reaped;
  return ticks / TICKS;
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6 + descendantsCpu();
}

if (log) {
  beforeAll(() => {
    cpuAtStart = cpuSeconds();
    wallAtStart = performance.now();
  });
  afterAll(() => {
    const cpu = cpuSeconds() - cpuAtStart;
    const file = path.relative(process.cwd(), expect.getState().testPath ?? '?');
    appendFileSync(
      log,
      `${file}\t${cpu.toFixed(1)}\t${((performance.now() - wallAtStart) / 1000).toFixed(1)}\n`,
    );
  });
}
