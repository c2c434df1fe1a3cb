import path from 'node:path';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumPath } from './test/support/chromium-path.ts';
import { SCREENSHOT_DIR, screenshotsWanted } from './test/support/screenshot-settings.ts';
import { ProjectOrderSequencer } from './test/support/sequencer.ts';
import tab from './tab/vite.config.ts';

// Unit files that replace a module with vi.mock: each runs in a module graph of its own.
const UNIT_MOCKS = [
  'test/unit/graph/client-credentials.test.ts',
  'test/unit/privacy/erasure-outbox-keys.test.ts',
];

// The first phase: the projects that drive Chromium, two files at a time each (the e2e walks with their
// servers, and the component tests beside them, which fill what the walks leave of the two cores).
const BROWSER_PHASE = { maxWorkers: 2, sequence: { groupOrder: 0 } };
// The second phase: the node projects, four at a time. TEST_CPU_LOG=<file> logs each node or e2e file's
// CPU and wall seconds there (test/support/cpu-log.ts), to find where a phase's time goes.
const CPU_LOG = process.env.TEST_CPU_LOG ? ['test/support/cpu-log.ts'] : [];
const NODE_PHASE = { sequence: { groupOrder: 1 }, setupFiles: CPU_LOG };

// Six projects, so a developer can run the fast ones alone (`npx vitest run --project unit`); `npm test`
// runs them all. Inline projects inherit the options below.
export default defineConfig({
  // Integration, e2e and production files run with `isolate: false`: a worker runs its files one after
  // another in one module graph instead of importing the server (and compiling PGlite's WebAssembly) again
  // for each file. A sample of 11 integration files took 267 s instead of 565 s. Those files hold no
  // module-level state of the code under test: each starts its own servers and stores and closes them, and
  // none mocks modules or stubs globals (the two unit files that mock modules stay isolated).
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two phases (test/support/sequencer.ts): the browser projects, as two e2e walks and the component
    // tests keep both cores busy; then the node projects, four at a time, as integration tests also wait
    // (for a job worker's next fetch, a lease, PostgreSQL, a child process). Alone on an idle machine the
    // node projects took 146 s with three workers, using 79% of the two cores, and 127 s with four (90%),
    // for the same CPU time; a whole run went from 287 s to 269 s (with two workers, a sixth of the
    // machine had sat idle: a third worker took a run from 331 s to 315 s on an earlier machine).
    maxWorkers: 4,
    reporters: ['default'],
    // The long projects first, the short files last (test/support/sequencer.ts).
    sequence: { sequencer: ProjectOrderSequencer },
    projects: [
      // Pure logic: no database, no server, no browser, in one module graph per worker (`isolate: false`:
      // 51 files took 14 s isolated, 6 s together), except the files that mock modules, which stay isolated.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: UNIT_MOCKS,
          isolate: false,
          ...NODE_PHASE,
        },
      },
      { extends: true, test: { name: 'unit-mocks', include: UNIT_MOCKS, ...NODE_PHASE } },
      // Slices against a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set) and the emulator.
      // PGlite stores are folders in /dev/shm when it has 1 GiB free (`scratchRoot` in test/support/backends.ts):
      // copying the template to ext4 and removing it cost 1.1-1.2 s of CPU time per store, 0.09 s there.
      // Timeouts catch a hang, not slowness: a test runs in a few seconds alone and may take several times
      // that on a machine running another suite beside it. Nothing asserts on wall-clock durations. With six
      // test runs beside it (load above 30 on 2 cores) the role matrix, the crash-recovery walk and two
      // setup hooks took just over 60 s: 180 s still stops a hang within the CI budget.
      {
        extends: true,
        test: {
          name: 'integration',
          ...NODE_PHASE,
          include: ['test/integration/**/*.test.ts'],
          // Test servers store on PostgreSQL where the tests have one (test/support/test-server.ts).
          env: { TEST_SERVER_STORE: 'slice' },
          testTimeout: 180_000,
          hookTimeout: 180_000,
          isolate: false,
        },
      },
      // The tab in Chromium against the whole local-mode server (a page load alone can take 10 s under load).
      // `isolate: false` also keeps one Chromium per worker for its files (`launchBrowser` in
      // test/support/browser.ts hands each file contexts of its own): a launch cost 0.17 s of CPU time.
      {
        extends: true,
        test: {
          name: 'e2e',
          ...BROWSER_PHASE,
          // Each walk's CPU time, its Chromium's included (test/support/cpu-log.ts).
          setupFiles: CPU_LOG,
          include: ['test/e2e/**/*.test.ts'],
          // A job sent wakes its worker; the workers poll every 2 s instead of every 0.5 s, which an idle
          // server paid for with about 0.08 of a core (`kickedJobs` in test/support/test-server.ts).
          env: { TEST_SERVER_JOBS: 'kick' },
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits for a page to show what a save or a reflow brings: Vitest's default of 1 s
          // failed under load (a declaration's save took longer in a full CI run). A wrong value still fails.
          expect: { poll: { timeout: 20_000 } },
        },
      },
      // The built artefact in production mode (needs `npm run build` and CI's services).
      {
        extends: true,
        test: {
          name: 'production',
          include: ['test/production/**/*.test.ts'],
          isolate: false,
          ...NODE_PHASE,
        },
      },
      // Tab components alone in Debian's Chromium (no server, no dev host): a fake API client answers by route.
      {
        extends: true,
        plugins: tab.plugins,
        // The tab as `vite dev` serves it. Under Vitest's NODE_ENV=test, Fluent UI takes its jsdom paths: the
        // first popover it positions replaces the page's ResizeObserver with one that never reports (so a
        // MessageBar after it never wrapped its text), its overflow manager stops debouncing, and its
        // motion skips animations. None of that is the tab users get.
        define: { 'process.env.NODE_ENV': JSON.stringify('development') },
        // Vite finds the tab's dependencies up front instead of reloading the page when it meets one.
        optimizeDeps: { entries: ['test/component/**/*.test.tsx'] },
        test: {
          name: 'component',
          ...BROWSER_PHASE,
          // A worker's files share one page and one module graph: importing the tab's modules into a fresh
          // page for each file was 58% of the project's time (226 s of CPU time in 122 s; shared, 90 s in
          // 51 s). One worker would cost 68 s, but Vitest runs projects of one `groupOrder` only with one
          // `maxWorkers`, and the e2e walks need two. The setup file puts back what a file may leave
          // behind; `TEST_SHUFFLE_SEED` checks that no file depends on the files before it
          // (test/support/sequencer.ts).
          isolate: false,
          include: ['test/component/**/*.test.tsx'],
          setupFiles: ['test/component/support/setup.ts'],
          // `npm run screenshots`: the page's review screenshots (test/component/support/screenshots.ts).
          provide: { screenshotDir: screenshotsWanted ? path.join(SCREENSHOT_DIR, 'component') : null },
          // expect.element and expect.poll wait for a render after the fake client answers: Vitest's default
          // of 1 s is within reach of a machine running another suite beside this one. A wrong value still
          // fails, after 10 s.
          expect: { poll: { timeout: 10_000 } },
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                // Debian's Chromium, as the e2e tests launch it (test/support/chromium-path.ts): no download here.
                executablePath: chromiumPath(),
                args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
              },
            }),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
            // Vite serves the tab's modules to the page before it connects; with another suite beside this one
            // (load above 20 on 2 cores) that took longer than the default 60 s. A hang still fails.
            connectTimeout: 180_000,
          },
        },
      },
    ],
  },
});
