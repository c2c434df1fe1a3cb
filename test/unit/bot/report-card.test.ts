import { describe, expect, it } from 'vitest';
import {
  ADAPTIVE_CARD_SCHEMA,
  REPORT_INPUT_IDS,
  REPORT_OPEN_VERB,
  REPORT_SAVE_VERB,
  REPORT_SUBMIT_VERB,
  formNoticeText,
  formProblemText,
  dueReportsCard,
  escapeMarkdown,
  reportFormCard,
  submittedReportCard,
  type CardLocale,
  type ReportCard,
} from '../../../bot/cards/report-card.ts';
import { loadFramework } from '../../../src/framework/framework-loader.ts';
import type { ReportView } from '../../../src/reports/report.contract.ts';

const framework = await loadFramework('src/framework/data/kodaira-2022.json');
const session = {
  sessionId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
  start: '2026-11-20T01:00:00.000Z',
};
const courses = [
  { id: '11111111-1111-4111-8111-111111111111', title: { ja: '議事録研修', en: 'Minutes' } },
  { id: '22222222-2222-4222-8222-222222222222', title: { ja: '接遇研修', en: null } },
];
const form = (locale: CardLocale = 'ja', draft?: Parameters<typeof reportFormCard>[0]['draft']) =>
  reportFormCard({ locale, session, framework, courses, submissionId: 'card-0001-abcdef', draft });

type Node = Record<string, unknown> & { type: string };
/** Every element and action of a card, nested ones included. */
function nodesOf(card: ReportCard): Node[] {
  const found: Node[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as Node;
      if (typeof node.type === 'string') found.push(node);
      for (const [key, child] of Object.entries(node)) if (key !== 'data') visit(child);
    }
  };
  visit(card.body);
  visit(card.actions ?? []);
  return found;
}
const byId = (card: ReportCard, id: string) => nodesOf(card).find((node) => node.id === id);
const textsOf = (card: ReportCard) =>
  nodesOf(card)
    .filter((node) => node.type === 'TextBlock')
    .map((node) => node.text as string);

// Element and action types of the Adaptive Cards 1.5 schema (what Teams renders).
const SCHEMA_15_TYPES = new Set([
  'TextBlock',
  'RichTextBlock',
  'TextRun',
  'Image',
  'ImageSet',
  'Media',
  'Container',
  'ColumnSet',
  'Column',
  'FactSet',
  'ActionSet',
  'Table',
  'TableRow',
  'TableCell',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
  'Action.Execute',
  'Action.Submit',
  'Action.OpenUrl',
  'Action.ShowCard',
  'Action.ToggleVisibility',
]);

function expectValidCard(card: ReportCard, locale: CardLocale) {
  expect(card).toMatchObject({
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: ADAPTIVE_CARD_SCHEMA,
    lang: locale === 'ja' ? 'ja-JP' : 'en-US',
  });
  const nodes = nodesOf(card);
  expect(nodes.map((node) => node.type).filter((type) => !SCHEMA_15_TYPES.has(type))).toEqual([]);
  const inputIds = nodes.filter((node) => node.type.startsWith('Input.')).map((node) => node.id);
  expect(inputIds.every((id) => typeof id === 'string' && id !== '')).toBe(true);
  expect(new Set(inputIds).size).toBe(inputIds.length);
  // The whole card is plain JSON: what Teams receives is what the builder returned.
  expect(JSON.parse(JSON.stringify(card))).toEqual(card);
}

