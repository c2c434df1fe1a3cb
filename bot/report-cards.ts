// The report workflow's cards (src/reports/report-cards.port.ts) built by the pure builders of bot/cards.
// Proactive messages go out in Japanese: the app does not know the language of a channel's readers, nor a
// person's before they write to the bot; Japanese is the city's working language.
import type { Framework } from '../src/framework/framework.schema.ts';
import type { ReportCardBuilders } from '../src/reports/report-cards.port.ts';
import { commentNoticeCard, supervisorNoticeCard } from './cards/report-notice-card.ts';
import { reportFormCard, type CardCourse } from './cards/report-card.ts';
import { reportReminderCard } from './cards/report-reminder-card.ts';
import { reportSummaryCard } from './cards/report-summary-card.ts';

export function createReportCardBuilders(deps: {
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
  courses(): Promise<CardCourse[]>;
}): ReportCardBuilders {
  const locale = 'ja' as const;
  const { framework } = deps;
  // One request run builds a form per attendee: read the catalog once a minute, not once per form.
  let cached: { at: number; courses: Promise<CardCourse[]> } | undefined;
  const courses = () => {
    const now = Date.now();
    if (!cached || now - cached.at > 60_000) {
      const loading = deps.courses();
      cached = { at: now, courses: loading };
      loading.catch(() => (cached = undefined));
    }
    return cached.courses;
  };
  return {
    async requestForm({ session, submissionId }) {
      return reportFormCard({ locale, session, framework, courses: await courses(), submissionId });
    },
    reminder: ({ session, reminder, max }) => reportReminderCard({ locale, session, reminder, max }),
    summary: ({ author, session, report }) =>
      reportSummaryCard({ locale, author, session, report, framework }),
    supervisorNotice: (input) => supervisorNoticeCard({ locale, framework, ...input }),
    commentNotice: (input) => commentNoticeCard({ locale, ...input }),
  };
}
