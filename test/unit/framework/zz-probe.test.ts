import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { parseFramework } from '/work/main/src/framework/framework-loader.ts';
it('probe', () => {
  const f = JSON.parse(readFileSync('/work/main/src/framework/data/kodaira-2022.json', 'utf8'));
  delete f.expectations.kacho; f.guidelines[4].id = 'link'; f.expectations.shuji.leadership = 'parttime';
  try { parseFramework(f, 'x.json'); } catch (e) { console.log((e as Error).message); }
});
