import { describe, expect, it } from 'vitest';
import { localeOf } from '../../../bot/bot-app.ts';
import { helpCard } from '../../../bot/cards/help-card.ts';
import { submittedReportCard, type ReportCard } from '../../../bot/cards/report-card.ts';
import { scheduleCard, timeRangeOf } from '../../../bot/cards/schedule-card.ts';
import { PERSONAL_TAB_ENTITY_ID, createTabLinks, teamsTabDeepLink } from '../../../src/shared/tab-links.ts';
import { upcomingSchedule, type ScheduleSources } from '../../../bot/schedule.ts';
import { loadFramework } from '../../../src/framework/framework-loader.ts';
import { trainingTabLink } from '../../../src/reports/report-context.ts';
import type { InterviewSummary } from '../../../src/interviews/interview.contract.ts';
import type { ReportView } from '../../../src/reports/report.contract.ts';
import type { EnrolmentView } from '../../../src/training/training.contract.ts';

const APP_ID = '0b2e6a4c-9d1f-4f0e-8a55-3c1d2e4f5a6b';
const text = (card: ReportCard) => JSON.stringify(card.body);
const actionsOf = (card: ReportCard) => {
  const found: Array<Record<string, unknown>> = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      if (typeof node.type === 'string' && node.type.startsWith('Action.')) found.push(node);
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return found;
};

describe('deep links into the personal tab', () => {
  it('follow Teams’ entity deep link: app id, static tab entity id, URL-encoded context with subEntityId', () => {
    const link = teamsTabDeepLink(APP_ID, 'interviews/1234');
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${APP_ID}/home`);
    expect(link).toContain(`?context=${encodeURIComponent('{"subEntityId":"interviews/1234"}')}`);
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'interviews/1234' });
    expect(teamsTabDeepLink(APP_ID, '')).toBe(`https://teams.microsoft.com/l/entity/${APP_ID}/home`);
  });

  it('open the dev host in local mode and the tab’s own page otherwise when no app id is set', () => {
    const base = { publicUrl: 'http://localhost:3978' };
    expect(createTabLinks({ ...base, mode: 'local' })('training/mine')).toBe(
      'http://localhost:3978/dev/?subEntityId=training%2Fmine',
    );
    expect(createTabLinks({ ...base, mode: 'production' })('training/mine')).toBe(
      'http://localhost:3978/tab/#/training/mine',
    );
    expect(createTabLinks({ ...base, mode: 'local', teamsAppId: APP_ID })('training')).toBe(
      teamsTabDeepLink(APP_ID, 'training'),
    );
    expect(PERSONAL_TAB_ENTITY_ID).toBe('home');
  });

  it('open the training page, not the home, from the report notices (shared, commented)', () => {
    const inTeams = {
      publicUrl: 'https://hagukumi.example.jp',
      mode: 'production' as const,
      teamsAppId: APP_ID,
    };
    expect(trainingTabLink(inTeams, 'team')()).toBe(teamsTabDeepLink(APP_ID, 'training/team'));
    expect(trainingTabLink(inTeams, 'mine')()).toBe(teamsTabDeepLink(APP_ID, 'training/mine'));
    expect(trainingTabLink({ ...inTeams, teamsAppId: undefined }, 'mine')()).toBe(
      'https://hagukumi.example.jp/tab/#/training/mine',
    );
  });
});

