// HR's training console in the tab: the course list, or one session's roster.
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { AnnouncementsPanel } from './announcements-panel.tsx';
import { Roster } from './roster.tsx';
import { HrCourses } from './hr-courses.tsx';

export function HrTraining({
  api,
  framework,
  rest,
}: {
  api: ApiClient;
  framework: Framework;
  rest: string[];
}) {
  if (rest[0] === 'roster' && rest[1])
    return (
      <>
        <Roster api={api} sessionId={rest[1]} />
        <AnnouncementsPanel api={api} sessionId={rest[1]} />
      </>
    );
  return <HrCourses api={api} framework={framework} />;
}
