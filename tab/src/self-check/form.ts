// What the self-check form holds while the person types, and how it becomes the draft the API stores.
import {
  RATING_MAX,
  RATING_MIN,
  type SelfCheckDraftInput,
  type SelfCheckResponse,
} from '../../../src/growth/self-check.contract.ts';

/** The rating scale, lowest first. */
export const SCALE = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, index) => RATING_MIN + index);

/** What the person is typing: a rating may still be missing while its evidence is being written. */
export interface Form {
  ratings: Record<string, { rating: number | null; evidence: string }>;
  reflections: Record<string, string>;
}

/** What the form tells the person after a write. */
export type Notice = { kind: 'saved' } | { kind: 'submitted' } | null;

export function formOf(selfCheck: SelfCheckResponse): Form {
  return {
    ratings: Object.fromEntries(
      selfCheck.items.map((item) => {
        const saved = selfCheck.ratings[item.competencyId];
        return [item.competencyId, { rating: saved?.rating ?? null, evidence: saved?.evidence ?? '' }];
      }),
    ),
    reflections: { ...selfCheck.reflections },
  };
}

/** Items with evidence but no rating yet: the API stores evidence with its rating, so they are asked for. */
export function unratedWithEvidence(form: Form): string[] {
  return Object.entries(form.ratings)
    .filter(([, entry]) => entry.rating === null && entry.evidence.trim() !== '')
    .map(([id]) => id);
}

/** The draft to save: rated items and reflections that say something. */
export function draftOf(form: Form, version: number): SelfCheckDraftInput {
  return {
    version,
    ratings: Object.fromEntries(
      Object.entries(form.ratings).flatMap(([id, entry]) =>
        entry.rating === null ? [] : [[id, { rating: entry.rating, evidence: entry.evidence }]],
      ),
    ),
    reflections: Object.fromEntries(
      Object.entries(form.reflections).filter(([, text]) => text.trim() !== ''),
    ),
  };
}
