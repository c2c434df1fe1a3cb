import { describe, expect, it } from 'vitest';
import { matchesWish, rankCourses, weakestCompetencies } from '../../../src/training/recommendation.ts';

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
    const rated = [named('a', 2), named('b', 1), named('c', 3), named('d', 3), named('e', 4), named('x', 1)];
    const evaluated = new Set(['a', 'b', 'c', 'd', 'e']);
    expect(weakestCompetencies(rated, evaluated, 5).map((entry) => entry.competencyId)).toEqual([
      'b',
      'a',
      'c',
      'd',
    ]);
  });

  it('never calls a top rating a weakness', () => {
    expect(weakestCompetencies([named('a', 5), named('b', 5)], new Set(['a', 'b']), 5)).toEqual([]);
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
      weakest: [named('planning', 1), named('explanation', 3)],
      period: '2026-H1',
      wishes: ['DX'],
    });
    expect(ranked.map((entry) => entry.course.titleJa)).toEqual(['DX研修', '企画研修', '説明力研修']);
    const dx = ranked[0]!;
    expect(dx.reasons.map((reason) => reason.kind)).toEqual(['weakCompetency', 'weakCompetency', 'wanted']);
    expect(dx.reasons[0]).toMatchObject({
      competencyId: 'planning',
      rating: 1,
      ja: '自己チェック（2026-H1）で「planning」を1と評価しています。この研修はその力を伸ばします。',
    });
    expect(dx.reasons[2]!.en).toBe('Your career design lists “DX” among the trainings you want.');
  });

  it('suggests nothing without a submitted self-check or wishes', () => {
    expect(
      rankCourses({ courses: [course('企画研修', ['planning'])], weakest: [], period: null, wishes: [] }),
    ).toEqual([]);
  });
});
