// What the bot does with report cards, apart from the Teams SDK: turns what a card sent into a call to the
// report service and answers with the card to show. The service validates again; the card's own checks
// (isRequired) are a convenience, not a guarantee.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Framework } from '../src/framework/framework.schema.ts';
import { AppError, isAppError } from '../src/http/app-error.ts';
import type { ReportComments } from '../src/reports/report-comments.ts';
import {
  REPORT_COMMENT_MAX,
  REPORT_COURSES_MAX,
  REPORT_LINKS_MAX,
  REPORT_TEXT_MAX,
  REPORT_WANTED_MAX,
  reportCommentInputSchema,
  reportDraftSchema,
  reportSubmissionSchema,
} from '../src/reports/report.contract.ts';
import type { ReportService } from '../src/reports/report.service.ts';
import {
  COMMENT_INPUT_ID,
  commentRequiredText,
  commentSentText,
  supervisorNoticeCard,
} from './cards/report-notice-card.ts';
import {
  REPORT_INPUT_IDS,
  card,
  dueReportsCard,
  escapeMarkdown,
  formNoticeText,
  formProblemText,
  plain,
  reportFormCard,
  type FormProblemKind,
  submittedReportCard,
  type CardCourse,
  type CardLocale,
  type CardSession,
  type ReportCard,
} from './cards/report-card.ts';
import { dbIntegerFromText, userText } from '../src/http/user-input.ts';

/** Card values arrive as strings: multi-selects comma-joined, the rating as "4". */
const idsOf = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '')
    : [];
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

const cardData = z.looseObject({
  sessionId: userText.max(64),
  submissionId: userText.max(64),
  draftVersion: dbIntegerFromText.min(0).max(1_000_000).optional(),
});
const commentData = z.looseObject({ reportId: userText.max(64), requestId: userText.max(64) });

/** The limit a too-long or too-many problem refers to, per field. */
const LIMITS: Record<string, number> = {
  learned: REPORT_TEXT_MAX,
  application: REPORT_TEXT_MAX,
  wantedText: REPORT_WANTED_MAX,
  competencyIds: REPORT_LINKS_MAX,
  guidelineIds: REPORT_LINKS_MAX,
  wantedCourseIds: REPORT_COURSES_MAX,
};

/** A zod issue of the submission as a field and a kind, for the card's own words. */
const problemOf = (issue: z.core.$ZodIssue): { field: string; kind: FormProblemKind } => {
  const field = String(issue.path[0] ?? '');
  if (issue.code === 'too_small' || issue.code === 'invalid_type') return { field, kind: 'required' };
  if (issue.code === 'too_big') return { field, kind: issue.origin === 'array' ? 'too_many' : 'too_long' };
  return { field, kind: 'invalid' };
};

/** The issues of a submission or draft in the card's words; `required` names what a required issue is. */
const issueProblems = (
  locale: CardLocale,
  issues: z.core.$ZodIssue[],
  required: FormProblemKind = 'required',
) =>
  issues.map((issue) => {
    const { field, kind } = problemOf(issue);
    return formProblemText(locale, field, kind === 'required' ? required : kind, LIMITS[field]);
  });

export interface ReportActionsDependencies {
  reports: Pick<ReportService, 'due' | 'get' | 'submit' | 'saveDraft'>;
  /** Supervisors' comments from the notice card; without it the comment verb is refused. */
  comments?: Pick<ReportComments, 'add' | 'forSupervisor'> | undefined;
  /** Where the notice card's link points. */
  tabLink?: () => string;
  /** Author and session of a report, for showing the supervisor's card again. */
  reportContext?: (
    reportId: string,
  ) => Promise<{ author: { name: string; department: string | null }; session: CardSession } | undefined>;
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
  /** Live catalog courses, for "trainings wanted". */
  courses(): Promise<CardCourse[]>;
  session(sessionId: string): Promise<CardSession | undefined>;
}

