import { describe, expect, it } from 'vitest';
import { ojtNoticeCards, ojtSuggestionCard } from '../../../bot/cards/ojt-notice-card.ts';

const notice = {
  personName: '吉田 花子',
  kind: 'transfer' as const,
  department: '市民課',
  openUrl: 'https://tab.example/team/person-1',
};
const text = (value: unknown) => JSON.stringify(value);

describe('the onboarding suggestion notice card', () => {
  it('asks the supervisor in Japanese to make the plan, naming the person, the kind and the 課, with a link', () => {
    const card = ojtSuggestionCard({ locale: 'ja', ...notice });
    expect(text(card)).toContain('新しく配属された吉田 花子さんのOJT計画を作りましょう');
    expect(text(card)).toContain('転入');
    expect(text(card)).toContain('市民課');
    expect(text(card)).toContain('https://tab.example/team/person-1');
    expect(ojtNoticeCards.suggested({ locale: 'ja', ...notice }).text).toBe(
      'OJT計画を作りましょう: 吉田 花子',
    );
  });

  it('speaks English to a supervisor who uses it, and says when the 課 is not set', () => {
    const card = ojtSuggestionCard({ locale: 'en', ...notice, kind: 'hire', department: null });
    expect(text(card)).toContain('Make an OJT plan');
    expect(text(card)).toContain('New hire');
    expect(text(card)).toContain('(not set)');
    expect(text(card)).not.toMatch(/[ぁ-ん]/);
  });
});
