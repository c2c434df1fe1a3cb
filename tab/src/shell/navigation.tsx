import { makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.ts';
import { useMe } from '../data/queries.ts';
import { hasDeclarationPage } from '../declaration/applies.ts';
import { navigate, type PageId } from './router.ts';

const useStyles = makeStyles({
  bar: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowX: 'auto',
    position: 'sticky',
    top: 0,
    zIndex: 1,
  },
  list: { maxWidth: '960px', margin: '0 auto' },
});

/**
 * Pages everyone has; the team page joins them for people with direct reports. Interviews are for everyone:
 * supervisors book there, and everyone sees the interviews they are invited to.
 */
const EVERYONE: readonly PageId[] = ['home', 'self-check', 'goals', 'career', 'declaration'];

export function Navigation({ api, current }: { api: ApiClient; current: PageId }) {
  const { t } = useTranslation();
  const styles = useStyles();
  // The page shows its own error if /api/me fails; the navigation just keeps the common pages.
  const me = useMe(api).data;
  const pages: PageId[] = [
    ...EVERYONE.filter((page) => page !== 'declaration' || !me || hasDeclarationPage(me)),
    ...(me?.roles.includes('supervisor') ? (['team'] as const) : []),
    'interviews',
    'training',
    // The HR console is shown to those whose token carries the HR app role; the server checks every call.
    ...(me?.roles.includes('hr') ? (['hr'] as const) : []),
  ];
  return (
    <nav className={styles.bar} aria-label={t('nav.label')} data-testid="navigation">
      <TabList
        className={styles.list}
        selectedValue={current}
        onTabSelect={(_, data) => navigate(data.value as PageId)}
        size="medium"
      >
        {pages.map((page) => (
          <Tab key={page} value={page} data-testid={`nav-${page}`}>
            {t(`nav.${page}`)}
          </Tab>
        ))}
      </TabList>
    </nav>
  );
}
