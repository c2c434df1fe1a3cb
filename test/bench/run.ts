// `npm run bench -- <name> [...]`: runs one benchmark (or all, without a name). Each benchmark prints
// its figures and ends with one JSON line, so scripts can read the result.
import { benchmarks } from './registry.ts';

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const names = requested.length > 0 ? requested : Object.keys(benchmarks);

for (const name of names) {
  const bench = benchmarks[name];
  if (!bench) {
    console.error(`Unknown benchmark "${name}". Available: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n# ${name}: ${bench.description}`);
  const result = await bench.run();
  console.log(JSON.stringify(result));
}
process.exit(0);
