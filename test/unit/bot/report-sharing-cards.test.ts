import { describe, expect, it } from 'vitest';
import { ADAPTIVE_CARD_SCHEMA, REPORT_OPEN_VERB, type ReportCard } from '../../../bot/cards/report-card.ts';
import {
  COMMENT_INPUT_ID,
  REPORT_COMMENT_VERB,
  commentNoticeCard,
  supervisorNoticeCard,
} from '../../../bot/cards/report-notice-card.ts';
import { reportReminderCard } from '../../../bot/cards/report-reminder-card.ts';
import { reportSummaryCard } from '../../../bot/cards/report-summary-card.ts';
import { loadFramework } from '../../../src/framework/framework-loader.ts';

const framework = await loadFramework('src/framework/data/kodaira-2022.json');
const session = {
  sessionId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
  start: '2026-11-20T01:00:00.000Z',
};
const report = {
  learned: '**太字**にしたい [リンク](https://evil.example) と - 箇条書き',
  application: '定例会議で目的を確認する',
  competencyIds: [framework.competencies[0]!.id, 'noLongerInTheFramework'],
  guidelineIds: [framework.guidelines[0]!.id],
};
const author = { name: '石川 誠', department: '市民課' };

const texts = (card: ReportCard) => JSON.stringify(card.body);

function expectCard15(card: ReportCard, locale: 'ja' | 'en') {
  expect(card).toMatchObject({
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: ADAPTIVE_CARD_SCHEMA,
    lang: locale === 'ja' ? 'ja-JP' : 'en-US',
  });
}

describe('report summary card (the channel post)', () => {
  it('shows the course, the author and 課, what was learned, how it will be used and the strengthened items by name', () => {
    const card = reportSummaryCard({ locale: 'ja', author, session, report, framework });
    expectCard15(card, 'ja');
    const body = texts(card);
    expect(body).toContain('ファシリテーション研修');
    expect(body).toContain('石川 誠（市民課）');
    expect(body).toContain('定例会議で目的を確認する');
    expect(body).toContain(framework.competencies[0]!.name.ja);
    expect(body).toContain(framework.guidelines[0]!.name.ja);
    // An id the framework no longer has is left out rather than shown raw.
    expect(body).not.toContain('noLongerInTheFramework');
  });

  it('escapes what the author typed, so it cannot bold, link or list in the channel', () => {
    const body = texts(reportSummaryCard({ locale: 'ja', author, session, report, framework }));
    expect(body).toContain('\\\\*\\\\*太字\\\\*\\\\*');
    expect(body).toContain('\\\\[リンク\\\\](https://evil.example)');
    expect(body).not.toContain('[リンク](');
  });

  it('speaks English for English readers, with the English names', () => {
    const card = reportSummaryCard({ locale: 'en', author, session, report, framework });
    expectCard15(card, 'en');
    expect(texts(card)).toContain('Facilitation');
    expect(texts(card)).toContain('What I learned');
    expect(texts(card)).toContain(framework.competencies[0]!.name.en);
  });

  it('leaves out the strengthened items when none were chosen', () => {
    const body = texts(
      reportSummaryCard({
        locale: 'ja',
        author: { name: '山下 太郎', department: null },
        session,
        report: { ...report, competencyIds: [], guidelineIds: [] },
        framework,
      }),
    );
    expect(body).not.toContain('伸ばせた能力');
    expect(body).toContain('山下 太郎 ·');
  });
});

