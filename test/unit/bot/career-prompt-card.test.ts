import { describe, expect, it } from 'vitest';
import {
  careerPromptCards,
  careerPromptToPersonCard,
  careerPromptToSupervisorCard,
} from '../../../bot/cards/career-prompt-card.ts';

const text = (value: unknown) => JSON.stringify(value);
const facts = { years: 3, dueOn: '2027-04-01' };

describe('the career milestone notice cards', () => {
  it('tells the person in Japanese that their year-N キャリア面談 is due, with a link to their career design', () => {
    const card = careerPromptToPersonCard({
      locale: 'ja',
      kind: 'career-interview',
      ...facts,
      openUrl: 'https://tab.example/career',
    });
    expect(text(card)).toContain('採用3年目のキャリア面談の時期です');
    expect(text(card)).toContain('2027-04-01');
    expect(text(card)).toContain('https://tab.example/career');
    expect(text(card)).toContain('"lang":"ja-JP"');
  });

  it('asks the person to choose 専門 or 幅広 as the 評価期間 ends, in English when they use it', () => {
    const rendered = careerPromptCards.toPerson({
      locale: 'en',
      kind: 'path-choice',
      years: 10,
      dueOn: '2034-04-01',
      openUrl: 'https://tab.example/career',
    });
    expect(rendered.text).toBe('The evaluation period (能力・適性等評価期間) ends');
    expect(text(rendered.attachments)).toContain('Your 10-year evaluation period ends');
    expect(text(rendered.attachments)).toContain('Open my career design');
  });

  it('asks the supervisor to book the career interview, naming the person (escaped), with the booking link', () => {
    const card = careerPromptToSupervisorCard({
      locale: 'ja',
      kind: 'career-interview',
      ...facts,
      personName: '吉田 *花子*',
      openUrl: 'https://tab.example/interviews/book/career/p1',
    });
    expect(text(card)).toContain(
      '吉田 \\\\*花子\\\\*さんが採用3年目になりました。キャリア面談を予約しましょう。',
    );
    expect(text(card)).toContain('キャリア面談を予約する');
    expect(text(card)).toContain('https://tab.example/interviews/book/career/p1');
    const en = careerPromptCards.toSupervisor({
      locale: 'en',
      kind: 'path-choice',
      years: 10,
      dueOn: '2034-04-01',
      personName: 'Hanako Yoshida',
      openUrl: 'https://tab.example/x',
    });
    expect(en.text).toBe('The evaluation period (能力・適性等評価期間) ends: Hanako Yoshida');
    expect(text(en.attachments)).toContain('Book the career interview');
  });
});
