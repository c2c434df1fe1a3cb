// Pure card builders for post-training reports (issue 8): data in, Adaptive Card 1.5 JSON out.
//
// Everything variable that lands in a TextBlock (what the person wrote, course titles HR typed) is escaped:
// Adaptive Cards render TextBlock text as markdown, so "**", "[link](…)" or "- " typed by someone would
// otherwise change how the card looks — or put a link in front of the person's supervisor.
import type {
  IAdaptiveCard,
  IChoice,
  IChoiceSetInput,
  IExecuteAction,
  IOpenUrlAction,
  ISubmitAction,
  ITextBlock,
  ITextInput,
} from '@microsoft/teams.cards';
import type { Framework } from '../../src/framework/framework.schema.ts';
import {
  REPORT_TEXT_MAX,
  REPORT_WANTED_MAX,
  SATISFACTION_MAX,
  SATISFACTION_MIN,
  type DueReport,
  type ReportContent,
  type ReportView,
} from '../../src/reports/report.contract.ts';

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** The verb of the form's Action.Execute; the Action.Submit fallback carries it in its data. */
export const REPORT_SUBMIT_VERB = 'report.submit';
/** The verb of "open this report's form" in the list of reports still due. */
export const REPORT_OPEN_VERB = 'report.open';
/** The verb of the form's second button: keep what is typed as a draft, and show the form again. */
export const REPORT_SAVE_VERB = 'report.save';

/** The ids of the form's inputs: the bot reads the submitted values under these keys. */
export const REPORT_INPUT_IDS = {
  learned: 'learned',
  application: 'application',
  competencyIds: 'competencyIds',
  guidelineIds: 'guidelineIds',
  satisfaction: 'satisfaction',
  wantedText: 'wantedText',
  wantedCourseIds: 'wantedCourseIds',
  audience: 'audience',
} as const;

export type CardLocale = 'ja' | 'en';

export type ReportCard = IAdaptiveCard & { $schema: string; version: '1.5' };

/** What Action.Execute sends as `data` (Teams adds the input values beside it). */
export interface ReportSubmitData {
  sessionId: string;
  submissionId: string;
  /** The draft version the form was filled from (0: none), for saving the draft from the card. */
  draftVersion: number;
}

export interface CardCourse {
  id: string;
  title: { ja: string; en: string | null };
}

export interface CardSession {
  sessionId: string;
  courseTitle: { ja: string; en: string | null };
  /** ISO instant of the start. */
  start: string;
}

/**
 * Escapes the markdown Teams renders in a TextBlock (bold, italic, links, bulleted and numbered lists) with
 * backslash escapes, and breaks up `{{` so text cannot become a DATE()/TIME() function. Nothing more: some
 * Teams clients (mobile) show the backslash of an escape literally, so characters Teams does not treat as
 * markdown — parentheses in 「11月25日(水)」, `#`, `!` — are left as they are. Escaping `[` and `]` is
 * enough to break a link or image.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_[\]]/g, (character) => `\\${character}`)
    .replace(/^(\s*)([-+])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.')
    .replace(/\{\{/g, '{\\{');
}

export const card = (locale: CardLocale, body: IAdaptiveCard['body'], actions?: IAdaptiveCard['actions']) => {
  const built: ReportCard = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: '1.5',
    lang: locale === 'ja' ? 'ja-JP' : 'en-US',
    body,
  };
  if (actions) built.actions = actions;
  return built;
};

/** A TextBlock of someone's text: escaped, wrapped. */
export const plain = (text: string, extra: Partial<ITextBlock> = {}): ITextBlock => ({
  type: 'TextBlock',
  text: escapeMarkdown(text),
  wrap: true,
  ...extra,
});

export const heading = (text: string): ITextBlock => ({
  type: 'TextBlock',
  text: escapeMarkdown(text),
  size: 'Large',
  weight: 'Bolder',
  wrap: true,
  style: 'heading',
});

export const label = (text: string): ITextBlock => ({
  type: 'TextBlock',
  text: escapeMarkdown(text),
  weight: 'Bolder',
  wrap: true,
  spacing: 'Medium',
});

