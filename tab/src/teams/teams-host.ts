// The only module that talks to teams-js. Everything else gets a plain TeamsSession.
import { app, authentication } from '@microsoft/teams-js';

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsSession {
  userId: string;
  locale: string;
  /** The page a deep link asked for (`context.subEntityId` of the link; see shell/router.ts). */
  subPageId?: string | undefined;
  theme: TeamsTheme;
  getAuthToken(): Promise<string>;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  notifySuccess(): void;
  notifyFailure(message: string): void;
}

const INITIALIZE_TIMEOUT_MS = 10_000;

function toTheme(value: string | undefined): TeamsTheme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Teams did not answer in time')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Connects to the Teams host. Outside any host teams-js rejects at once; inside a foreign frame it may
 * never answer, hence our own timeout. `hostOrigins` are extra host origins the server trusts (the
 * local dev host); Teams' own origins are known to teams-js.
 */
export async function connectToTeams(hostOrigins: string[]): Promise<TeamsSession | undefined> {
  if (window.parent === window) return undefined;
  try {
    await withTimeout(app.initialize(hostOrigins), INITIALIZE_TIMEOUT_MS);
  } catch {
    return undefined;
  }
  const context = await app.getContext();
  let notified = false;
  return {
    userId: context.user?.id ?? '',
    locale: context.app.locale,
    subPageId: context.page.subPageId,
    theme: toTheme(context.app.theme),
    getAuthToken: () => authentication.getAuthToken(),
    onThemeChange(handler) {
      app.registerOnThemeChangeHandler((theme) => handler(toTheme(theme)));
    },
    notifySuccess() {
      if (notified) return;
      notified = true;
      void app.notifySuccess();
    },
    notifyFailure(message) {
      if (notified) return;
      notified = true;
      void app.notifyFailure({ reason: app.FailedReason.Other, message });
    },
  };
}
