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
  /**
   * Staff changed since `deltaLink` (everyone when null, or when Graph refused the stored link as
   * expired: then `full` is true and anyone not listed has left). Guests, disabled accounts and
   * unlicensed accounts (shared and room mailboxes) are never staff: they come back in `goneIds`.
   */
  staffChanges(deltaLink: string | null): Promise<StaffChanges>;
}

/** A changed staff member; `managerId` undefined means the delta did not say (unchanged). */
export type ChangedStaff = Omit<DirectoryUser, 'managerId'> & { managerId: string | null | undefined };

export interface StaffChanges {
  full: boolean;
  staff: ChangedStaff[];
  /** Deleted, or no longer staff (disabled, guest, unlicensed). */
  goneIds: string[];
  /** Where the next sync starts. */
  deltaLink: string;
}