export const titleIn = (locale: CardLocale, title: { ja: string; en: string | null }) =>
  locale === 'en' && title.en ? title.en : title.ja;

export const dayOf = (locale: CardLocale, iso: string) =>
  new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: locale === 'ja' ? 'long' : 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(iso));

/** The bold line under a card's heading: which course, which day. */
export const sessionLine = (locale: CardLocale, session: Pick<CardSession, 'courseTitle' | 'start'>) =>
  plain(`${titleIn(locale, session.courseTitle)}（${dayOf(locale, session.start)}）`, {
    weight: 'Bolder',
    spacing: 'None',
  });

const SATISFACTION_LABELS: Record<CardLocale, Record<number, string>> = {
  ja: { 5: 'とても満足', 4: '満足', 3: 'ふつう', 2: 'やや不満', 1: '不満' },
  en: { 5: 'Very satisfied', 4: 'Satisfied', 3: 'Neutral', 2: 'Somewhat dissatisfied', 1: 'Dissatisfied' },
};

const TEXT = {
  ja: {
    formTitle: '研修報告',
    intro: '研修で学んだことを職場に還元するための報告です。* は必須です。',
    learned: '学んだこと',
    learnedError: '学んだことを書いてください。',
    application: '職場でどう活かすか',
    applicationError: '職場での活かし方を書いてください。',
    competencies: '伸ばせた能力（複数選択可）',
    guidelines: '伸ばせたDRILLの指針（複数選択可）',
    satisfaction: '満足度',
    satisfactionError: '満足度を選んでください。',
    wantedText: '今後受けたい研修',
    wantedCourses: '研修一覧から選ぶ（任意・複数選択可）',
    choose: '選択してください',
    audience: '公開範囲',
    audienceDepartment: '課内のみ（所属の課のチャンネルと上司）',
    audienceOrganisation: '全庁に公開（研修報告ライブラリで全職員が読めます）',
    submit: '提出する',
    saveDraft: '下書きを保存',
    draftSavedNotice: '下書きを保存しました。続きはいつでも書けます（「報告」と送ると一覧が出ます）。',
    submittedTitle: '研修報告を提出しました',
    submittedAt: '提出日',
    none: '（なし）',
    dueTitle: 'まだ提出していない研修報告',
    dueEmpty: '提出が必要な研修報告はありません。',
    dueOpen: '報告を書く',
    dueTab: '育みで研修を見る',
    draftSaved: '下書きあり',
  },
  en: {
    formTitle: 'Training report',
    intro: 'Your report brings what you learned back to your workplace. * is required.',
    learned: 'What I learned',
    learnedError: 'Write what you learned.',
    application: 'How I will use it in my workplace',
    applicationError: 'Write how you will use it in your workplace.',
    competencies: 'Competencies it strengthened (choose any)',
    guidelines: 'DRILL guidelines it strengthened (choose any)',
    satisfaction: 'Satisfaction',
    satisfactionError: 'Choose how satisfied you are.',
    wantedText: 'Trainings I want next',
    wantedCourses: 'Pick from the catalog (optional, choose any)',
    choose: 'Choose',
    audience: 'Who can read it',
    audienceDepartment: 'My 課 only (its channel and my supervisor)',
    audienceOrganisation: 'The whole organisation (all staff, in the report library)',
    submit: 'Submit',
    saveDraft: 'Save draft',
    draftSavedNotice: 'Draft saved. You can finish it any time (send "report" to see the list).',
    submittedTitle: 'Training report submitted',
    submittedAt: 'Submitted',
    none: '(none)',
    dueTitle: 'Training reports still due',
    dueEmpty: 'You have no training reports to submit.',
    dueOpen: 'Write the report',
    dueTab: 'See my training in Hagukumi',
    draftSaved: 'draft saved',
  },
} as const;

/** The framework's competencies as choices, in Japanese, or in English for an English user. */
export function competencyChoices(framework: Pick<Framework, 'competencies'>, locale: CardLocale): IChoice[] {
  return framework.competencies.map((competency) => ({
    title: competency.name[locale],
    value: competency.id,
  }));
}

