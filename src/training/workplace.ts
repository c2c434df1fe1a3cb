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

/** Throws 403 unless the person belongs to the course's audience (a workplace course: its own 課). */
export function requireInCourseAudience(person: Placement, course: Scoped): void {
  if (!inCourseAudience(person, course))
    throw new AppError('forbidden', 'This workplace course (職場研修) is for the staff of its own 課.');
}

/**
 * What a session's manager acts on (`found`: the session and its course, or undefined when there is no
 * such session), once the actor may manage it. Unknown to HR is 404; anyone else gets 403 and learns
 * nothing of whether it exists.
 */
export async function requireManagedSession<T extends { course: Scoped }>(
  people: Pick<PeopleStore, 'get'>,
  actor: Actor,
  found: T | undefined,
  what: string,
  missing = 'No such session.',
): Promise<T> {
  if (!found) {
    if (actor.isHr) throw new AppError('not_found', missing);
    throw new AppError('forbidden', `Only HR (職員課) may ${what}.`);
  }
  await requireCourseManager(people, actor, found.course, what);
  return found;
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
