import type { Actor } from '../auth/access.ts';
import { AppError } from '../http/app-error.ts';
import type { PeopleStore, PersonRow } from '../people/people.store.ts';
import { ledDepartmentOf } from '../shared/department-leads.ts';
import type { CourseRow } from './training.store.ts';

/**
 * Workplace training (職場内研修, policy 7(4)②; issue 19): a course of one 課, run by its 課長 and 係長.
 * A person's 課 is their `department` in force (HR's record over the directory, docs/people.md).
 */

type Placement = Pick<PersonRow, 'levelId' | 'department'>;
type Scoped = Pick<CourseRow, 'scope' | 'ownerDepartment'>;

/** HR manages every course; a 課長 or 係長 manages the workplace courses of their own 課. */
export function canManageCourse(actor: Actor, person: Placement | undefined, course: Scoped): boolean {
  if (actor.isHr) return true;
  return course.scope === 'workplace' && ledDepartmentOf(person) === course.ownerDepartment;
}

/** Whether a person sees a course: catalog courses everyone; a workplace course HR and its 課. */
export function seesCourse(actor: Actor, person: Placement | undefined, course: Scoped): boolean {
  return (
    actor.isHr ||
    course.scope !== 'workplace' ||
    (!!person?.department && person.department === course.ownerDepartment)
  );
}

/** Whether a person belongs to the course's audience: anyone for a catalog course, its 課 for a workplace one. */
export function inCourseAudience(person: Placement, course: Scoped): boolean {
  return course.scope !== 'workplace' || person.department === course.ownerDepartment;
}

/** Throws 403 unless the actor may manage the course (HR, or a 課長/係長 of a workplace course's 課). */
export async function requireCourseManager(
  people: Pick<PeopleStore, 'get'>,
  actor: Actor,
  course: Scoped,
  what: string,
): Promise<void> {
  if (actor.isHr) return;
  if (course.scope === 'workplace' && canManageCourse(actor, await people.get(actor.id), course)) return;
  throw new AppError(
    'forbidden',
    course.scope === 'workplace'
      ? `Only HR or a 課長/係長 of this course's 課 may ${what}.`
      : `Only HR (職員課) may ${what}.`,
  );
}
