import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { useFramework, useMe } from '../data/queries.ts';
import { allOf } from '../data/query-state.tsx';
import { Page, useLayoutStyles } from '../shell/layout.tsx';
import { Loading } from '../shell/loading.tsx';
import { PendingPage } from '../shell/pending-page.tsx';
import { TabbedPage } from '../shell/tabbed-page.tsx';
import messages from './messages.ts';
import type { HrBase, HrSectionProps } from './section-props.ts';

registerBundle('hr', messages);

/** The console's sections, in the order HR works through a fiscal year. */
export const HR_SECTIONS = [
  'people',
  'cycles',
  'viewpoints',
  'channels',
  'dashboards',
  'reports',
  'development',
  'learningPaths',
  'evaluation',
  'placement',
  'pulse',
  'budget',
  'audit',
  'erasure',
] as const;
export type HrSection = (typeof HR_SECTIONS)[number];

// One chunk per section: a section's charts or import code load only when HR opens it.
const SECTIONS: Record<HrSection, ComponentType<HrSectionProps>> = {
  people: lazy(() => import('./sections/people-section.tsx')),
  cycles: lazy(() => import('./sections/cycles-section.tsx')),
  viewpoints: lazy(() => import('./viewpoints/viewpoints-section.tsx')),
  channels: lazy(() => import('./sections/channels-section.tsx')),
  dashboards: lazy(() => import('./sections/dashboards-section.tsx')),
  reports: lazy(() => import('./sections/reports-section.tsx')),
  development: lazy(() => import('./sections/development-section.tsx')),
  learningPaths: lazy(() => import('./sections/learning-paths-section.tsx')),
  evaluation: lazy(() => import('./sections/evaluation-section.tsx')),
  placement: lazy(() => import('./sections/placement-section.tsx')),
  pulse: lazy(() => import('./sections/pulse-section.tsx')),
  budget: lazy(() => import('./sections/budget-section.tsx')),
  audit: lazy(() => import('./sections/audit-section.tsx')),
  erasure: lazy(() => import('./sections/erasure-section.tsx')),
};

/** 人事 — the HR console: visible to holders of the HR app role only (the server refuses everyone else). */
export default function HrView({ api, rest }: PageProps) {
  const { t } = useTranslation('hr');
  const layout = useLayoutStyles();
  const loaded = allOf(useMe(api), useFramework(api));

  if (loaded.data === undefined) return <PendingPage title={t('title')} testId="hr" query={loaded} />;
  const [me, framework] = loaded.data;
  const base: HrBase = { me, framework };
  if (!me.roles.includes('hr')) {
    return (
      <Page title={t('title')} testId="hr">
        <p className={layout.muted} data-testid="hr-not-allowed">
          {t('notAllowed')}
        </p>
      </Page>
    );
  }
  return (
    <TabbedPage page="hr" tabsKey="sections" subs={HR_SECTIONS} rest={rest}>
      {(section) => {
        const Section = SECTIONS[section];
        return (
          <Suspense fallback={<Loading />}>
            <Section key={section} api={api} base={base} rest={rest.slice(1)} />
          </Suspense>
        );
      }}
    </TabbedPage>
  );
}
