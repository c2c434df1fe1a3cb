import {
  makeStyles,
  Overflow,
  OverflowItem,
  Tab,
  TabList,
  tokens,
  useOverflowCount,
} from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ledDepartmentOf } from '../../../src/shared/department-leads.ts';
import type { ApiClient } from '../api/client.ts';
import { useMe } from '../data/queries.ts';
import { hasDeclarationPage } from '../declaration/applies.ts';
import { useEvaluatesSomeone } from '../evaluation/evaluates-someone.ts';
import { navigate, type PageId } from './router.ts';

const useStyles = makeStyles({
  bar: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    position: 'sticky',
    top: 0,
    zIndex: 1,
  },
  // The overflow manager measures the list: it must fill the bar and never scroll or wrap.
  list: {
    maxWidth: '960px',
    margin: '0 auto',
    overflow: 'hidden',
    flexWrap: 'nowrap',
    minWidth: 0,
    boxSizing: 'border-box',
  },
  tab: { flexShrink: 0, whiteSpace: 'nowrap' },
});

// The menu's code (Fluent's Menu with its positioning) loads only when some tab does not fit, as on Teams
// mobile: the desktop tab, and the first paint of every tab, do without it.
const MoreMenu = lazy(() => import('./more-menu.tsx'));

/**
 * Pages everyone has; the team page joins them for people with someone below them and for a 課's 課長 and
 * 係長 (its pulse is there). Interviews are for everyone: supervisors book there, and everyone sees the
 * interviews they are invited to.
 */
const EVERYONE: readonly PageId[] = ['home', 'self-check', 'goals', 'org-policy', 'career', 'declaration'];

/**
 * The pages as tabs. On a narrow screen (Teams mobile, 360 px) the tabs that do not fit move, last first,
 * into a その他 menu at the end of the list, as Teams' own mobile apps do; the current page never moves
 * there, so where you are stays in view.
 */
export function Navigation({ api, current }: { api: ApiClient; current: PageId }) {
  const { t } = useTranslation();
  const styles = useStyles();
  // The page shows its own error if /api/me fails; the navigation just keeps the common pages.
  const me = useMe(api).data;
  // 人事評価 for whoever the server says evaluates someone this fiscal year (HR may name anyone).
  const evaluator = useEvaluatesSomeone(api);
  const pages: PageId[] = [
    ...EVERYONE.filter((page) => page !== 'declaration' || !me || hasDeclarationPage(me)),
    // The team page: for people with someone below them, and for a 課長 or 係長 of a 課, whose やりがい
    // pulse is reached there even when nobody reports to them.
    ...(me && (me.roles.includes('supervisor') || ledDepartmentOf(me) !== null) ? (['team'] as const) : []),
    'interviews',
    'training',
    ...(evaluator ? (['evaluation'] as const) : []),
    // 調整: the server lets in whoever has people below them (its `supervisor` role) and HR; anyone it
    // then refuses for a 課 or 部 gets the page's explanation.
    ...(me?.roles.includes('supervisor') || me?.roles.includes('hr')
      ? (['evaluation-calibration'] as const)
      : []),
    // The HR console is shown to those whose token carries the HR app role; the server checks every call.
    ...(me?.roles.includes('hr') ? (['hr'] as const) : []),
  ];
  return (
    <nav className={styles.bar} aria-label={t('nav.label')} data-testid="navigation">
      <Overflow minimumVisible={1} padding={8}>
        <TabList
          className={styles.list}
          selectedValue={current}
          onTabSelect={(_, data) => navigate(data.value as PageId)}
          size="medium"
        >
          {pages.map((page, index) => (
            // Earlier pages stay longer (higher priority overflows later); the current page is pinned.
            <OverflowItem
              key={page}
              id={page}
              {...(page === current ? { pinned: true } : { priority: pages.length - index })}
            >
              <Tab value={page} className={styles.tab} data-testid={`nav-${page}`}>
                {t(`nav.${page}`)}
              </Tab>
            </OverflowItem>
          ))}
          <MoreMenuWhenNeeded pages={pages} current={current} />
        </TabList>
      </Overflow>
    </nav>
  );
}

/** The その他 menu (more-menu.tsx), mounted only while some pages are overflowing. */
function MoreMenuWhenNeeded({ pages, current }: { pages: readonly PageId[]; current: PageId }) {
  if (useOverflowCount() === 0) return null;
  return (
    <Suspense fallback={null}>
      <MoreMenu pages={pages} current={current} />
    </Suspense>
  );
}
