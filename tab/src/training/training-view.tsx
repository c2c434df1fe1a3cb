import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ledDepartmentOf } from '../../../src/shared/department-leads.ts';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { useFramework, useMe } from '../data/queries.ts';
import { allOf } from '../data/query-state.tsx';
import { PendingPage } from '../shell/pending-page.tsx';
import { TabbedPage } from '../shell/tabbed-page.tsx';
import { Catalog } from './catalog.tsx';
import { LearningPaths } from '../learning/learning-path.tsx';
import { HrTraining } from './hr-training.tsx';
import messages from './messages.ts';
import { MyTraining } from './my-training.tsx';
import { ReportLibrary } from './report-library.tsx';
import { TeamTraining } from './team-training.tsx';
import { WorkplaceTraining } from './workplace-training.tsx';

registerBundle('training', messages);

type Sub = 'catalog' | 'mine' | 'path' | 'library' | 'team' | 'workplace' | 'hr';

export default function TrainingView({ api, rest }: PageProps) {
  const { t } = useTranslation('training');
  const base = allOf(useMe(api), useFramework(api));
  // A 受講案内 card's link (`training/announced/<id>`) opens the catalog and tells the server the person
  // followed it: the delivery report's "opened" (docs/training.md). Once per page load.
  const told = useRef('');
  const announced = rest[0] === 'announced' ? rest[1] : undefined;
  useEffect(() => {
    if (!announced || told.current === announced) return;
    told.current = announced;
    api
      .call('POST /api/training/announcements/:announcementId/opened', {
        params: { announcementId: announced },
      })
      .catch(() => undefined);
  }, [api, announced]);

  if (base.data === undefined) return <PendingPage title={t('title')} testId="training" query={base} />;
  const [me, framework] = base.data;
  // Supervisors and HR get their views only when the token says so; the server checks again.
  const subs: [Sub, ...Sub[]] = [
    'catalog',
    'mine',
    'path',
    'library',
    ...(me.roles.includes('supervisor') ? (['team'] as const) : []),
    // The 課長 and 係長 of a 課 run its workplace training.
    ...(ledDepartmentOf(me) === null ? [] : (['workplace'] as const)),
    ...(me.roles.includes('hr') ? (['hr'] as const) : []),
  ];

  return (
    <TabbedPage page="training" tabsKey="tabs" subs={subs} rest={rest}>
      {(sub) => (
        <>
          {sub === 'catalog' ? <Catalog api={api} framework={framework} /> : null}
          {sub === 'mine' ? <MyTraining api={api} /> : null}
          {sub === 'path' ? <LearningPaths api={api} framework={framework} /> : null}
          {sub === 'library' ? <ReportLibrary api={api} framework={framework} /> : null}
          {sub === 'team' ? <TeamTraining api={api} framework={framework} /> : null}
          {sub === 'workplace' ? (
            <WorkplaceTraining api={api} framework={framework} rest={rest.slice(1)} />
          ) : null}
          {sub === 'hr' ? <HrTraining api={api} framework={framework} rest={rest.slice(1)} /> : null}
        </>
      )}
    </TabbedPage>
  );
}