/** The DRILL guidelines as choices: their letter and the power they stand for. */
export function guidelineChoices(framework: Pick<Framework, 'guidelines'>, locale: CardLocale): IChoice[] {
  return framework.guidelines.map((guideline) => ({
    title: `${guideline.letter}${locale === 'ja' ? '：' : ': '}${guideline.name[locale]}`,
    value: guideline.id,
  }));
}

const multiSelect = (
  id: string,
  text: string,
  placeholder: string,
  choices: IChoice[],
  values: string[],
): IChoiceSetInput => {
  const known = new Set(choices.map((choice) => choice.value));
  const value = values.filter((entry) => known.has(entry)).join(',');
  return {
    type: 'Input.ChoiceSet',
    id,
    label: text,
    isMultiSelect: true,
    style: 'compact',
    placeholder,
    choices,
    ...(value ? { value } : {}),
  };
};

/**
 * The report form sent 1:1 to an attendee after a session. `submissionId` is made once per form sent, so
 * a double click or a retried invoke of the same card is recognised as one submission by the server.
 * A draft, when there is one, fills the inputs.
 */
export function reportFormCard(input: {
  locale: CardLocale;
  session: CardSession;
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
  courses: CardCourse[];
  submissionId: string;
  draft?: (Partial<ReportContent> & { audience?: string | undefined }) | undefined;
  /** The version of the stored draft the form shows (0 or absent: none stored). */
  draftVersion?: number | undefined;
}): ReportCard {
  const { locale, session, draft } = input;
  const t = TEXT[locale];
  const text = (
    id: string,
    labelText: string,
    value: string | undefined,
    max: number,
    required?: string,
  ): ITextInput => ({
    type: 'Input.Text',
    id,
    label: labelText,
    isMultiline: true,
    maxLength: max,
    ...(required ? { isRequired: true, errorMessage: required } : {}),
    ...(value ? { value } : {}),
  });
  const data: ReportSubmitData = {
    sessionId: session.sessionId,
    submissionId: input.submissionId,
    draftVersion: input.draftVersion ?? 0,
  };
  const fallback: ISubmitAction = {
    type: 'Action.Submit',
    title: t.submit,
    style: 'positive',
    // The fallback has no verb of its own: the message handler recognises it by this one.
    data: { verb: REPORT_SUBMIT_VERB, ...data },
  };
  const submit: IExecuteAction = {
    type: 'Action.Execute',
    title: t.submit,
    style: 'positive',
    verb: REPORT_SUBMIT_VERB,
    data: { ...data },
    fallback,
  };
  const save: IExecuteAction = {
    type: 'Action.Execute',
    title: t.saveDraft,
    verb: REPORT_SAVE_VERB,
    // Adaptive Cards validate every associated input or send none: a host that checks isRequired asks for
    // the required fields before saving too. The tab saves incomplete drafts; the server accepts them here.
    data: { ...data },
    fallback: { type: 'Action.Submit', title: t.saveDraft, data: { verb: REPORT_SAVE_VERB, ...data } },
  };
  const satisfaction = draft?.satisfaction;
  return card(
    locale,
    [
      heading(t.formTitle),
      sessionLine(locale, session),
      plain(t.intro, { isSubtle: true }),
      text(REPORT_INPUT_IDS.learned, t.learned, draft?.learned, REPORT_TEXT_MAX, t.learnedError),
      text(
        REPORT_INPUT_IDS.application,
        t.application,
        draft?.application,
        REPORT_TEXT_MAX,
        t.applicationError,
      ),
      multiSelect(
        REPORT_INPUT_IDS.competencyIds,
        t.competencies,
        t.choose,
        competencyChoices(input.framework, locale),
        draft?.competencyIds ?? [],
      ),
      multiSelect(
        REPORT_INPUT_IDS.guidelineIds,
        t.guidelines,
        t.choose,
        guidelineChoices(input.framework, locale),
        draft?.guidelineIds ?? [],
      ),
      {
        type: 'Input.ChoiceSet',
        id: REPORT_INPUT_IDS.satisfaction,
        label: t.satisfaction,
        style: 'compact',
        placeholder: t.choose,
        isRequired: true,
        errorMessage: t.satisfactionError,
        choices: Array.from({ length: SATISFACTION_MAX - SATISFACTION_MIN + 1 }, (_, index) => {
          const rating = SATISFACTION_MAX - index;
          return { title: `${rating} ${SATISFACTION_LABELS[locale][rating]}`, value: String(rating) };
        }),
        ...(typeof satisfaction === 'number' ? { value: String(satisfaction) } : {}),
      },
      text(REPORT_INPUT_IDS.wantedText, t.wantedText, draft?.wantedText, REPORT_WANTED_MAX),
      multiSelect(
        REPORT_INPUT_IDS.wantedCourseIds,
        t.wantedCourses,
        t.choose,
        input.courses.map((course) => ({ title: titleIn(locale, course.title), value: course.id })),
        draft?.wantedCourseIds ?? [],
      ),
      {
        // Who beyond the 課 reads the report (docs/reports.md, "The library"); the author may change it
        // later in the tab.
        type: 'Input.ChoiceSet',
        id: REPORT_INPUT_IDS.audience,
        label: t.audience,
        // Not required: it always holds one of the two, and a card without it keeps 課内のみ.
        style: 'expanded',
        choices: [
          { title: t.audienceDepartment, value: 'department' },
          { title: t.audienceOrganisation, value: 'organisation' },
        ],
        value: draft?.audience === 'organisation' ? 'organisation' : 'department',
      },
    ],
    [submit, save],
  );
}

