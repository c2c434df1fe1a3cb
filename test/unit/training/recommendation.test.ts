import { describe, expect, it } from 'vitest';
import {
  matchesWish,
  periodLabel,
  rankCourses,
  weakestCompetencies,
} from '../../../src/training/recommendation.ts';

const named = (competencyId: string, rating: number) => ({
  competencyId,
  rating,
  name: { ja: competencyId, en: competencyId },
});
const course = (titleJa: string, competencyIds: string[], titleEn: string | null = null) => ({
  titleJa,
  titleEn,
  competencyIds,
});

describe('weakestCompetencies', () => {
  it('takes the lowest-rated evaluated items only, keeping ties at the cut', () => {
    const rated = [
      named('a', 2),
      named('b', 1),
      named('c', 2),
      named('d', 2),
      named('e', 1),
      named('f', 2),
      named('x', 1),
    ];
    const evaluated = new Set(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(weakestCompetencies(rated, evaluated).map((entry) => entry.competencyId)).toEqual([
      'b',
      'e',
      'a',
      'c',
      'd',
      'f',
    ]);
  });

  // Issue 18: 3 is 標準 (「求められる水準を満たしている」) on the self-check's scale; it meets the level,
  // so it was wrongly a reason to suggest training. Only 1 and 2 are.
  it('calls only ratings below 標準 (3) weaknesses, never 標準 or above', () => {
    const rated = [named('a', 3), named('b', 4), named('c', 5), named('d', 2)];
    expect(
      weakestCompetencies(rated, new Set(['a', 'b', 'c', 'd'])).map((entry) => entry.competencyId),
    ).toEqual(['d']);
    expect(weakestCompetencies([named('a', 3), named('b', 3)], new Set(['a', 'b']))).toEqual([]);
  });
});

describe('matchesWish', () => {
  it('matches free-text wishes on meaningful words, ignoring 研修 and full-width letters', () => {
    expect(matchesWish(course('DX・デジタル人財研修', []), 'ＤＸ関連の研修')).toBe(true);
    expect(matchesWish(course('政策形成研修', []), '政策形成')).toBe(true);
    expect(matchesWish(course('Facilitation', [], 'Facilitation'), 'facilitation skills')).toBe(true);
    expect(matchesWish(course('接遇研修', []), '研修')).toBe(false);
    expect(matchesWish(course('メンタルヘルス研修', []), '法務')).toBe(false);
  });
});

describe('rankCourses', () => {
  it('ranks lower ratings and wishes first, gives every reason in both languages, and leaves out courses with none', () => {
    const ranked = rankCourses({
      courses: [
        course('企画研修', ['planning']),
        course('説明力研修', ['explanation']),
        course('DX研修', ['planning', 'explanation']),
        course('関係ない研修', ['discipline']),
      ],
      weakest: [named('planning', 1), named('explanation', 2)],
      period: '2026-H1',
      wishes: ['DX'],
    });
    expect(ranked.map((entry) => entry.course.titleJa)).toEqual(['DX研修', '企画研修', '説明力研修']);
    const dx = ranked[0]!;
    expect(dx.reasons.map((reason) => reason.kind)).toEqual(['weakCompetency', 'weakCompetency', 'wanted']);
    expect(dx.reasons[0]).toMatchObject({
      competencyId: 'planning',
      rating: 1,
      ja: '2026年度 上期の自己チェックで「planning」を1（努力を要する）と評価しています。この研修はその力を伸ばします。',
      en: 'Your FY2026 first half self-check rates “planning” 1 (needs improvement); this course develops it.',
    });
    // No internal period id in any reason.
    expect(JSON.stringify(ranked)).not.toContain('2026-H1');
    expect(dx.reasons[2]!.en).toBe('Your career design lists “DX” among the trainings you want.');
  });

  it('names a period as people do, and nothing for an id it does not know', () => {
    expect(periodLabel('2026-H2')).toEqual({ ja: '2026年度 下期', en: 'FY2026 second half' });
    expect(periodLabel('2026-Q1')).toBeNull();
  });

  it('suggests nothing without a submitted self-check or wishes', () => {
    expect(
      rankCourses({ courses: [course('企画研修', ['planning'])], weakest: [], period: null, wishes: [] }),
    ).toEqual([]);
  });
});
