import { describe, expect, it } from 'vitest';
import {
  announcementCard,
  statusNoticeCard,
  trainingNoticeCards,
  whenOf,
} from '../../../bot/cards/training-notice-card.ts';
import { STATUS_NOTICE_KINDS } from '../../../src/training/training-notice-cards.port.ts';
import { audienceKeyOf, failureReasonOf, inAudience } from '../../../src/training/announcements.ts';

const session = {
  sessionId: 's1',
  courseTitle: { ja: '説明力向上研修', en: 'Explaining well' },
  start: '2026-12-10T00:30:00.000Z',
  end: '2026-12-10T03:00:00.000Z',
  place: '小平市役所 大会議室',
  online: false,
  applicationDeadline: '2026-12-03',
};

describe('training notice cards', () => {
  it('announces a session in Japanese: course, when, where, deadline, and a link to apply', () => {
    const card = announcementCard({ locale: 'ja', session, openUrl: 'https://tab.example/#/training' });
    const text = JSON.stringify(card);
    expect(card.lang).toBe('ja-JP');
    expect(text).toContain('受講案内');
    expect(text).toContain('説明力向上研修');
    expect(text).toContain('09:30–12:00');
    expect(text).toContain('小平市役所 大会議室');
    expect(text).toContain('申込締切');
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: '詳細を見て申し込む', url: 'https://tab.example/#/training' },
    ]);
  });

  it('speaks English to an English reader, with the English title when there is one', () => {
    const card = announcementCard({ locale: 'en', session, openUrl: 'https://tab.example/' });
    expect(card.lang).toBe('en-US');
    expect(JSON.stringify(card)).toContain('Explaining well');
    expect(JSON.stringify(card)).toContain('Apply by');
    expect(whenOf('en', session)).toBe('Thu, 10 Dec 2026, 09:30–12:00');
    const untitled = announcementCard({
      locale: 'en',
      session: { ...session, courseTitle: { ja: '説明力向上研修', en: null } },
      openUrl: 'https://tab.example/',
    });
    expect(JSON.stringify(untitled)).toContain('説明力向上研修');
  });

  it('shows an online session as a Teams meeting', () => {
    const card = announcementCard({
      locale: 'ja',
      session: { ...session, online: true, place: '' },
      openUrl: 'https://tab.example/',
    });
    expect(JSON.stringify(card)).toContain('オンライン（Teams 会議）');
  });

  it('has a title and a body for every status notice in both languages, and escapes what people typed', () => {
    for (const kind of STATUS_NOTICE_KINDS)
      for (const locale of ['ja', 'en'] as const) {
        const rendered = trainingNoticeCards.status({
          locale,
          kind,
          session,
          openUrl: 'https://tab.example/',
        });
        expect(rendered.text.length).toBeGreaterThan(10);
        expect(rendered.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
      }
    const card = statusNoticeCard({
      locale: 'ja',
      kind: 'recommended',
      session: { ...session, courseTitle: { ja: '**研修**', en: null } },
      byName: '小平 係長',
      reason: '説明力を伸ばしてほしい',
      openUrl: 'https://tab.example/',
    });
    const text = JSON.stringify(card);
    expect(text).toContain('\\\\*\\\\*研修\\\\*\\\\*');
    expect(text).toContain('小平 係長');
    expect(text).toContain('説明力を伸ばしてほしい');
  });
});

describe('announcement audiences and failures', () => {
  const course = { targetLevelIds: ['shuji'], minYearsOfService: null, maxYearsOfService: null } as never;
  const member = { id: 'p', department: '市民課', levelId: 'shuji', hireDate: '2015-04-01' };

  it('writes the same audience one way whatever the order', () => {
    expect(
      audienceKeyOf({
        kind: 'chosen',
        levelIds: ['shunin', 'shuji'],
        departments: ['保育課', '市民課'],
        minYearsOfService: null,
        maxYearsOfService: null,
      }),
    ).toBe(
      audienceKeyOf({
        kind: 'chosen',
        levelIds: ['shuji', 'shunin', 'shuji'],
        departments: ['市民課', '保育課'],
        minYearsOfService: null,
        maxYearsOfService: null,
      }),
    );
    expect(audienceKeyOf({ kind: 'eligible' })).toBe('eligible');
  });

  it('matches the course’s eligibility, or every condition HR chose', () => {
    expect(inAudience({ kind: 'eligible' }, course, member, '2026-12-06')).toBe(true);
    expect(inAudience({ kind: 'eligible' }, course, { ...member, levelId: 'kacho' }, '2026-12-06')).toBe(
      false,
    );
    const chosen = {
      kind: 'chosen' as const,
      levelIds: [],
      departments: ['市民課'],
      minYearsOfService: 10,
      maxYearsOfService: 12,
    };
    expect(inAudience(chosen, course, member, '2026-12-06')).toBe(true);
    expect(inAudience(chosen, course, { ...member, hireDate: '2020-04-01' }, '2026-12-06')).toBe(false);
    expect(inAudience(chosen, course, { ...member, hireDate: null }, '2026-12-06')).toBe(false);
    expect(inAudience(chosen, course, { ...member, department: '保育課' }, '2026-12-06')).toBe(false);
  });

  it('keeps a workplace course’s announcement in its own 課, whatever audience is chosen', () => {
    const workplace = {
      targetLevelIds: ['shuji'],
      minYearsOfService: null,
      maxYearsOfService: null,
      scope: 'workplace',
      ownerDepartment: '市民課',
    } as never;
    expect(inAudience({ kind: 'eligible' }, workplace, member, '2026-12-06')).toBe(true);
    const elsewhere = { ...member, department: '保育課' };
    expect(inAudience({ kind: 'eligible' }, workplace, elsewhere, '2026-12-06')).toBe(false);
    const anyone = {
      kind: 'chosen' as const,
      levelIds: [],
      departments: ['保育課'],
      minYearsOfService: null,
      maxYearsOfService: null,
    };
    expect(inAudience(anyone, workplace, elsewhere, '2026-12-06')).toBe(false);
    expect(inAudience(anyone, course, elsewhere, '2026-12-06')).toBe(true);
  });

  it('names why a message failed from what the outbox recorded', () => {
    expect(failureReasonOf('Teams refused to install the app for this person: Forbidden')).toBe(
      'appNotInstalled',
    );
    expect(
      failureReasonOf(
        'no conversation with this person is known, and no team installation to create one from',
      ),
    ).toBe('noConversation');
    expect(failureReasonOf('gave up after 12 attempts: 502')).toBe('gaveUp');
    expect(failureReasonOf('Forbidden (403)')).toBe('refused');
    expect(failureReasonOf(null)).toBe('other');
  });
});
