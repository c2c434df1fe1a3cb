import {
  FluentProvider,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from '@fluentui/react-components';
import {
  lazy,
  Suspense,
  useEffect,
  useLayoutEffect,
  useState,
  type ComponentType,
  type LazyExoticComponent,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../api/client.ts';
import { frameworkQuery, meQuery } from '../data/queries.ts';
import { homeQuery } from '../home/home-query.ts';
import type { TeamsSession, TeamsTheme } from '../teams/teams-host.ts';
import { Loading } from './loading.tsx';
import { Navigation } from './navigation.tsx';
import { useRoute, type PageId } from './router.ts';
import { UnsavedChangesGuard } from './unsaved-changes.tsx';

/** What every page gets: the API and the rest of its route (e.g. a person id). */
export interface PageProps {
  api: ApiClient;
  rest: string[];
}

// One chunk per page: the home loads only what it shows.
const PAGES: Record<PageId, LazyExoticComponent<ComponentType<PageProps>>> = {
  home: lazy(() => import('../home/home-view.tsx')),
  'self-check': lazy(() => import('../self-check/self-check-view.tsx')),
  goals: lazy(() => import('../goals/goals-view.tsx')),
  career: lazy(() => import('../career/career-view.tsx')),
  declaration: lazy(() => import('../declaration/declaration-view.tsx')),
  team: lazy(() => import('../team/team-view.tsx')),
  interviews: lazy(() => import('../interviews/interviews-view.tsx')),
  training: lazy(() => import('../training/training-view.tsx')),
  hr: lazy(() => import('../hr/hr-view.tsx')),
  policy: lazy(() => import('../policy/policy-view.tsx')),
  'org-policy': lazy(() => import('../org-policy/org-policy-view.tsx')),
  evaluation: lazy(() => import('../evaluation/evaluation-view.tsx')),
  'evaluation-calibration': lazy(() => import('../evaluation/calibration-view.tsx')),
};

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
});

export function App({ session, api }: { session: TeamsSession; api: ApiClient }) {
  const [theme, setTheme] = useState<TeamsTheme>(session.theme);
  const styles = useStyles();
  const route = useRoute();
  const queryClient = useQueryClient();
  // Where the tab opened: a later visit to the home asks for its summary itself.
  const [openedOnHome] = useState(() => route.page === 'home');
  useEffect(() => session.onThemeChange(setTheme), [session]);
  // Teams shows its own loading indicator until we say the shell is up; data loads after that.
  useLayoutEffect(() => {
    session.notifySuccess();
    // Every page needs who I am and the policy: ask for them now, while the page's code still loads. A
    // failure is not kept; the page asks again and shows the error.
    void queryClient.prefetchQuery(meQuery(api));
    void queryClient.prefetchQuery(frameworkQuery(api));
    // Opening on the home (as the tab does): its summary too, while the home's code still loads.
    if (openedOnHome) void queryClient.prefetchQuery(homeQuery(api));
  }, [session, api, queryClient, openedOnHome]);
  const View = PAGES[route.page];
  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root} data-theme={theme}>
      <Navigation api={api} current={route.page} />
      <UnsavedChangesGuard />
      <Suspense fallback={<Loading />}>
        <View key={route.page} api={api} rest={route.rest} />
      </Suspense>
    </FluentProvider>
  );
}
