import { AppError } from '../http/app-error.ts';
import type { Directory, DirectoryUser } from './directory.port.ts';
import { employmentTypeOf, levelIdForJobTitle, type LevelNames } from './level-mapping.ts';
import type { MeResponse, PersonSummary } from './people.contract.ts';
import type { NewPerson, PeopleStore, PersonRow } from './people.store.ts';

export interface PeopleServiceDependencies {
  store: PeopleStore;
  directory: Directory;
  levels: readonly LevelNames[];
}

/** A directory entry as a people row; the level comes from the job title (HR's imports override it). */
export function directoryUserToRow(levels: readonly LevelNames[], user: DirectoryUser): NewPerson {
  const levelId = levelIdForJobTitle(levels, user.jobTitle);
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    mail: user.mail,
    employeeId: user.employeeId,
    jobTitle: user.jobTitle,
    department: user.department,
    division: user.division,
    employeeType: user.employeeType,
    hireDate: user.employeeHireDate ? user.employeeHireDate.slice(0, 10) : null,
    managerId: user.managerId,
    levelId,
    employmentType: employmentTypeOf(levels, levelId, user.employeeType),
  };
}

export function createPeopleService({ store, directory, levels }: PeopleServiceDependencies) {
  const toRow = (user: DirectoryUser): NewPerson => directoryUserToRow(levels, user);

  const toProfile = async (person: PersonRow, isHr: boolean): Promise<MeResponse> => {
    // Before the first full copy of the directory the table may lack someone's reports: ask the directory.
    const standing = await store.reportsStanding(person.id);
    const reports = standing.synced
      ? Number(standing.hasReports)
      : (await directory.getDirectReportIds(person.id)).length;
    return {
      id: person.id,
      displayName: person.displayName,
      userPrincipalName: person.userPrincipalName,
      department: person.department,
      division: person.division,
      jobTitle: person.jobTitle,
      levelId: person.levelId,
      employmentType: person.employmentType,
      managerId: person.managerId,
      roles: [
        'employee',
        ...(reports > 0 ? (['supervisor'] as const) : []),
        ...(isHr ? (['hr'] as const) : []),
      ],
    };
  };

  return {
    /** The caller's profile; someone not synced yet is fetched from the directory once and kept. */
    async getProfile(userId: string, caller: { isHr: boolean }): Promise<MeResponse> {
      let person = await store.get(userId);
      if (!person) {
        // Someone HR erased comes back only when HR lets them (docs/people.md, "Erased people").
        if (await store.isExcluded(userId))
          throw new AppError(
            'forbidden',
            'Your records in this app were erased; ask the personnel section (職員課) to restore your access.',
          );
        const user = await directory.getUser(userId);
        if (!user)
          throw new AppError('forbidden', 'You are not in the organisation directory this app serves.');
        await store.upsert([toRow(user)]);
        person = await store.get(userId);
        if (!person) throw new AppError('internal', 'The profile could not be stored.');
      }
      return toProfile(person, caller.isHr);
    },

    /** HR looks people up by name, user name, 課 or job title (to nominate them, to open their data). */
    async search(caller: { isHr: boolean }, text: string, limit: number): Promise<PersonSummary[]> {
      if (!caller.isHr) throw new AppError('forbidden', 'Only HR may search the staff directory.');
      return (await store.search(text, limit)).map((person) => ({
        id: person.id,
        displayName: person.displayName,
        department: person.department,
        jobTitle: person.jobTitle,
        levelId: person.levelId,
      }));
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
