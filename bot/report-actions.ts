// What the bot does with report cards, apart from the Teams SDK: turns what a card sent into a call to the
// report service and answers with the card to show. The service validates again; the card's own checks
// (isRequired) are a convenience, not a guarantee.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Framework } from '../src/framework/framework.schema.ts';
import { AppError, isAppError } from '../src/http/app-error.ts';
import type { ReportService } from '../src/reports/report.service.ts';
import { reportSubmissionSchema } from '../src/reports/report.service.ts';
import {
  REPORT_INPUT_IDS,
  dueReportsCard,
  escapeMarkdown,
  reportFormCard,
  submittedReportCard,
  type CardCourse,
  type CardLocale,
  type CardSession,
  type ReportCard,
} from './cards/report-card.ts';

/** Card values arrive as strings: multi-selects comma-joined, the rating as "4". */
const idsOf = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '')
    : [];
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

const cardData = z.looseObject({ sessionId: z.string().max(64), submissionId: z.string().max(64) });

export interface ReportActionsDependencies {
  reports: Pick<ReportService, 'due' | 'get' | 'submit'>;
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
  /** Live catalog courses, for "trainings wanted". */
  courses(): Promise<CardCourse[]>;
  session(sessionId: string): Promise<CardSession | undefined>;
}

export function createReportActions(deps: ReportActionsDependencies) {
  const problemCard = (locale: CardLocale, message: string): ReportCard => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang: locale === 'ja' ? 'ja-JP' : 'en-US',
    body: [{ type: 'TextBlock', text: escapeMarkdown(message), wrap: true, color: 'Attention' }],
  });

  const form = async (
    locale: CardLocale,
    session: CardSession,
    draft: Parameters<typeof reportFormCard>[0]['draft'],
    problems: string[] = [],
  ): Promise<ReportCard> => {
    const card = reportFormCard({
      locale,
      session,
      framework: deps.framework,
      courses: await deps.courses(),
      submissionId: randomUUID(),
      draft,
    });
    if (problems.length === 0) return card;
    // What was wrong goes on top of the same form, with what the person typed still in it.
    return {
      ...card,
      body: [
        {
          type: 'TextBlock',
          text: problems.map((problem) => `・${escapeMarkdown(problem)}`).join('\n\n'),
          wrap: true,
          color: 'Attention',
        },
        ...card.body,
      ],
    };
  };

  const refused = (locale: CardLocale, error: unknown) => {
    if (!isAppError(error)) throw error;
    return problemCard(
      locale,
      error.code === 'forbidden'
        ? locale === 'ja'
          ? 'この研修の報告は、出席した方だけが提出できます。'
          : 'Only those who attended this session can report on it.'
        : error.code === 'not_found'
          ? locale === 'ja'
            ? 'この研修は見つかりませんでした。'
            : 'This training session was not found.'
          : error.message,
    );
  };

  return {
    /** The answer to 「報告」 / "report". */
    async due(personId: string, locale: CardLocale): Promise<ReportCard> {
      return dueReportsCard({ locale, due: await deps.reports.due({ id: personId, isHr: false }) });
    },

    /** A fresh form for one session, filled from the draft or the submitted report (then read-only). */
    async open(personId: string, locale: CardLocale, sessionId: string): Promise<ReportCard> {
      const session = await deps.session(sessionId);
      if (!session) return refused(locale, new AppError('not_found', 'No such training session.'));
      try {
        const report = await deps.reports.get({ id: personId, isHr: false }, sessionId);
        if (report.status === 'submitted')
          return submittedReportCard({
            locale,
            session,
            report,
            framework: deps.framework,
            courses: await deps.courses(),
          });
        return await form(locale, session, report);
      } catch (error) {
        return refused(locale, error);
      }
    },

    /**
     * Action.Execute `report.submit` (or its Action.Submit fallback): stores the report, then answers with
     * the read-only card. A refused submission answers with the same form, what was typed kept in it.
     */
    async submit(personId: string, locale: CardLocale, data: unknown): Promise<ReportCard> {
      const ids = cardData.safeParse(data);
      if (!ids.success)
        return problemCard(
          locale,
          locale === 'ja' ? 'このカードは古いか壊れています。' : 'This card is outdated or damaged.',
        );
      const values = ids.data;
      const session = await deps.session(ids.data.sessionId);
      if (!session) return refused(locale, new AppError('not_found', 'No such training session.'));
      const typed = {
        learned: textOf(values[REPORT_INPUT_IDS.learned]),
        application: textOf(values[REPORT_INPUT_IDS.application]),
        competencyIds: idsOf(values[REPORT_INPUT_IDS.competencyIds]),
        guidelineIds: idsOf(values[REPORT_INPUT_IDS.guidelineIds]),
        wantedText: textOf(values[REPORT_INPUT_IDS.wantedText]),
        wantedCourseIds: idsOf(values[REPORT_INPUT_IDS.wantedCourseIds]),
      };
      const rating = Number(textOf(values[REPORT_INPUT_IDS.satisfaction]) || Number.NaN);
      const draft = { ...typed, satisfaction: Number.isInteger(rating) ? rating : null };
      const parsed = reportSubmissionSchema.safeParse({
        ...typed,
        satisfaction: Number.isInteger(rating) ? rating : undefined,
        submissionId: ids.data.submissionId,
      });
      if (!parsed.success)
        return form(
          locale,
          session,
          draft,
          parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
        );
      try {
        const report = await deps.reports.submit(
          { id: personId, isHr: false },
          session.sessionId,
          parsed.data,
        );
        return submittedReportCard({
          locale,
          session,
          report,
          framework: deps.framework,
          courses: await deps.courses(),
        });
      } catch (error) {
        if (isAppError(error) && error.code === 'validation_failed')
          return form(
            locale,
            session,
            draft,
            error.details.map((detail) => `${detail.path.replace(/^body\./, '')}: ${detail.message}`),
          );
        return refused(locale, error);
      }
    },
  };
}

export type ReportActions = ReturnType<typeof createReportActions>;