describe('the help card', () => {
  const tabUrl = teamsTabDeepLink(APP_ID, '');

  it('lists what the bot can do in Japanese, with buttons that send the commands and open the tab', () => {
    const card = helpCard({ locale: 'ja', reason: 'help', tabUrl });
    expect(card.lang).toBe('ja-JP');
    expect(text(card)).toContain('育み（Hagukumi）のボットでできること');
    expect(text(card)).toContain('「提出する報告」');
    expect(text(card)).toContain('「次の予定」');
    expect(text(card)).toContain('「チェックイン」');
    expect(text(card)).toContain('「ヘルプ」');
    expect(actionsOf(card)).toEqual([
      {
        type: 'Action.Submit',
        title: '提出する報告',
        data: { msteams: { type: 'imBack', value: '提出する報告' } },
      },
      { type: 'Action.Submit', title: '次の予定', data: { msteams: { type: 'imBack', value: '次の予定' } } },
      { type: 'Action.OpenUrl', title: '育みを開く', url: tabUrl },
    ]);
  });

  it('is English for an English user, and greets by name', () => {
    const card = helpCard({ locale: 'en', reason: 'greeting', userName: 'Aiko Tanaka', tabUrl });
    expect(card.lang).toBe('en-US');
    expect(text(card)).toContain('Hello, Aiko Tanaka.');
    expect(text(card)).toContain('What the Hagukumi bot can do');
    expect(text(card)).not.toMatch(/[ぁ-んァ-ン]/);
  });

  it('says what it did not understand, escaped and shortened, before the help', () => {
    const card = helpCard({ locale: 'ja', reason: 'unknown', said: `**${'あ'.repeat(60)}**`, tabUrl });
    const first = card.body[0] as { text: string; color: string };
    expect(first.color).toBe('Attention');
    expect(first.text).toBe(`すみません、「\\*\\*${'あ'.repeat(38)}…」はわかりませんでした。`);
    const english = helpCard({ locale: 'en', reason: 'unknown', said: 'asdf', tabUrl });
    expect((english.body[0] as { text: string }).text).toBe('Sorry, I did not understand "asdf".');
  });
});

describe('the locale of a reply', () => {
  it('is English only when Teams says the client is English', () => {
    expect(localeOf('ja-JP')).toBe('ja');
    expect(localeOf('en-US')).toBe('en');
    expect(localeOf('en-GB')).toBe('en');
    expect(localeOf('fr-FR')).toBe('ja');
    expect(localeOf(undefined)).toBe('ja');
  });
});

const interview = (overrides: Partial<InterviewSummary>): InterviewSummary => ({
  id: 'i-1',
  type: 'midYear',
  fiscalYear: 2026,
  organizerId: 'boss',
  organizerName: '山田 花子',
  personId: 'me',
  personName: '田中 愛子',
  start: '2026-12-10T01:00:00.000Z',
  end: '2026-12-10T01:30:00.000Z',
  status: 'booked',
  response: 'none',
  changedInOutlook: null,
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
  noTeamsLink: false,
  waitingForSendingLimit: false,
  webLink: null,
  error: null,
  version: 1,
  ...overrides,
});

const enrolment = (overrides: Partial<EnrolmentView>): EnrolmentView =>
  ({
    id: 'e-1',
    sessionId: 's-1',
    courseId: 'c-1',
    courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
    category: 'specialist',
    start: '2026-12-20T01:00:00.000Z',
    end: '2026-12-20T03:00:00.000Z',
    sessionStatus: 'scheduled',
    personId: 'me',
    personName: '田中 愛子',
    status: 'confirmed',
    ...overrides,
  }) as EnrolmentView;