/** What replaces the form once the report is stored: the answers, read-only. */
export function submittedReportCard(input: {
  locale: CardLocale;
  session: CardSession;
  report: ReportView;
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
  courses: CardCourse[];
}): ReportCard {
  const { locale, report } = input;
  const t = TEXT[locale];
  const names = FIELD_NAMES[locale];
  const namesOf = (choices: IChoice[], ids: string[]) =>
    ids.map((id) => choices.find((choice) => choice.value === id)?.title ?? id).join('、');
  const answer = (question: string, value: string) => [label(question), plain(value || t.none)];
  const rating = report.satisfaction;
  const wanted = [
    report.wantedText,
    namesOf(
      input.courses.map((course) => ({ title: titleIn(locale, course.title), value: course.id })),
      report.wantedCourseIds,
    ),
  ]
    .filter((part) => part.trim() !== '')
    .join('\n\n');
  return card(locale, [
    heading(`✅ ${t.submittedTitle}`),
    sessionLine(locale, input.session),
    ...(report.submittedAt
      ? [plain(`${t.submittedAt}: ${dayOf(locale, report.submittedAt)}`, { isSubtle: true })]
      : []),
    ...answer(names.learned, report.learned),
    ...answer(names.application, report.application),
    // The answers under the fields' own names: the form's instructions ("choose any") are not repeated.
    ...answer(names.competencyIds, namesOf(competencyChoices(input.framework, locale), report.competencyIds)),
    ...answer(names.guidelineIds, namesOf(guidelineChoices(input.framework, locale), report.guidelineIds)),
    ...answer(
      names.satisfaction,
      rating === null
        ? ''
        : `${'★'.repeat(rating)}${'☆'.repeat(SATISFACTION_MAX - rating)} ${rating}/${SATISFACTION_MAX} ${SATISFACTION_LABELS[locale][rating] ?? ''}`,
    ),
    ...answer(names.wantedText, wanted),
  ]);
}

