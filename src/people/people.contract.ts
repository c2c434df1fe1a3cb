// API contract shared with the tab (tab/ may import *.contract.ts files only).

export type EmploymentType = 'regular' | 'fiscalYear';

/** GET /api/me */
export interface MeResponse {
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** 課 */
  department: string | null;
  /** 部 */
  division: string | null;
  jobTitle: string | null;
  /** A level id of the framework (e.g. `shuji`), or null when the job title maps to no level. */
  levelId: string | null;
  employmentType: EmploymentType;
  managerId: string | null;
  roles: Array<'employee' | 'supervisor' | 'hr'>;
}

/** GET /api/people?search= (HR): one line of the staff directory. */
export interface PersonSummary {
  id: string;
  displayName: string;
  /** 課 */
  department: string | null;
  jobTitle: string | null;
  levelId: string | null;
}
