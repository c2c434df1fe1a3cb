// API contract shared with the tab: self-study courses and learning paths (issue 20 ⑤; policy 7(2)
// 段階的にステップアップ, 通信教育, 自己啓発). docs/training.md, "Learning paths and self-study".
//
// Self-study (通信教育 / e-learning): a catalog course HR marks as self-paced has no dated session.
// PUT  /api/training/courses/:courseId/self-study          ← { version (0 first), externalUrl } → SelfStudyCourse
//                                                  (HR; 409 when the course has dated sessions)
// POST /api/training/courses/:courseId/self-study/enrol    ← { personId? } → 201 SelfStudyEnrolment
//                                                  (the caller for themself; HR for anyone; 409 enrolled already,
//                                                  or a course of dated sessions)
// POST /api/training/courses/:courseId/self-study/progress ← { version, progressPercent } → SelfStudyEnrolment
//                                                  (the caller's own; 409 not enrolled, or completed)
// POST /api/training/courses/:courseId/self-study/complete ← { version, completedOn, report } → SelfStudyEnrolment
//                                                  (the caller's own; 409 not enrolled, or completed)
// GET  /api/training/self-study/courses                   → SelfStudyCourse[] (HR: each one's link and version)
// GET  /api/training/self-study/enrolments?personId=me|<id> → SelfStudyEnrolment[] (self, supervisor chain, HR)
//
// Learning paths (段階的にステップアップ): HR defines them; each person sees where they are on theirs.
// GET  /api/training/learning-paths                        → LearningPath[] (HR; archived ones too)
// POST /api/training/learning-paths                        ← LearningPathInput → 201 LearningPath (HR)
// PUT  /api/training/learning-paths/:pathId                ← LearningPathInput & { version, archived } → LearningPath (HR)
// GET  /api/training/path-progress?personId=me|<id>        → PathProgress (self, supervisor chain, HR)

import { z } from 'zod';
import {
  calendarDay,
  versionedInput,
  versionedOrNewInput,
  versionStampFields,
} from '../http/contract-fragments.ts';
import { dbInteger, userText } from '../http/user-input.ts';
import {
  COURSE_DESCRIPTION_MAX,
  COURSE_TITLE_MAX,
  localized,
  localizedTextSchema,
  YEARS_MAX,
} from './training.contract.ts';

export const EXTERNAL_URL_MAX = 2000;
export const SELF_STUDY_REPORT_MAX = 2000;
export const PATH_STEPS_MAX = 12;
export const STEP_COURSES_MAX = 10;

/** A link to the course's own site (the provider's e-learning): https only, a URL with a host. */
export const httpsUrl = userText
  .trim()
  .max(EXTERNAL_URL_MAX)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an https:// link');

export const selfStudyCourseInputSchema = versionedOrNewInput({ externalUrl: httpsUrl.nullable() });
export type SelfStudyCourseInput = z.infer<typeof selfStudyCourseInputSchema>;

export const selfStudyCourseSchema = z.object({
  courseId: z.string(),
  externalUrl: z.string().nullable(),
  ...versionStampFields,
});
export type SelfStudyCourse = z.infer<typeof selfStudyCourseSchema>;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const personId = z.string().regex(UUID, 'must be a person id');

/** Absent: the caller enrols themself. HR may name anyone. */
export const enrolSelfStudySchema = z.object({ personId: personId.optional() }).strict();
export type EnrolSelfStudyInput = z.infer<typeof enrolSelfStudySchema>;

/** Progress is a whole percentage, 0 to 99: 100 is reached by completing, which records the day. */
export const selfStudyProgressSchema = versionedInput({ progressPercent: dbInteger.min(0).max(99) });
export type SelfStudyProgressInput = z.infer<typeof selfStudyProgressSchema>;

export const completeSelfStudySchema = versionedInput({
  /** The Japan day the course was finished: not before the enrolment, not after today. */
  completedOn: calendarDay('must be YYYY-MM-DD'),
  report: userText.trim().max(SELF_STUDY_REPORT_MAX).default(''),
});
export type CompleteSelfStudyInput = z.infer<typeof completeSelfStudySchema>;

