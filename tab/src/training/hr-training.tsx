// HR's training console in the tab: the course list, or one session's roster.
import { AnnouncementsPanel } from './announcements-panel.tsx';
import { Roster, rosterSessionOf, type ConsoleProps } from './roster.tsx';
import { HrCourses } from './hr-courses.tsx';

export function HrTraining({ api, framework, rest }: ConsoleProps) {
  const sessionId = rosterSessionOf(rest);
  if (sessionId)
    return (
      <>
        <Roster api={api} sessionId={sessionId} />
        <AnnouncementsPanel api={api} sessionId={sessionId} />
      </>
    );
  return <HrCourses api={api} framework={framework} />;
}