describe('supervisor notice card', () => {
  const notice = (extra: Partial<Parameters<typeof supervisorNoticeCard>[0]> = {}) =>
    supervisorNoticeCard({
      locale: 'ja',
      reportId: 'report-1',
      requestId: 'request-0001',
      author,
      session,
      report,
      framework,
      link: 'https://teams.microsoft.com/l/entity/app/home',
      ...extra,
    });

  it('has a required comment box, an Action.Execute report.comment with its Action.Submit fallback, and a link to the tab', () => {
    const card = notice();
    expectCard15(card, 'ja');
    const box = card.body.find((element) => 'id' in element && element.id === COMMENT_INPUT_ID);
    expect(box).toMatchObject({ type: 'Input.Text', isRequired: true, maxLength: 1000 });
    expect(card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        verb: REPORT_COMMENT_VERB,
        data: { reportId: 'report-1', requestId: 'request-0001' },
        fallback: expect.objectContaining({
          type: 'Action.Submit',
          data: { verb: REPORT_COMMENT_VERB, reportId: 'report-1', requestId: 'request-0001' },
        }) as unknown,
      }),
      { type: 'Action.OpenUrl', title: 'タブで見る', url: 'https://teams.microsoft.com/l/entity/app/home' },
    ]);
    expect(texts(card)).toContain('石川 誠さんが研修報告を提出しました');
    expect(texts(card)).toContain('\\\\*\\\\*太字\\\\*\\\\*');
  });

  it('shown again, keeps the typed comment with the problem on top, or lists the comments sent', () => {
    const refused = notice({
      typed: '書きかけ',
      notice: { text: 'コメントを書いてください。', tone: 'attention' },
    });
    expect(refused.body[0]).toMatchObject({ text: 'コメントを書いてください。', color: 'Attention' });
    expect(refused.body.find((element) => 'id' in element && element.id === COMMENT_INPUT_ID)).toMatchObject({
      value: '書きかけ',
    });
    const sent = notice({
      comments: [{ text: '*よい*気づき', createdAt: '2026-11-21T01:00:00.000Z' }],
      notice: { text: 'コメントを送りました。', tone: 'good' },
    });
    expect(sent.body[0]).toMatchObject({ color: 'Good' });
    expect(texts(sent)).toContain('送ったコメント');
    expect(texts(sent)).toContain('\\\\*よい\\\\*気づき');
  });

  it('is complete in English', () => {
    const card = supervisorNoticeCard({
      locale: 'en',
      reportId: 'report-1',
      requestId: 'request-0001',
      author,
      session,
      report,
      framework,
      link: 'https://example.test/tab/',
    });
    expectCard15(card, 'en');
    expect(texts(card)).toContain('submitted a training report');
    expect(card.actions?.map((action) => action.title)).toEqual(['Send comment', 'Open in the tab']);
  });
});

describe('comment notice card (to the author)', () => {
  it('says who commented on which training, with the comment escaped and a link', () => {
    const card = commentNoticeCard({
      locale: 'ja',
      supervisorName: '池田 陽子',
      session,
      comment: '# 見出しにしない **強調しない**',
      link: 'https://example.test/tab/#/training/mine',
    });
    expectCard15(card, 'ja');
    expect(texts(card)).toContain('池田 陽子さんからのコメント');
    // Teams renders no headings: `#` stays as typed (an escape would show its backslash on mobile).
    expect(texts(card)).toContain('"# 見出しにしない \\\\*\\\\*強調しない\\\\*\\\\*"');
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'タブで見る', url: 'https://example.test/tab/#/training/mine' },
    ]);
  });
});

describe('reminder card', () => {
  it('names the training and which reminder it is, and opens the form with Action.Execute report.open (Action.Submit fallback)', () => {
    for (const locale of ['ja', 'en'] as const) {
      const card = reportReminderCard({ locale, session, reminder: 2, max: 2 });
      expectCard15(card, locale);
      expect(texts(card)).toContain(locale === 'ja' ? 'お知らせ 2/2 回目' : 'Reminder 2 of 2');
      expect(card.actions).toEqual([
        expect.objectContaining({
          type: 'Action.Execute',
          verb: REPORT_OPEN_VERB,
          data: { sessionId: session.sessionId },
          fallback: expect.objectContaining({
            data: { verb: REPORT_OPEN_VERB, sessionId: session.sessionId },
          }) as unknown,
        }),
      ]);
    }
  });
});
