import { failoverBenchmark } from './failover.bench.ts';
import { interviewsBenchmark } from './interviews.bench.ts';
import { loadBenchmark } from './load.bench.ts';
import { reportsBenchmark } from './reports.bench.ts';
import { scaleBenchmark } from './scale.bench.ts';
import { startupBenchmark } from './startup.bench.ts';
import { tabBenchmark } from './tab.bench.ts';

export interface Benchmark {
  description: string;
  run(): Promise<Record<string, unknown>>;
}

export const benchmarks: Record<string, Benchmark> = {
  startup: startupBenchmark,
  tab: tabBenchmark,
  interviews: interviewsBenchmark,
  load: loadBenchmark,
  reports: reportsBenchmark,
  scale: scaleBenchmark,
  failover: failoverBenchmark,
};
