import { Tab, TabList } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Page, useLayoutStyles } from './layout.tsx';
import { navigate, type PageId } from './router.ts';

/**
 * A page of sub-pages: its title and intro, the sub-pages as tabs, and the one shown. The shown one is
 * the route's next segment (the first sub-page when that names none of them), and choosing another
 * navigates there, so a reload or a deep link (`training/mine`) opens the same one. The page's test id
 * is its page id; each tab's is `<page>-tab-<sub>`.
 *
 * The texts are the page's own bundle's (the bundle is named as the page): `title`, `intro`, and under
 * `tabsKey` the tab list's accessible name (`label`) and each sub-page's tab (`<sub>`).
 */
export function TabbedPage<Sub extends string>({
  page,
  tabsKey,
  subs,
  rest,
  children,
}: {
  page: PageId;
  tabsKey: string;
  subs: readonly [Sub, ...Sub[]];
  /** The page's route after its id: the sub-page first. */
  rest: readonly string[];
  children: (sub: Sub) => ReactNode;
}) {
  const { t } = useTranslation(page);
  const layout = useLayoutStyles();
  const selected = subs.find((candidate) => candidate === rest[0]) ?? subs[0];
  return (
    <Page title={t('title')} testId={page}>
      <p className={layout.muted}>{t('intro')}</p>
      <TabList
        aria-label={t(`${tabsKey}.label`)}
        selectedValue={selected}
        onTabSelect={(_, data) => navigate(page, String(data.value))}
        style={{ flexWrap: 'wrap' }}
      >
        {subs.map((value) => (
          <Tab key={value} value={value} data-testid={`${page}-tab-${value}`}>
            {t(`${tabsKey}.${value}`)}
          </Tab>
        ))}
      </TabList>
      {children(selected)}
    </Page>
  );
}
