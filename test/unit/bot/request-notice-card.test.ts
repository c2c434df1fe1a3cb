import { describe, expect, it } from 'vitest';
import {
  requestArrivedCard,
  requestBookedCard,
  requestDeclinedCard,
  requestNoticeCards,
} from '../../../bot/cards/request-notice-card.ts';

const text = (value: unknown) => JSON.stringify(value);
const noJapanese = /[ぁ-んァ-ン]/;

describe('the bot’s 1:1 request notices', () => {
  const arrived = {
    personName: '山田 花子',
    topic: '係内の分担について',
    preferredWeek: '2026-12-14',
    openUrl: 'https://teams/interviews',
  };

  it('tells the supervisor who asks, the topic, the week and where to answer, in Japanese', () => {
    const card = requestArrivedCard({ locale: 'ja', ...arrived });
    expect(card.lang).toBe('ja-JP');
    const shown = text(card);
    expect(shown).toContain('1on1 の申し込みが届きました');
    expect(shown).toContain('山田 花子');
    expect(shown).toContain('係内の分担について');
    expect(shown).toContain('2026年12月14日(月) の週');
    expect(shown).toContain('"url":"https://teams/interviews"');
    expect(text(requestArrivedCard({ locale: 'ja', ...arrived, preferredWeek: null }))).toContain('指定なし');
  });

  it('is English for an English reader, with no Japanese of its own', () => {
    const card = requestArrivedCard({ locale: 'en', ...arrived, personName: 'Hanako', topic: 'Work split' });
    expect(card.lang).toBe('en-US');
    expect(text(card)).toContain('Week of Mon, 14 Dec 2026');
    expect(text(card)).not.toMatch(noJapanese);
    const declined = requestDeclinedCard({
      locale: 'en',
      supervisorName: 'Taro',
      topic: 'Work split',
      reason: 'Busy this month',
      openUrl: 'u',
    });
    expect(text(declined)).toContain('Busy this month');
    expect(text(declined)).not.toMatch(noJapanese);
  });

  it('tells the person the decline’s reason, and the booked 1:1’s time, series and page', () => {
    expect(
      text(
        requestDeclinedCard({
          locale: 'ja',
          supervisorName: '佐藤 係長',
          topic: '相談',
          reason: '来週の係会議で',
          openUrl: 'u',
        }),
      ),
    ).toContain('来週の係会議で');
    const booked = {
      locale: 'ja' as const,
      supervisorName: '佐藤 係長',
      topic: '相談',
      start: '2026-12-08T01:30:00.000Z',
      end: '2026-12-08T02:00:00.000Z',
      intervalWeeks: 2,
      openUrl: 'https://teams/interviews/i-1',
    };
    const shown = text(requestBookedCard(booked));
    expect(shown).toContain('1on1 が予約されました');
    expect(shown).toContain('10:30–11:00');
    expect(shown).toContain('2 週間ごと');
    expect(shown).toContain('https://teams/interviews/i-1');
    expect(text(requestBookedCard({ ...booked, intervalWeeks: null }))).not.toContain('繰り返し');
    const rendered = requestNoticeCards.booked(booked);
    expect(rendered.text).toContain('1on1 が予約されました');
    expect(rendered.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });
});