describe('the next interviews and training', () => {
  const now = new Date('2026-12-05T00:00:00.000Z');
  const sources = (interviews: InterviewSummary[], held: InterviewSummary[], enrolments: EnrolmentView[]) =>
    ({
      interviews: async (actor, as) => {
        expect(actor).toEqual({ id: 'me', isHr: false });
        return as === 'attendee' ? interviews : held;
      },
      enrolments: async () => enrolments,
      now: () => now,
    }) satisfies ScheduleSources;

  it('keeps booked interviews not yet over, mine and those I hold, soonest first', async () => {
    const schedule = await upcomingSchedule(
      sources(
        [
          interview({ id: 'past', start: '2026-11-01T01:00:00.000Z', end: '2026-11-01T01:30:00.000Z' }),
          interview({ id: 'cancelled', status: 'cancelled' }),
          interview({ id: 'failed', status: 'failed' }),
          interview({ id: 'later', start: '2027-01-10T01:00:00.000Z', end: '2027-01-10T01:30:00.000Z' }),
          interview({ id: 'soon', status: 'pending' }),
        ],
        [
          interview({
            id: 'held',
            organizerId: 'me',
            personName: '鈴木 一郎',
            start: '2026-12-08T01:00:00.000Z',
            end: '2026-12-08T01:30:00.000Z',
          }),
        ],
        [
          enrolment({ sessionId: 'declined', status: 'declined' }),
          enrolment({ sessionId: 'reported', status: 'reported' }),
          enrolment({ sessionId: 'cancelled', sessionStatus: 'cancelled' }),
          enrolment({
            sessionId: 'over',
            start: '2026-11-20T01:00:00.000Z',
            end: '2026-11-20T03:00:00.000Z',
          }),
          enrolment({
            sessionId: 'waiting',
            status: 'waitlisted',
            start: '2027-02-01T01:00:00.000Z',
            end: '2027-02-01T03:00:00.000Z',
          }),
          enrolment({ sessionId: 'confirmed' }),
        ],
      ),
      'me',
    );
    expect(schedule.interviews.map((entry) => [entry.id, entry.as, entry.withName])).toEqual([
      ['held', 'organizer', '鈴木 一郎'],
      ['soon', 'attendee', '山田 花子'],
      ['later', 'attendee', '山田 花子'],
    ]);
    expect(schedule.trainings.map((entry) => [entry.sessionId, entry.status])).toEqual([
      ['confirmed', 'confirmed'],
      ['waiting', 'waitlisted'],
    ]);
  });

  it('shows them with Japan times and buttons that deep-link to the interview and my training', async () => {
    const schedule = await upcomingSchedule(sources([interview({})], [], [enrolment({})]), 'me');
    const links = createTabLinks({ publicUrl: 'https://x', mode: 'production', teamsAppId: APP_ID });
    const ja = scheduleCard({ locale: 'ja', schedule, tabLinks: links });
    expect(text(ja)).toContain('中間面談');
    expect(text(ja)).toContain(timeRangeOf('ja', '2026-12-10T01:00:00.000Z', '2026-12-10T01:30:00.000Z'));
    expect(timeRangeOf('ja', '2026-12-10T01:00:00.000Z', '2026-12-10T01:30:00.000Z')).toBe(
      '12月10日(木) 10:00〜10:30',
    );
    expect(text(ja)).toContain('山田 花子 さんとの面談');
    expect(text(ja)).toContain('受講決定');
    expect(actionsOf(ja)).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Teams 会議に参加',
        url: 'https://teams.microsoft.com/l/meetup-join/abc',
      },
      { type: 'Action.OpenUrl', title: '面談を開く', url: teamsTabDeepLink(APP_ID, 'interviews/i-1') },
      { type: 'Action.OpenUrl', title: '研修を開く', url: teamsTabDeepLink(APP_ID, 'training/mine') },
    ]);
    const en = scheduleCard({ locale: 'en', schedule, tabLinks: links });
    expect(en.lang).toBe('en-US');
    expect(text(en)).toContain('Mid-year interview');
    expect(text(en)).toContain('Thu 10 Dec, 10:00–10:30');
    expect(text(en)).toContain('Facilitation');
    expect(text(en)).not.toMatch(/[ぁ-んァ-ン]/);
  });

  it('says so when nothing is booked, and offers the catalog', () => {
    const card = scheduleCard({
      locale: 'ja',
      schedule: { interviews: [], trainings: [] },
      tabLinks: (page) => `link:${page}`,
    });
    expect(text(card)).toContain('予約済みの面談はありません。');
    expect(text(card)).toContain('これからの研修はありません。');
    expect(actionsOf(card)).toEqual([
      { type: 'Action.OpenUrl', title: '研修一覧を見る', url: 'link:training' },
    ]);
  });
});

describe('the submitted report card', () => {
  it('labels the answers with the fields’ names, without the form’s instructions', async () => {
    const framework = await loadFramework('src/framework/data/kodaira-2022.json');
    const report = {
      status: 'submitted',
      learned: '目的を共有する',
      application: '定例会議で使う',
      competencyIds: [framework.competencies[0]!.id],
      guidelineIds: [framework.guidelines[0]!.id],
      satisfaction: 4,
      wantedText: '議事録',
      wantedCourseIds: [],
      submittedAt: '2026-11-21T01:00:00.000Z',
    } as unknown as ReportView;
    const session = {
      sessionId: 's-1',
      courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
      start: '2026-11-20T01:00:00.000Z',
    };
    for (const locale of ['ja', 'en'] as const) {
      const card = submittedReportCard({ locale, session, report, framework, courses: [] });
      const labels = card.body
        .filter((block) => (block as { weight?: string }).weight === 'Bolder')
        .map((block) => (block as { text: string }).text);
      expect(labels.join('|')).not.toMatch(/複数選択|任意|選ぶ|choose|optional|pick/i);
    }
    const ja = submittedReportCard({ locale: 'ja', session, report, framework, courses: [] });
    expect(text(ja)).toContain('"伸ばせた能力"');
    expect(text(ja)).toContain('"伸ばせたDRILLの指針"');
    expect(text(ja)).toContain('"今後受けたい研修"');
  });
});
