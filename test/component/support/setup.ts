// Runs before each component test file. The files share one page and one module graph per worker
// (`isolate: false` in vitest.config.ts: importing the tab's modules again into a fresh frame for every
// file was most of the project's time), so each file starts from what a fresh frame gave it.
import { beforeEach } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup } from 'vitest-browser-react';
import { setUpI18n } from '../../../tab/src/i18n/i18n.ts';

// The UI language is set up before any view is imported, as tab/src/main.tsx does before it renders:
// lazily loaded views add their messages to i18next when their module loads (registerBundle).
await setUpI18n('ja');

// What an earlier file left: its address (the tab routes by hash), its stored booking choices, and the
// size it narrowed the page to (Vitest's default is 414 × 896).
window.history.replaceState(null, '', window.location.pathname + window.location.search);
sessionStorage.clear();
localStorage.clear();
await page.viewport(414, 896);

// vitest-browser-react unmounts what the last test rendered in a hook it registers when its module first
// loads, so for the first file only: register it for every file.
beforeEach(() => cleanup());