describe('report form card', () => {
  it('is an Adaptive Card 1.5 whose submit is Action.Execute with the verb and data and an Action.Submit fallback carrying the same data', () => {
    for (const locale of ['ja', 'en'] as const) {
      const card = form(locale);
      expectValidCard(card, locale);
      expect(card.actions).toHaveLength(2);
      expect(card.actions?.[0]).toMatchObject({
        type: 'Action.Execute',
        verb: REPORT_SUBMIT_VERB,
        data: { sessionId: session.sessionId, submissionId: 'card-0001-abcdef' },
        fallback: {
          type: 'Action.Submit',
          data: {
            verb: REPORT_SUBMIT_VERB,
            sessionId: session.sessionId,
            submissionId: 'card-0001-abcdef',
          },
        },
      });
    }
  });

  it('offers a second button that saves the draft (report.save), carrying the draft version it was filled from', () => {
    const card = reportFormCard({
      locale: 'ja',
      session,
      framework,
      courses,
      submissionId: 'card-0001-abcdef',
      draftVersion: 3,
    });
    expect(card.actions?.[1]).toMatchObject({
      type: 'Action.Execute',
      title: '下書きを保存',
      verb: REPORT_SAVE_VERB,
      data: { sessionId: session.sessionId, submissionId: 'card-0001-abcdef', draftVersion: 3 },
      fallback: { type: 'Action.Submit', data: { verb: REPORT_SAVE_VERB, draftVersion: 3 } },
    });
    expect(form('en').actions?.[1]).toMatchObject({ title: 'Save draft', data: { draftVersion: 0 } });
  });

  it('tells what is wrong with a field in Japanese, and in English for English users', () => {
    expect(formProblemText('ja', 'learned', 'required')).toBe('学んだことを書いてください。');
    expect(formProblemText('ja', 'satisfaction', 'required')).toBe('満足度を選んでください。');
    expect(formProblemText('ja', 'application', 'too_long', 2000)).toBe(
      '「職場でどう活かすか」は2000文字以内にしてください。',
    );
    expect(formProblemText('ja', 'competencyIds', 'unknown')).toContain('伸ばせた能力');
    expect(formProblemText('en', 'learned', 'required')).toBe('Write what you learned.');
    expect(formProblemText('en', 'wantedCourseIds', 'too_many', 10)).toContain('at most 10');
    expect(formNoticeText('ja', 'draftSaved')).toContain('下書きを保存しました');
    expect(formNoticeText('en', 'draftConflict')).toContain('saved elsewhere');
  });

  it('requires the two texts and the satisfaction, each with an error message, and leaves the rest optional', () => {
    const card = form();
    const required = nodesOf(card)
      .filter((node) => node.isRequired === true)
      .map((node) => node.id);
    expect(required.sort()).toEqual(['application', 'learned', 'satisfaction']);
    for (const id of required) expect(byId(card, id as string)?.errorMessage).toEqual(expect.any(String));
    expect(byId(card, REPORT_INPUT_IDS.learned)).toMatchObject({ type: 'Input.Text', isMultiline: true });
    expect(byId(card, REPORT_INPUT_IDS.application)).toMatchObject({ type: 'Input.Text', isMultiline: true });
    const ratings = byId(card, REPORT_INPUT_IDS.satisfaction)?.choices as Array<{ value: string }>;
    expect(ratings.map((choice) => choice.value)).toEqual(['5', '4', '3', '2', '1']);
  });

  it('asks who may read the report beyond the 課: 課内のみ unless the draft chose 全庁に公開', () => {
    expect(byId(form('ja'), REPORT_INPUT_IDS.audience)).toMatchObject({
      type: 'Input.ChoiceSet',
      label: '公開範囲',
      style: 'expanded',
      value: 'department',
      choices: [
        { title: expect.stringContaining('課内のみ') as unknown, value: 'department' },
        { title: expect.stringContaining('全庁に公開') as unknown, value: 'organisation' },
      ],
    });
    expect(byId(form('en'), REPORT_INPUT_IDS.audience)?.label).toBe('Who can read it');
    expect(byId(form('ja', { audience: 'organisation' }), REPORT_INPUT_IDS.audience)?.value).toBe(
      'organisation',
    );
  });

  it('offers the competencies and DRILL guidelines of the framework as compact multi-selects, in Japanese or in English for an English user', () => {
    const ja = form('ja');
    const en = form('en');
    expect(byId(ja, REPORT_INPUT_IDS.competencyIds)).toMatchObject({
      type: 'Input.ChoiceSet',
      isMultiSelect: true,
      style: 'compact',
      choices: framework.competencies.map((competency) => ({
        title: competency.name.ja,
        value: competency.id,
      })),
    });
    expect(byId(en, REPORT_INPUT_IDS.competencyIds)?.choices).toEqual(
      framework.competencies.map((competency) => ({ title: competency.name.en, value: competency.id })),
    );
    const guidelines = byId(ja, REPORT_INPUT_IDS.guidelineIds);
    expect(guidelines).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, style: 'compact' });
    expect(
      (guidelines?.choices as Array<{ value: string; title: string }>).map((choice) => choice.value),
    ).toEqual(framework.guidelines.map((guideline) => guideline.id));
    expect((guidelines?.choices as Array<{ title: string }>)[0]?.title).toContain(
      framework.guidelines[0]!.name.ja,
    );
  });

  it('offers the catalog courses for trainings wanted, in the user’s language with Japanese when there is no English', () => {
    expect(byId(form('en'), REPORT_INPUT_IDS.wantedCourseIds)).toMatchObject({
      isMultiSelect: true,
      choices: [
        { title: 'Minutes', value: courses[0]!.id },
        { title: '接遇研修', value: courses[1]!.id },
      ],
    });
    expect(byId(form('ja'), REPORT_INPUT_IDS.wantedText)).toMatchObject({ type: 'Input.Text' });
  });

  it('fills the inputs from a draft, dropping ids the form does not offer', () => {
    const card = form('ja', {
      learned: '途中まで',
      competencyIds: [framework.competencies[1]!.id, 'gone'],
      satisfaction: 3,
    });
    expect(byId(card, REPORT_INPUT_IDS.learned)?.value).toBe('途中まで');
    expect(byId(card, REPORT_INPUT_IDS.competencyIds)?.value).toBe(framework.competencies[1]!.id);
    expect(byId(card, REPORT_INPUT_IDS.satisfaction)?.value).toBe('3');
    expect(byId(form(), REPORT_INPUT_IDS.learned)?.value).toBeUndefined();
  });

  it('escapes a course title typed with markdown', () => {
    const card = reportFormCard({
      locale: 'ja',
      session: { ...session, courseTitle: { ja: '**重要** [ここ](https://evil.example)', en: null } },
      framework,
      courses,
      submissionId: 'card-0001-abcdef',
    });
    const title = textsOf(card).find((text) => text.includes('重要'))!;
    expect(title).not.toContain('**');
    expect(title).not.toMatch(/(^|[^\\])\]\(/);
  });
});

