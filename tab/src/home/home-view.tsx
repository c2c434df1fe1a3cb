import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.ts';
import { useMe } from '../data/queries.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { useErrorText } from '../shell/error-text.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { hrefOf } from '../shell/router.ts';
import { NewsCard, TeamCard, TodoCard, UpcomingCard } from './due-card.tsx';
import { homeQuery } from './home-query.ts';
import messages from './messages.ts';
import { PulseAnswerCard } from './pulse-card.tsx';

registerBundle('home-next', messages);

const useStyles = makeStyles({
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 360px), 1fr))',
    gap: '16px',
    alignItems: 'start',
  },
  column: { display: 'flex', flexDirection: 'column', gap: '16px', minWidth: 0 },
  policy: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: '12px 16px',
  },
  policyLink: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * The personal tab's home: what is next for me. 今やること and, for supervisors, 部下への対応 first; then
 * これからの予定 and 新着; the policy (めざす職員像, my level, DRILL) is one link away on its own page.
 */
export default function HomeView({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const { t: th } = useTranslation('home-next');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const errorText = useErrorText();
  const me = useMe(api);
  const summary = useQuery(homeQuery(api));
  const state =
    summary.data !== undefined ? 'ready' : summary.isError && !summary.isFetching ? 'error' : 'loading';

  return (
    <main className={layout.page} data-testid="home" data-state={state} aria-busy={state === 'loading'}>
      <h1 className={layout.h1}>
        {me.data ? t('home.greeting', { name: me.data.displayName }) : t('nav.home')}
      </h1>
      {state === 'loading' ? <p className={styles.muted}>{th('loading')}</p> : null}
      {state === 'error' ? (
        <p role="alert">
          {th('failed', { message: errorText(summary.error) })}{' '}
          <Button size="small" onClick={() => void summary.refetch()}>
            {th('retry')}
          </Button>
        </p>
      ) : null}
      {/* The やりがい pulse while one is open and unanswered (its own query: the summary does not wait on it). */}
      <PulseAnswerCard api={api} />
      {summary.data ? (
        <div className={styles.columns}>
          <div className={styles.column}>
            <TodoCard summary={summary.data} />
            {summary.data.team ? <TeamCard team={summary.data.team} /> : null}
          </div>
          <div className={styles.column}>
            <UpcomingCard summary={summary.data} />
            <NewsCard news={summary.data.news} />
          </div>
        </div>
      ) : null}
      <nav className={styles.policy} aria-label={th('policy.link')}>
        <Link className={styles.policyLink} href={hrefOf('policy')} data-testid="open-policy">
          {th('policy.link')}
        </Link>
        <span className={styles.muted}>{th('policy.hint')}</span>
      </nav>
    </main>
  );
}