export const selfStudyEnrolmentSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  courseTitle: localizedTextSchema,
  externalUrl: z.string().nullable(),
  personId: z.string(),
  personName: z.string(),
  /** The Japan day of the enrolment. */
  enrolledOn: z.string(),
  /** Whether HR enrolled them (not they themselves). */
  enrolledByHr: z.boolean(),
  progressPercent: z.number(),
  completedOn: z.string().nullable(),
  report: z.string(),
  ...versionStampFields,
});
export type SelfStudyEnrolment = z.infer<typeof selfStudyEnrolmentSchema>;

export const personQuerySchema = z.object({
  personId: z
    .string()
    .regex(/^(me|[0-9a-fA-F-]{36})$/, 'must be "me" or a person id')
    .default('me'),
});

const idList = z.array(userText.max(64)).max(20);

/**
 * One step of a path: who it is for (framework levels, and/or completed years of service, inclusive;
 * at least one of them) and the courses that complete it (every one of them, dated or self-study).
 */
export const learningPathStepInputSchema = z
  .object({
    title: localized(COURSE_TITLE_MAX, true),
    levelIds: idList,
    minYearsOfService: dbInteger.min(0).max(YEARS_MAX).nullable(),
    maxYearsOfService: dbInteger.min(0).max(YEARS_MAX).nullable(),
    courseIds: z.array(z.string().regex(UUID, 'must be a course id')).min(1).max(STEP_COURSES_MAX),
  })
  .strict();
export type LearningPathStepInput = z.infer<typeof learningPathStepInputSchema>;

const pathFields = {
  title: localized(COURSE_TITLE_MAX, true),
  description: localized(COURSE_DESCRIPTION_MAX, false),
  steps: z.array(learningPathStepInputSchema).min(1).max(PATH_STEPS_MAX),
};
export const learningPathInputSchema = z.object(pathFields).strict();
export type LearningPathInput = z.infer<typeof learningPathInputSchema>;
export const learningPathUpdateSchema = versionedInput({ ...pathFields, archived: z.boolean() });
export type LearningPathUpdateInput = z.infer<typeof learningPathUpdateSchema>;

const courseRef = z.object({
  id: z.string(),
  title: localizedTextSchema,
  /** A self-study course (no dated session), with its link when it has one. */
  selfStudy: z.object({ externalUrl: z.string().nullable() }).nullable(),
});

export const learningPathStepSchema = z.object({
  title: localizedTextSchema,
  levelIds: z.array(z.string()),
  minYearsOfService: z.number().nullable(),
  maxYearsOfService: z.number().nullable(),
  courses: z.array(courseRef),
});
export type LearningPathStep = z.infer<typeof learningPathStepSchema>;

export const learningPathSchema = z.object({
  id: z.string(),
  title: localizedTextSchema,
  description: localizedTextSchema,
  steps: z.array(learningPathStepSchema),
  archived: z.boolean(),
  ...versionStampFields,
});
export type LearningPath = z.infer<typeof learningPathSchema>;

/** One course of a step as the person stands to it. */
export const stepCourseProgressSchema = courseRef.extend({
  /** The Japan day they completed it (attended a session, or completed the self-study), or null. */
  completedOn: z.string().nullable(),
  /** Their self-study enrolment of it, if any. */
  enrolment: selfStudyEnrolmentSchema.nullable(),
});

export const stepProgressSchema = learningPathStepSchema.omit({ courses: true }).extend({
  courses: z.array(stepCourseProgressSchema),
  /** Every course of the step completed. */
  done: z.boolean(),
  /** The person's level and years of service fit the step today. */
  fitsNow: z.boolean(),
});
export type StepProgress = z.infer<typeof stepProgressSchema>;

export const pathProgressSchema = z.object({
  personId: z.string(),
  levelId: z.string().nullable(),
  /** Completed years from the hire date in the directory; null when it is not known. */
  yearsOfService: z.number().nullable(),
  /** The live paths with a step that fits the person today. */
  paths: z.array(
    z.object({
      id: z.string(),
      title: localizedTextSchema,
      description: localizedTextSchema,
      steps: z.array(stepProgressSchema),
      /** The index of the first step not done, or null when every step is done. */
      nextStep: z.number().nullable(),
    }),
  ),
});
export type PathProgress = z.infer<typeof pathProgressSchema>;
