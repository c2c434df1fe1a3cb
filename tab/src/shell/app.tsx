import {
  FluentProvider,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.ts';
import type { TeamsSession, TeamsTheme } from '../teams/teams-host.ts';
import { Loading } from './loading.tsx';

const HomeView = lazy(() => import('../home/home-view.tsx'));

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
  useEffect(() => session.onThemeChange(setTheme), [session]);
  // Teams shows its own loading indicator until we say the shell is up; data loads after that.
  useEffect(() => session.notifySuccess(), [session]);
  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root} data-theme={theme}>
      <Suspense fallback={<Loading />}>
        <HomeView api={api} />
      </Suspense>
    </FluentProvider>
  );
}
