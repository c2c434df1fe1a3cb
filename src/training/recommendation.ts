// Which courses to suggest to a person, and why (policy 7(2): training matched to each person's stage;
// 7(5)③ the trainings they want). Pure: the service gathers the inputs from the growth slice.
import type { Recommendation } from './training.contract.ts';

export interface RankableCourse {
  competencyIds: readonly string[];
  titleJa: string;
  titleEn: string | null;
}

export interface RatedCompetency {
  competencyId: string;
  rating: number;
  name: { ja: string; en: string };
}

/** At most this many weakest competencies drive suggestions (ties at the cut are kept). */
export const WEAKEST_COUNT = 3;

/**
 * 標準 on the self-check's 1–5 scale: 「求められる水準を満たしている」. A rating at or above it meets what
 * the level asks, so it is no reason to suggest training; only 1 (努力を要する) and 2 (やや不十分) are.
 */
export const RATING_STANDARD = 3;

/** The self-check page's words for the ratings below 標準 (tab/src/self-check/messages.ts). */
const BELOW_STANDARD: Record<number, { ja: string; en: string }> = {
  1: { ja: '努力を要する', en: 'needs improvement' },
  2: { ja: 'やや不十分', en: 'partly meets expectations' },
};

/**
 * The weakest of the competencies the level marks `evaluated`, from the latest submitted self-check:
 * lowest ratings first, and only those rated below 標準 (a rating that meets the level is no weakness).
 */
export function weakestCompetencies(
  rated: readonly RatedCompetency[],
  evaluatedIds: ReadonlySet<string>,
  standard: number = RATING_STANDARD,
): RatedCompetency[] {
  const sorted = rated
    .filter((entry) => evaluatedIds.has(entry.competencyId) && entry.rating < standard)
    .sort((a, b) => a.rating - b.rating || a.competencyId.localeCompare(b.competencyId));
  const cut = sorted[WEAKEST_COUNT - 1]?.rating;
  return cut === undefined ? sorted : sorted.filter((entry) => entry.rating <= cut);
}

const NOISE = /研修|講座|セミナー|training|course|の|（|）|\(|\)/g;
const SEPARATORS = /[\s・、,，/／・]+/;

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Words of at least two characters, with the generic words (研修, course…) taken out. */
function tokens(text: string): string[] {
  return normalize(text)
    .split(SEPARATORS)
    .map((part) => part.replace(NOISE, ''))
    .filter((part) => part.length >= 2);
}

/** The text without spaces and generic words, so "研修" alone never matches every course. */
function core(text: string): string {
  return normalize(text).replace(/\s+/g, '').replace(NOISE, '');
}

/** A free-text wish matches a course when a meaningful word of one appears in the other. */
export function matchesWish(course: RankableCourse, wish: string): boolean {
  const wishCore = core(wish);
  if (wishCore.length < 2) return false;
  const wishTokens = tokens(wish);
  return [course.titleJa, course.titleEn ?? ''].some((title) => {
    const titleCore = core(title);
    if (titleCore.length < 2) return false;
    return (
      titleCore.includes(wishCore) ||
      wishCore.includes(titleCore) ||
      tokens(title).some((token) => wishCore.includes(token)) ||
      wishTokens.some((token) => titleCore.includes(token))
    );
  });
}

export interface RankInput<C extends RankableCourse> {
  courses: readonly C[];
  weakest: readonly RatedCompetency[];
  /** The self-check period the ratings come from (e.g. 2026-H1), for the reason text. */
  period: string | null;
  wishes: readonly string[];
}

/**
 * A half-year period id (2026-H2) as people name it: 「2026年度 下期」, "FY2026 second half" — the
 * self-check page's words (tab/src/self-check/period-labels.ts), never the id itself.
 */
export function periodLabel(period: string): { ja: string; en: string } | null {
  const match = /^(\d{4})-H([12])$/.exec(period);
  if (!match) return null;
  const first = match[2] === '1';
  return {
    ja: `${match[1]}年度 ${first ? '上期' : '下期'}`,
    en: `FY${match[1]} ${first ? 'first half' : 'second half'}`,
  };
}

/**
 * Courses that develop a weak competency (lower ratings weigh more) or match a wish, best first; each
 * with its reasons in Japanese and English. Courses with no reason are left out.
 */
export function rankCourses<C extends RankableCourse>(
  input: RankInput<C>,
): Array<Omit<Recommendation, 'course'> & { course: C }> {
  const label = input.period ? periodLabel(input.period) : null;
  const ranked = input.courses.flatMap((course) => {
    const reasons: Recommendation['reasons'] = [];
    let score = 0;
    for (const weak of input.weakest) {
      if (!course.competencyIds.includes(weak.competencyId)) continue;
      score += 10 * (6 - weak.rating);
      const words = BELOW_STANDARD[weak.rating];
      reasons.push({
        kind: 'weakCompetency',
        competencyId: weak.competencyId,
        rating: weak.rating,
        ja: `${label ? `${label.ja}の` : ''}自己チェックで「${weak.name.ja}」を${weak.rating}${words ? `（${words.ja}）` : ''}と評価しています。この研修はその力を伸ばします。`,
        en: `Your ${label ? `${label.en} ` : ''}self-check rates “${weak.name.en}” ${weak.rating}${words ? ` (${words.en})` : ''}; this course develops it.`,
      });
    }
    for (const wish of input.wishes) {
      if (!matchesWish(course, wish)) continue;
      score += 25;
      reasons.push({
        kind: 'wanted',
        ja: `キャリアデザインの「今後受けたい研修」に「${wish}」を挙げています。`,
        en: `Your career design lists “${wish}” among the trainings you want.`,
      });
    }
    return reasons.length > 0 ? [{ course, reasons, score }] : [];
  });
  return ranked.sort((a, b) => b.score - a.score || a.course.titleJa.localeCompare(b.course.titleJa, 'ja'));
}
