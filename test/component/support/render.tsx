// Renders a tab component with what the app gives it (tab/src/main.tsx, tab/src/shell/app.tsx): the UI
// language, Fluent's Teams theme, a fresh query cache with the app's defaults, and an API client. The
// client is a fake that answers by route key, so a test states exactly what the server answers.
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { render, type RenderResult } from 'vitest-browser-react';
import type { ApiClient } from '../../../tab/src/api/client.ts';
import { urlOf, type ApiResponse, type ApiRouteKey, type CallInput } from '../../../tab/src/api/routes.ts';
import { createQueryClient } from '../../../tab/src/data/query-client.ts';
import type { Language } from '../../../tab/src/i18n/i18n.ts';

/** What the server answers on one route: the answer itself, or a function of the request (may throw an ApiError). */
export type Answer<K extends ApiRouteKey> =
  ApiResponse<K> | ((input: CallInput<K>) => ApiResponse<K> | Promise<ApiResponse<K>>);

/** The server's answers by route key (`'GET /api/me'`), typed by the tab's contract (ApiRoutes). */
export type Answers = { [K in ApiRouteKey]?: Answer<K> };

/** One request the fake received. */
export interface Received {
  key: ApiRouteKey;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

export interface FakeApi {
  api: ApiClient;
  /** Every request so far, in order. */
  received: Received[];
  /** The routes asked for that no answer covered (each also failed its request). */
  missing: string[];
}

/**
 * An ApiClient answering from `answers`. A request no answer covers fails the test at once (its error
 * names the route), rather than reaching a network that is not there.
 */
export function fakeApi(answers: Answers): FakeApi {
  const received: Received[] = [];
  const missing: string[] = [];
  const call = async (
    key: ApiRouteKey,
    input: { params?: Record<string, string>; query?: object; body?: unknown } = {},
  ): Promise<unknown> => {
    // The URL the real client would fetch: a path parameter left out fails here as it would there.
    const { url } = urlOf(key, {
      ...(input.params ? { params: input.params } : {}),
      ...(input.query ? { query: input.query as Record<string, unknown> } : {}),
    });
    const answer = answers[key] as unknown;
    if (answer === undefined) {
      missing.push(key);
      throw new Error(`The fake API has no answer for ${key} (${url}): add it to the test's answers.`);
    }
    const params = input.params ?? {};
    const query = Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? ''));
    received.push({ key, params, query, body: input.body });
    // A copy, as a real answer is: the component may not share objects with the test.
    const value: unknown =
      typeof answer === 'function'
        ? await (answer as (input: unknown) => unknown)({ params, query, body: input.body })
        : answer;
    return structuredClone(value);
  };
  const api = {
    call,
    file: async (path: string): Promise<Blob> => {
      throw new Error(`The fake API does not serve files (${path}).`);
    },
  } as unknown as ApiClient;
  return { api, received, missing };
}

/** The UI language, as tab/src/main.tsx picks it from the Teams locale (i18next is set up by ./setup.ts). */
export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export interface Rendered {
  screen: RenderResult;
  queryClient: QueryClient;
}

/** Renders `ui` inside the providers the app puts around its views. */
export async function renderTab(ui: ReactNode, options: { language?: Language } = {}): Promise<Rendered> {
  await setLanguage(options.language ?? 'ja');
  const queryClient = createQueryClient();
  const screen = await render(
    <QueryClientProvider client={queryClient}>
      <FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>
    </QueryClientProvider>,
  );
  return { screen, queryClient };
}
