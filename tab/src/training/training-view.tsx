import { Tab, TabList } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { useFramework, useMe } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { Page, useLayoutStyles } from '../shell/layout.tsx';
import { navigate } from '../shell/router.ts';
import { Catalog } from './catalog.tsx';
import { HrTraining } from './hr-training.tsx';
import messages from './messages.ts';
import { MyTraining } from './my-training.tsx';
import { TeamTraining } from './team-training.tsx';

registerBundle('training', messages);

type Sub = 'catalog' | 'mine' | 'team' | 'hr';

export default function TrainingView({ api, rest }: PageProps) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const base = allOf(useMe(api), useFramework(api));

  if (base.data === undefined) {
    return (
      <Page title={t('title')} testId="training">
        <QueryState query={base}>{() => null}</QueryState>
      </Page>
    );
  }
  const [me, framework] = base.data;
  // Supervisors and HR get their views only when the token says so; the server checks again.
  const subs: Sub[] = [
    'catalog',
    'mine',
    ...(me.roles.includes('supervisor') ? (['team'] as const) : []),
    ...(me.roles.includes('hr') ? (['hr'] as const) : []),
  ];
  const sub = subs.find((candidate) => candidate === rest[0]) ?? 'catalog';

  return (
    <Page title={t('title')} testId="training">
      <p className={layout.muted}>{t('intro')}</p>
      <TabList
        aria-label={t('tabs.label')}
        selectedValue={sub}
        onTabSelect={(_, data) => navigate('training', String(data.value))}
        style={{ flexWrap: 'wrap' }}
      >
        {subs.map((value) => (
          <Tab key={value} value={value} data-testid={`training-tab-${value}`}>
            {t(`tabs.${value}`)}
          </Tab>
        ))}
      </TabList>
      {sub === 'catalog' ? <Catalog api={api} framework={framework} /> : null}
      {sub === 'mine' ? <MyTraining api={api} /> : null}
      {sub === 'team' ? <TeamTraining api={api} framework={framework} /> : null}
      {sub === 'hr' ? <HrTraining api={api} framework={framework} rest={rest.slice(1)} /> : null}
    </Page>
  );
}
