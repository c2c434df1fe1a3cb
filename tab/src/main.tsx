import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.ts';
import { languageFor, setUpI18n } from './i18n/i18n.ts';
import { createQueryClient } from './data/query-client.ts';
import { App } from './shell/app.tsx';
import { OutsideTeams } from './shell/outside-teams.tsx';
import { openSubPage } from './shell/router.ts';
import { connectToTeams } from './teams/teams-host.ts';

interface TabConfig {
  hostOrigins: string[];
}

function readConfig(): TabConfig {
  const element = document.getElementById('hagukumi-config');
  try {
    const parsed = JSON.parse(element?.textContent ?? '{}') as Partial<TabConfig>;
    return {
      hostOrigins: Array.isArray(parsed.hostOrigins)
        ? parsed.hostOrigins.filter((origin) => typeof origin === 'string')
        : [],
    };
  } catch {
    return { hostOrigins: [] };
  }
}

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const session = await connectToTeams(readConfig().hostOrigins);
  if (!session) {
    // Japanese first outside Teams too, whatever the browser's language (the page adds English below).
    await setUpI18n('ja');
    root.render(<OutsideTeams />);
    return;
  }
  await setUpI18n(languageFor(session.locale));
  // A deep link from the bot names a page of the tab (src/shared/tab-links.ts): open it before the first render.
  openSubPage(session.subPageId);
  root.render(
    <QueryClientProvider client={createQueryClient()}>
      <App session={session} api={createApiClient(() => session.getAuthToken())} />
    </QueryClientProvider>,
  );
}

void start();
