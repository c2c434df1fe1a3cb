// Who a course is meant for: its target levels and years of service (policy 7(2)① 経験年数や職責に応じた
// 基本研修). Pure, so the catalog filter, the enrolment checks and the tab's explanation agree.
import { AppError } from '../http/app-error.ts';
import type { Eligibility, IneligibleReason } from './training.contract.ts';

export interface CourseAudience {
  targetLevelIds: readonly string[];
  minYearsOfService: number | null;
  maxYearsOfService: number | null;
}

export interface Candidate {
  levelId: string | null;
  /** YYYY-MM-DD, or null when the directory does not know it. */
  hireDate: string | null;
}

/** Completed years between the hire date and `today` (both YYYY-MM-DD); null for an unreadable date. */
export function yearsOfService(hireDate: string, today: string): number | null {
  const hire = /^(\d{4})-(\d{2})-(\d{2})$/.exec(hireDate);
  const now = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!hire || !now) return null;
  const years = Number(now[1]) - Number(hire[1]);
  // Not yet the anniversary this year: one year fewer completed.
  const beforeAnniversary = `${now[2]}-${now[3]}` < `${hire[2]}-${hire[3]}`;
  return Math.max(0, beforeAnniversary ? years - 1 : years);
}

function reason(code: IneligibleReason, course: CourseAudience, years: number | null) {
  switch (code) {
    case 'level_not_targeted':
      return {
        code,
        ja: 'この研修の対象職層ではありません。',
        en: 'Your job level is not one this course is for.',
      };
    case 'level_unknown':
      return {
        code,
        ja: '職層が登録されていないため、対象か判断できません。',
        en: 'Your job level is not recorded, so it cannot be matched to this course.',
      };
    case 'too_few_years':
      return {
        code,
        ja: `在職${course.minYearsOfService}年以上が対象です（現在${years}年）。`,
        en: `For staff with at least ${course.minYearsOfService} years of service (you have ${years}).`,
      };
    case 'too_many_years':
      return {
        code,
        ja: `在職${course.maxYearsOfService}年以下が対象です（現在${years}年）。`,
        en: `For staff with at most ${course.maxYearsOfService} years of service (you have ${years}).`,
      };
    case 'hire_date_unknown':
      return {
        code,
        ja: '採用日が登録されていないため、在職年数の条件を確認できません。',
        en: 'Your hire date is not recorded, so the years-of-service condition cannot be checked.',
      };
  }
}

/** Whether the candidate fits the course today (YYYY-MM-DD, Japan time), with every reason they do not. */
export function eligibilityFor(course: CourseAudience, candidate: Candidate, today: string): Eligibility {
  const codes: IneligibleReason[] = [];
  if (course.targetLevelIds.length > 0) {
    if (!candidate.levelId) codes.push('level_unknown');
    else if (!course.targetLevelIds.includes(candidate.levelId)) codes.push('level_not_targeted');
  }
  let years: number | null = null;
  if (course.minYearsOfService !== null || course.maxYearsOfService !== null) {
    years = candidate.hireDate ? yearsOfService(candidate.hireDate, today) : null;
    if (years === null) codes.push('hire_date_unknown');
    else if (course.minYearsOfService !== null && years < course.minYearsOfService)
      codes.push('too_few_years');
    else if (course.maxYearsOfService !== null && years > course.maxYearsOfService)
      codes.push('too_many_years');
  }
  return { eligible: codes.length === 0, reasons: codes.map((code) => reason(code, course, years)) };
}

/** Throws the 422 below unless the candidate fits the course today. */
export function requireEligible(course: CourseAudience, candidate: Candidate, today: string): void {
  const eligibility = eligibilityFor(course, candidate, today);
  if (!eligibility.eligible) throw notEligibleError(eligibility);
}

/** The 422 a refused enrolment answers: every reason, in English in the message and in both languages by code. */
function notEligibleError(eligibility: Eligibility): AppError {
  return new AppError(
    'unprocessable',
    `Not eligible for this course: ${eligibility.reasons.map((reason) => reason.en).join(' ')}`,
    eligibility.reasons.map((reason) => ({ path: reason.code, message: `${reason.ja} ${reason.en}` })),
  );
}