export function createReportActions(deps: ReportActionsDependencies) {
  const problemCard = (locale: CardLocale, message: string): ReportCard =>
    card(locale, [plain(message, { color: 'Attention' })]);
  const outdated = (locale: CardLocale) =>
    problemCard(
      locale,
      locale === 'ja' ? 'このカードは古いか壊れています。' : 'This card is outdated or damaged.',
    );

  const form = async (
    locale: CardLocale,
    session: CardSession,
    draft: Parameters<typeof reportFormCard>[0]['draft'],
    problems: string[] = [],
    options: { draftVersion?: number | undefined; notice?: string } = {},
  ): Promise<ReportCard> => {
    const built = reportFormCard({
      locale,
      session,
      framework: deps.framework,
      courses: await deps.courses(),
      submissionId: randomUUID(),
      draft,
      draftVersion: options.draftVersion,
    });
    const top = [
      ...(options.notice ? [plain(options.notice, { color: 'Good' })] : []),
      // What was wrong goes on top of the same form, with what the person typed still in it.
      ...(problems.length > 0
        ? [
            {
              type: 'TextBlock' as const,
              text: [...new Set(problems)].map((problem) => `・${escapeMarkdown(problem)}`).join('\n\n'),
              wrap: true,
              color: 'Attention' as const,
            },
          ]
        : []),
    ];
    return top.length === 0 ? built : { ...built, body: [...top, ...built.body] };
  };

  /** What a card sent, read into the report's fields (multi-selects arrive comma-joined). */
  const typedOf = (values: Record<string, unknown>) => {
    const typed = {
      learned: textOf(values[REPORT_INPUT_IDS.learned]),
      application: textOf(values[REPORT_INPUT_IDS.application]),
      competencyIds: idsOf(values[REPORT_INPUT_IDS.competencyIds]),
      guidelineIds: idsOf(values[REPORT_INPUT_IDS.guidelineIds]),
      wantedText: textOf(values[REPORT_INPUT_IDS.wantedText]),
      wantedCourseIds: idsOf(values[REPORT_INPUT_IDS.wantedCourseIds]),
      // Absent (an older card) keeps what is stored; anything but the two choices is refused by the schema.
      audience: textOf(values[REPORT_INPUT_IDS.audience]) || undefined,
    };
    const rating = Number(textOf(values[REPORT_INPUT_IDS.satisfaction]) || Number.NaN);
    return { typed, rating: Number.isInteger(rating) ? rating : undefined };
  };

  /** The server's validation details (unknown ids, lengths) in the card's words. */
  const detailProblems = (locale: CardLocale, error: AppError) =>
    error.details.map((detail) => {
      const field = detail.path.replace(/^body\./, '');
      return formProblemText(locale, field, /unknown|no such/.test(detail.message) ? 'unknown' : 'invalid');
    });

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
          : error.code === 'session_not_ended'
            ? locale === 'ja'
              ? 'この研修はまだ終わっていません。報告は研修の終了後に提出してください。'
              : 'This session has not ended yet. Submit the report once it is over.'
            : error.message,
    );
  };
  /**
   * Another form was submitted first with other content: say plainly that this one was not stored, and
   * show what was — never the read-only card alone, which would look as if this text had been kept.
   */
  const alreadySubmitted = async (
    personId: string,
    locale: CardLocale,
    session: CardSession,
  ): Promise<ReportCard> => {
    const notice = plain(
      locale === 'ja'
        ? 'この研修の報告は、別の内容ですでに提出されています。今回の内容は保存されていません。提出済みの報告は次のとおりです。'
        : 'A report on this session was already submitted with other content. What you sent now was not stored. This is the submitted report.',
      { color: 'Attention' },
    );
    const report = await deps.reports.get({ id: personId, isHr: false }, session.sessionId);
    const built = submittedReportCard({
      locale,
      session,
      report,
      framework: deps.framework,
      courses: await deps.courses(),
    });
    return { ...built, body: [notice, ...built.body] };
  };
  const noSession = (locale: CardLocale) =>
    refused(locale, new AppError('not_found', 'No such training session.'));

  /** The ids a form card sent and its session, or the card that says why there is none. */
  const formOf = async (
    locale: CardLocale,
    data: unknown,
  ): Promise<{ ids: z.infer<typeof cardData>; session: CardSession } | { refusal: ReportCard }> => {
    const ids = cardData.safeParse(data);
    if (!ids.success) return { refusal: outdated(locale) };
    const session = await deps.session(ids.data.sessionId);
    return session ? { ids: ids.data, session } : { refusal: noSession(locale) };
  };

  return {
    /** The answer to 「提出する報告」 / "reports due" (bot/commands.ts); `tabUrl` opens the tab's training page. */
    async due(personId: string, locale: CardLocale, tabUrl?: string): Promise<ReportCard> {
      return dueReportsCard({ locale, due: await deps.reports.due({ id: personId, isHr: false }), tabUrl });
    },

    /** A fresh form for one session, filled from the draft or the submitted report (then read-only). */
    async open(personId: string, locale: CardLocale, sessionId: string): Promise<ReportCard> {
      const session = await deps.session(sessionId);
      if (!session) return noSession(locale);
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
      const sent = await formOf(locale, data);
      if ('refusal' in sent) return sent.refusal;
      const { ids, session } = sent;
      const { typed, rating } = typedOf(ids);
      const draft = { ...typed, satisfaction: rating ?? null };
      const keep = { draftVersion: ids.draftVersion };
      const parsed = reportSubmissionSchema.safeParse({
        ...typed,
        satisfaction: rating,
        submissionId: ids.submissionId,
      });
      if (!parsed.success)
        return form(locale, session, draft, issueProblems(locale, parsed.error.issues), keep);
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
          return form(locale, session, draft, detailProblems(locale, error), keep);
        if (isAppError(error) && error.code === 'already_submitted')
          return alreadySubmitted(personId, locale, session);
        return refused(locale, error);
      }
    },

    /**
     * Action.Execute `report.save`: stores what is typed as the draft and shows the form again, saying so.
     * A draft saved elsewhere meanwhile (the tab) is not overwritten silently: the form comes back with
     * the typed text and the latest version, so pressing save again keeps this text.
     */
    async save(personId: string, locale: CardLocale, data: unknown): Promise<ReportCard> {
      const sent = await formOf(locale, data);
      if ('refusal' in sent) return sent.refusal;
      const { ids, session } = sent;
      const actor = { id: personId, isHr: false };
      const { typed, rating } = typedOf(ids);
      const draft = { ...typed, satisfaction: rating ?? null };
      const version = ids.draftVersion ?? 0;
      const parsed = reportDraftSchema.safeParse({ ...draft, version });
      if (!parsed.success)
        return form(
          locale,
          session,
          draft,
          // A draft requires nothing: a too-small value there (a rating under 1) is invalid, not missing.
          issueProblems(locale, parsed.error.issues, 'invalid'),
          { draftVersion: version },
        );
      try {
        const saved = await deps.reports.saveDraft(actor, session.sessionId, parsed.data);
        return await form(locale, session, saved, [], {
          draftVersion: saved.version,
          notice: formNoticeText(locale, 'draftSaved'),
        });
      } catch (error) {
        if (isAppError(error) && error.code === 'version_conflict') {
          const latest = await deps.reports.get(actor, session.sessionId);
          return form(locale, session, draft, [formNoticeText(locale, 'draftConflict')], {
            draftVersion: latest.version,
          });
        }
        if (isAppError(error) && error.code === 'conflict')
          return this.open(personId, locale, session.sessionId);
        if (isAppError(error) && error.code === 'validation_failed')
          return form(locale, session, draft, detailProblems(locale, error), { draftVersion: version });
        return refused(locale, error);
      }
    },

    /**
     * Action.Execute `report.comment` from the supervisor's notice: stores the comment (the author is told)
     * and shows the notice again with the comments so far. An empty comment comes back with the problem.
     */
    async comment(personId: string, locale: CardLocale, data: unknown): Promise<ReportCard> {
      const ids = commentData.safeParse(data);
      if (!ids.success || !deps.comments || !deps.reportContext) return outdated(locale);
      const actor = { id: personId, isHr: false };
      const typed = textOf(ids.data[COMMENT_INPUT_ID]);
      try {
        const context = await deps.reportContext(ids.data.reportId);
        if (!context) throw new AppError('not_found', 'No such training report.');
        const notice = async (
          requestId: string,
          extra: { typed?: string; notice?: { text: string; tone: 'good' | 'attention' } },
        ) => {
          const { report, comments } = await deps.comments!.forSupervisor(actor, ids.data.reportId);
          return supervisorNoticeCard({
            locale,
            reportId: report.id,
            requestId,
            author: context.author,
            session: context.session,
            report,
            framework: deps.framework,
            link: deps.tabLink?.() ?? '',
            comments,
            ...extra,
          });
        };
        const parsed = reportCommentInputSchema.safeParse({ text: typed, requestId: ids.data.requestId });
        if (!parsed.success) {
          const tooLong = parsed.error.issues.some((issue) => issue.code === 'too_big');
          return await notice(ids.data.requestId, {
            typed,
            notice: {
              text: tooLong
                ? locale === 'ja'
                  ? `コメントは${REPORT_COMMENT_MAX}文字以内にしてください。`
                  : `A comment is at most ${REPORT_COMMENT_MAX} characters.`
                : commentRequiredText(locale),
              tone: 'attention',
            },
          });
        }
        await deps.comments.add(actor, ids.data.reportId, parsed.data);
        return await notice(randomUUID(), { notice: { text: commentSentText(locale), tone: 'good' } });
      } catch (error) {
        if (isAppError(error) && error.code === 'forbidden')
          return problemCard(
            locale,
            locale === 'ja'
              ? 'この報告にコメントできるのは、報告者の上司だけです。'
              : 'Only the author’s supervisors can comment on this report.',
          );
        return refused(locale, error);
      }
    },
  };
}

export type ReportActions = ReturnType<typeof createReportActions>;
