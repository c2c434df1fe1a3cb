import { Tab, TabList } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Page, useLayoutStyles } from './layout.tsx';
import { navigate, type PageId } from './router.ts';

/**
 * A page of sub-pages: its title and intro, the sub-pages as tabs, and the one shown. The shown one is
 * the route's next segment (the first sub-page when that names none of them), and choosing another
 * navigates there, so a reload or a deep link (`training/mine`) opens the same one. The page's test id
 * is its page id; each tab's is `<page>-tab-<sub>`.
 */
export function TabbedPage<Sub extends string>({
  page,
  title,
  intro,
  label,
  subs,
  rest,
  labelOf,
  children,
}: {
  page: PageId;
  title: string;
  intro: string;
  /** The tab list's accessible name. */
  label: string;
  subs: readonly [Sub, ...Sub[]];
  /** The page's route after its id: the sub-page first. */
  rest: readonly string[];
  labelOf: (sub: Sub) => string;
  children: (sub: Sub) => ReactNode;
}) {
  const layout = useLayoutStyles();
  const selected = subs.find((candidate) => candidate === rest[0]) ?? subs[0];
  return (
    <Page title={title} testId={page}>
      <p className={layout.muted}>{intro}</p>
      <TabList
        aria-label={label}
        selectedValue={selected}
        onTabSelect={(_, data) => navigate(page, String(data.value))}
        style={{ flexWrap: 'wrap' }}
      >
        {subs.map((value) => (
          <Tab key={value} value={value} data-testid={`${page}-tab-${value}`}>
            {labelOf(value)}
          </Tab>
        ))}
      </TabList>
      {children(selected)}
    </Page>
  );
}
