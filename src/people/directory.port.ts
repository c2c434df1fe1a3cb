// What the people slice needs from the organisation's directory. The Graph adapter implements it;
// tests can hand in a fake at this boundary.

export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail: string | null;
  /** 職員番号 */
  employeeId: string | null;
  jobTitle: string | null;
  department: string | null;
  /** Graph has no 部 property; cities put it in companyName or officeLocation. */
  division: string | null;
  employeeType: string | null;
  employeeHireDate: string | null;
  managerId: string | null;
}

export interface Directory {
  /** One user with their manager, or null when the directory does not know the id. */
  getUser(id: string): Promise<DirectoryUser | null>;
  /** The ids of a user's direct reports. */
  getDirectReportIds(id: string): Promise<string[]>;
  /** Everyone, with managers; used by the scheduled sync. */
  listUsers(): Promise<DirectoryUser[]>;
}