/** The answer to 「報告」 / "report": the reports still due, each with a button that opens its form. */
export function dueReportsCard(input: {
  locale: CardLocale;
  due: DueReport[];
  /** Opens the tab's training page inside Teams (src/shared/tab-links.ts); absent: no such button. */
  tabUrl?: string | undefined;
}): ReportCard {
  const { locale } = input;
  const t = TEXT[locale];
  const actions: IOpenUrlAction[] | undefined = input.tabUrl
    ? [{ type: 'Action.OpenUrl', title: t.dueTab, url: input.tabUrl }]
    : undefined;
  if (input.due.length === 0) return card(locale, [heading(t.dueTitle), plain(t.dueEmpty)], actions);
  return card(
    locale,
    [
      heading(t.dueTitle),
      ...input.due.map((entry) => {
        const data = { sessionId: entry.sessionId };
        const open: IExecuteAction = {
          type: 'Action.Execute',
          title: t.dueOpen,
          verb: REPORT_OPEN_VERB,
          data,
          fallback: { type: 'Action.Submit', title: t.dueOpen, data: { verb: REPORT_OPEN_VERB, ...data } },
        };
        return {
          type: 'Container' as const,
          separator: true,
          spacing: 'Medium' as const,
          items: [
            plain(titleIn(locale, entry.courseTitle), { weight: 'Bolder' }),
            plain(`${dayOf(locale, entry.start)}${entry.hasDraft ? ` · ${t.draftSaved}` : ''}`, {
              isSubtle: true,
              spacing: 'None',
            }),
            { type: 'ActionSet' as const, actions: [open] },
          ],
        };
      }),
    ],
    actions,
  );
}

/** What was wrong with a field of the form, as the bot tells it back on the card. */
export type FormProblemKind = 'required' | 'too_long' | 'too_many' | 'unknown' | 'invalid';

const FIELD_NAMES: Record<CardLocale, Record<keyof typeof REPORT_INPUT_IDS, string>> = {
  ja: {
    learned: '学んだこと',
    application: '職場でどう活かすか',
    competencyIds: '伸ばせた能力',
    guidelineIds: '伸ばせたDRILLの指針',
    satisfaction: '満足度',
    wantedText: '今後受けたい研修',
    wantedCourseIds: '研修一覧から選んだ研修',
    audience: '公開範囲',
  },
  en: {
    learned: 'What I learned',
    application: 'How I will use it in my workplace',
    competencyIds: 'Competencies',
    guidelineIds: 'DRILL guidelines',
    satisfaction: 'Satisfaction',
    wantedText: 'Trainings I want next',
    wantedCourseIds: 'Courses picked from the catalog',
    audience: 'Who can read it',
  },
};

/**
 * A problem with one field in the user's language (Japanese unless they use English): the server's own
 * messages are English for the API, so the card says it again in words the person reads.
 */
export function formProblemText(
  locale: CardLocale,
  field: string,
  kind: FormProblemKind,
  limit?: number,
): string {
  const t = TEXT[locale];
  const known = (Object.keys(REPORT_INPUT_IDS) as Array<keyof typeof REPORT_INPUT_IDS>).find(
    (key) => key === field,
  );
  if (kind === 'required') {
    if (known === 'learned') return t.learnedError;
    if (known === 'application') return t.applicationError;
    if (known === 'satisfaction') return t.satisfactionError;
  }
  const name = known ? FIELD_NAMES[locale][known] : locale === 'ja' ? 'この報告' : 'This report';
  if (locale === 'ja') {
    if (kind === 'too_long') return `「${name}」は${limit ?? ''}文字以内にしてください。`;
    if (kind === 'too_many') return `「${name}」は${limit ?? ''}個まで選べます。`;
    if (kind === 'unknown') return `「${name}」に、今は選べない項目が含まれています。選び直してください。`;
    return `「${name}」の入力を確かめてください。`;
  }
  if (kind === 'too_long') return `${name}: at most ${limit ?? ''} characters.`;
  if (kind === 'too_many') return `${name}: choose at most ${limit ?? ''}.`;
  if (kind === 'unknown') return `${name}: something chosen is no longer available; choose again.`;
  return `${name}: check what you entered.`;
}

/** The notices the bot puts on top of a form it shows again. */
export function formNoticeText(locale: CardLocale, notice: 'draftSaved' | 'draftConflict'): string {
  if (notice === 'draftSaved') return TEXT[locale].draftSavedNotice;
  return locale === 'ja'
    ? 'この下書きは別の場所（タブなど）で保存されていました。入力した内容はこのカードに残っています。もう一度「下書きを保存」を押すと、この内容で上書きします。'
    : 'This draft was saved elsewhere (in the tab, for example) in the meantime. What you typed is still on this card; press "Save draft" again to keep this version.';
}
