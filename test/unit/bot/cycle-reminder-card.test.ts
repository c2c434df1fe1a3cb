import { describe, expect, it } from 'vitest';
import {
  cycleReminderCard,
  cycleReminderText,
  formatDeadline,
  type CycleReminderInput,
} from '../../../bot/cards/cycle-reminder-card.ts';
import { ADAPTIVE_CARD_SCHEMA } from '../../../bot/cards/report-card.ts';

const base: CycleReminderInput = {
  locale: 'ja',
  kind: 'selfCheckH2',
  task: 'submitSelfCheck',
  fiscalYear: 2026,
  closesOn: '2026-12-25',
  count: 1,
  stage: 1,
};

type Node = Record<string, unknown> & { type: string };
const textsOf = (card: ReturnType<typeof cycleReminderCard>) =>
  (card.body as Node[]).flatMap((node) =>
    node.type === 'TextBlock'
      ? [node.text as string]
      : node.type === 'FactSet'
        ? (node.facts as Array<{ title: string; value: string }>).map(
            (fact) => `${fact.title}: ${fact.value}`,
          )
        : [],
  );

describe('the cycle reminder card', () => {
  it('is an Adaptive Card 1.5 in Japanese: the task, the half and the deadline with its weekday', () => {
    const card = cycleReminderCard(base);
    expect(card).toMatchObject({
      type: 'AdaptiveCard',
      $schema: ADAPTIVE_CARD_SCHEMA,
      version: '1.5',
      lang: 'ja-JP',
    });
    expect(textsOf(card)).toEqual([
      '今やること',
      '自己チェックを提出する',
      '受付が始まりました。',
      '対象: 2026年度 下期',
      '締切: 2026年12月25日(金)',
      'Teams の「育み」タブから行えます。',
    ]);
    expect(card.actions).toBeUndefined();
  });

  it('has a complete English version', () => {
    const card = cycleReminderCard({
      ...base,
      locale: 'en',
      kind: 'midYear',
      task: 'recordMidYear',
      count: 2,
      stage: 2,
    });
    expect(card.lang).toBe('en-US');
    expect(textsOf(card)).toEqual([
      'To do',
      'Record goal progress and your mid-year reflection',
      'Less than a week to the deadline.',
      'For: FY2026',
      'Deadline: Fri, 25 Dec 2026',
      'Still to do: 2 goals',
      'Do it in the Hagukumi tab in Teams.',
    ]);
  });

  it('counts the goals still lacking a reflection, and marks the last days as urgent', () => {
    const card = cycleReminderCard({ ...base, kind: 'yearEnd', task: 'writeYearEnd', count: 3, stage: 3 });
    expect(textsOf(card)).toContain('残り: 目標 3 件');
    const urgent = (card.body as Node[]).find((node) => node.text === '締切が迫っています。');
    expect(urgent?.color).toBe('Attention');
  });

  it('links to the tab when given a deep link, instead of naming it', () => {
    const card = cycleReminderCard({ ...base, openUrl: 'https://teams.microsoft.com/l/entity/app/home' });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'タブで開く', url: 'https://teams.microsoft.com/l/entity/app/home' },
    ]);
    expect(textsOf(card)).not.toContain('Teams の「育み」タブから行えます。');
  });

  it('says the same in one line for notifications', () => {
    expect(cycleReminderText({ ...base, kind: 'declaration', task: 'submitDeclaration' })).toBe(
      '今やること：自己申告書を提出する (締切 2026年12月25日(金))',
    );
    expect(formatDeadline('en', '2027-03-31')).toBe('Wed, 31 Mar 2027');
  });
});
