import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { launchBrowser } from '../support/browser.ts';
import { fullChromiumPath } from '../support/chromium-path.ts';
import type { Benchmark } from './registry.ts';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

const TAB_DIR = path.resolve('dist/tab');

/** The JavaScript the home needs: the entry, its static imports, and the home view it loads at once. */
function homeJavaScript(manifest: Record<string, ManifestChunk>): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  visit('src/home/home-view.tsx');
  return [...files];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const tabBenchmark: Benchmark = {
  description:
    'gzip size of the home JavaScript; time to notifySuccess and to the rendered home in Chromium via the dev host',
  async run() {
    const manifestFile = path.join(TAB_DIR, '.vite/manifest.json');
    if (!existsSync(manifestFile)) throw new Error('No tab build: run `npm run build:tab` first.');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
    const files = homeJavaScript(manifest);
    const gzipBytes = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(path.join(TAB_DIR, file))).length,
      0,
    );

    const dataDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-bench-tab-'));
    const envDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-bench-env-'));
    const server = await startServer(
      loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, { envDir, mode: 'local' }),
      pino({ level: 'silent' }),
    );
    const browser = await launchBrowser(fullChromiumPath());
    const user = server.local!.emulator.people.find(
      (person) => person.levelId === 'shuji',
    )!.userPrincipalName;
    const successTimes: number[] = [];
    const renderTimes: number[] = [];
    try {
      for (let run = 0; run < 6; run += 1) {
        const page = await browser.newPage();
        await page.goto(`${server.url}/dev/?user=${encodeURIComponent(user)}`);
        await page
          .frameLocator('[data-testid=dev-host-frame]')
          // The home's main content: the summary has answered and its cards are on screen.
          .locator('[data-testid=home][data-state=ready] [data-testid=home-todo]')
          .waitFor({ timeout: 20_000 });
        const timing = await page.evaluate(() => {
          const events = (window as unknown as { __devHost: { events: Array<{ func: string; at: number }> } })
            .__devHost.events;
          const start = events.find((event) => event.func === 'host.loadTab')!.at;
          const success = events.find((event) => event.func === 'appInitialization.success')!.at;
          return { success: success - start, rendered: performance.now() - start };
        });
        // The first run warms the server's caches and Chromium's; it is not counted.
        if (run > 0) {
          successTimes.push(timing.success);
          renderTimes.push(timing.rendered);
        }
        await page.close();
      }
    } finally {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    const result = {
      homeJsGzipKb: Math.round((gzipBytes / 1024) * 10) / 10,
      notifySuccessMs: Math.round(median(successTimes)),
      homeRenderedMs: Math.round(median(renderTimes)),
    };
    console.log(
      `home JS ${result.homeJsGzipKb} KB gzip in ${files.length} files (target < 200 KB); notifySuccess ${result.notifySuccessMs} ms; home rendered ${result.homeRenderedMs} ms (target < 1000 ms); median of ${successTimes.length} runs`,
    );
    return result;
  },
};
