// What the bot's report cards show of a session and of a report's author, read from the slices that own
// them (training's sessions and courses, people). A card's data is user input: an id that is not one is
// simply not found.
import type { CardAuthor, CardSessionInfo } from './report-cards.port.ts';
import { createTabLinks } from '../shared/tab-links.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from a card or a URL can be an id of ours (all are UUIDs); the database would refuse it. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export interface ReportContextSources {
  sessions: {
    session(id: string): Promise<{ id: string; courseId: string; startsAt: Date } | undefined>;
    course(id: string): Promise<{ titleJa: string; titleEn: string | null } | undefined>;
  };
  reports: { reportOf(id: string): Promise<{ sessionId: string; personId: string } | undefined> };
  people: { get(id: string): Promise<{ displayName: string; department: string | null } | undefined> };
}

export function createReportContext(sources: ReportContextSources) {
  /** A session as the cards show it; undefined for an id that is not a session. */
  const session = async (sessionId: string): Promise<CardSessionInfo | undefined> => {
    const found = isUuid(sessionId) ? await sources.sessions.session(sessionId) : undefined;
    const course = found ? await sources.sessions.course(found.courseId) : undefined;
    return found && course
      ? {
          sessionId: found.id,
          courseTitle: { ja: course.titleJa, en: course.titleEn },
          start: found.startsAt.toISOString(),
        }
      : undefined;
  };
  /** Author and session of a report, for showing the supervisor's card again. */
  const reportContext = async (
    reportId: string,
  ): Promise<{ author: CardAuthor; session: CardSessionInfo } | undefined> => {
    const report = await sources.reports.reportOf(reportId);
    const found = report ? await session(report.sessionId) : undefined;
    const author = report ? await sources.people.get(report.personId) : undefined;
    return found && author
      ? { author: { name: author.displayName, department: author.department }, session: found }
      : undefined;
  };
  return { session, reportContext };
}

/**
 * Where the cards' links open the training pages: the personal tab at that training page, inside Teams when the
 * app id is known (a deep link with the page as subEntityId), otherwise the tab's own address
 * (src/shared/tab-links.ts).
 */
export function trainingTabLink(
  config: { teamsAppId?: string | undefined; publicUrl: string; mode: 'local' | 'production' },
  sub: 'mine' | 'team',
): () => string {
  const links = createTabLinks(config);
  return () => links(`training/${sub}`);
}
