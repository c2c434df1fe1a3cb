// Links from the bot's cards and the server's notices into the personal tab, at a page of it.
//
// Inside Teams: a deep link to the app's static tab (Microsoft Learn, "Deep link to an application",
// section "Deep link to browse within your app"):
//   https://teams.microsoft.com/l/entity/<appId>/<entityId>?context=<URL-encoded JSON {"subEntityId": …}>
// <appId> is the manifest's `id` (TEAMS_APP_ID) and <entityId> the static tab's `entityId`. Teams hands the
// subEntityId to the tab, where teams-js reads it as `app.getContext()` → `page.subPageId`; the tab opens
// the page it names (tab/src/shell/router.ts, pageHashOfSubPage).
//
// Without an app id (local mode, or a deployment that has not set TEAMS_APP_ID) the link opens the local
// Teams dev host at that page in local mode, and the tab's own address otherwise.

/** The manifest's personal tab (appPackage/manifest.json `staticTabs[0].entityId`). */
export const PERSONAL_TAB_ENTITY_ID = 'home';

/** A page of the tab as its router names it: `training/mine`, `interviews/<id>`. */
export type TabPage = string;

export interface TabLinks {
  /** The link that opens the personal tab at `page` ('' for its home). */
  (page: TabPage): string;
}

export function teamsTabDeepLink(appId: string, page: TabPage): string {
  const base = `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${PERSONAL_TAB_ENTITY_ID}`;
  if (page === '') return base;
  return `${base}?context=${encodeURIComponent(JSON.stringify({ subEntityId: page }))}`;
}

export function createTabLinks(config: {
  teamsAppId?: string | undefined;
  publicUrl: string;
  mode: 'local' | 'production';
}): TabLinks {
  const { teamsAppId, publicUrl, mode } = config;
  if (teamsAppId) return (page) => teamsTabDeepLink(teamsAppId, page);
  if (mode === 'local')
    return (page) => `${publicUrl}/dev/${page ? `?subEntityId=${encodeURIComponent(page)}` : ''}`;
  return (page) => `${publicUrl}/tab/${page ? `#/${page}` : ''}`;
}