describe('submitted report card', () => {
  const report: ReportView = {
    sessionId: session.sessionId,
    personId: 'p1',
    status: 'submitted',
    learned: '**全員**に伝える [リンク](https://evil.example)\n- 箇条書き\n1. 番号',
    application: '係会議で共有する_大事_',
    competencyIds: [framework.competencies[0]!.id],
    guidelineIds: [framework.guidelines[0]!.id],
    satisfaction: 4,
    wantedText: '議事録の書き方',
    wantedCourseIds: [courses[0]!.id],
    version: 2,
    submittedAt: '2026-11-21T03:00:00.000Z',
    updatedAt: '2026-11-21T03:00:00.000Z',
  };
  const submitted = (locale: CardLocale = 'ja') =>
    submittedReportCard({ locale, session, report, framework, courses });

  it('is a read-only Adaptive Card 1.5: no inputs and nothing to submit', () => {
    const card = submitted();
    expectValidCard(card, 'ja');
    expect(nodesOf(card).filter((node) => node.type.startsWith('Input.'))).toEqual([]);
    expect(
      nodesOf(card).filter((node) => node.type === 'Action.Execute' || node.type === 'Action.Submit'),
    ).toEqual([]);
  });

  it('shows the person’s text as given, escaped so markdown they typed is not rendered', () => {
    const texts = textsOf(submitted());
    const learned = texts.find((text) => text.includes('全員'))!;
    expect(learned).toBe(escapeMarkdown(report.learned));
    expect(learned).not.toMatch(/(^|[^\\])\*\*/);
    expect(learned).not.toMatch(/(^|[^\\])\]\(/);
    expect(learned).not.toMatch(/^- /m);
    expect(learned).not.toMatch(/^1\. /m);
    // Removing the escapes gives back exactly what the person wrote.
    expect(learned.replace(/\\([\\*_[\].+-])/g, '$1').replace('{\\{', '{{')).toBe(report.learned);
  });

  it('names the chosen competencies, guidelines and courses from the framework and catalog, and the rating', () => {
    const texts = textsOf(submitted('en')).join('\n');
    expect(texts).toContain(escapeMarkdown(framework.competencies[0]!.name.en));
    expect(texts).toContain(escapeMarkdown(framework.guidelines[0]!.name.en));
    expect(texts).toContain('Minutes');
    expect(texts).toContain('★★★★☆ 4/5');
  });
});

describe('reports still due card', () => {
  it('lists each due report with an Action.Execute that opens its form, with an Action.Submit fallback', () => {
    const card = dueReportsCard({
      locale: 'ja',
      due: [
        {
          sessionId: session.sessionId,
          courseId: 'c1',
          courseTitle: { ja: '_研修_', en: null },
          start: session.start,
          end: session.start,
          hasDraft: true,
        },
      ],
    });
    expectValidCard(card, 'ja');
    const actions = nodesOf(card).filter((node) => node.type === 'Action.Execute');
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      verb: REPORT_OPEN_VERB,
      data: { sessionId: session.sessionId },
      fallback: {
        type: 'Action.Submit',
        data: { verb: REPORT_OPEN_VERB, sessionId: session.sessionId },
      },
    });
    expect(textsOf(card)).toContain('\\_研修\\_');
  });

  it('says there is nothing due when nothing is', () => {
    const card = dueReportsCard({ locale: 'en', due: [] });
    expectValidCard(card, 'en');
    expect(textsOf(card).join(' ')).toContain('no training reports');
    expect(nodesOf(card).filter((node) => node.type.startsWith('Action.'))).toEqual([]);
  });
});

describe('escapeMarkdown', () => {
  it('leaves Japanese prose alone and escapes markdown syntax and card functions', () => {
    expect(escapeMarkdown('会議の目的を共有する。')).toBe('会議の目的を共有する。');
    expect(escapeMarkdown('**太字** と [リンク](https://x.example)')).toBe(
      '\\*\\*太字\\*\\* と \\[リンク\\](https://x.example)',
    );
    expect(escapeMarkdown('- 箇条書き\n1. 番号')).toBe('\\- 箇条書き\n1\\. 番号');
    expect(escapeMarkdown('{{DATE(2026-01-01T00:00:00Z)}}')).toBe('{\\{DATE(2026-01-01T00:00:00Z)}}');
  });

  it('leaves characters Teams does not treat as markdown alone, since some clients show a backslash literally', () => {
    expect(escapeMarkdown('2026年11月25日(水) #3 注意!')).toBe('2026年11月25日(水) #3 注意!');
  });
});
