// Runs before each component test file. A worker's files share one page and one module graph (`isolate:
// false` in vitest.config.ts), so this also puts back what an earlier file may have changed.
import i18next from 'i18next';
import { beforeEach } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup } from 'vitest-browser-react';
import { setUpI18n } from '../../../tab/src/i18n/i18n.ts';

// The UI language is set up before any view is imported, as tab/src/main.tsx does before it renders:
// lazily loaded views add their messages to i18next when their module loads (registerBundle). Once per
// page: setting it up again would drop the messages of the views earlier files loaded, whose modules do
// not load (and register) again.
if (!i18next.isInitialized) await setUpI18n('ja');

// vitest-browser-react unmounts the last render before each test, but registers that hook only when its
// module first loads, that is for the first file of the page: each file registers it again.
beforeEach(() => cleanup());

// What the tab keeps in the page (its route, a booking held in sessionStorage) and the viewport a test
// asked for.
window.location.hash = '';
sessionStorage.clear();
await page.viewport(414, 896);
