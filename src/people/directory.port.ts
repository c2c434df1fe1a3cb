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
   * One page of a round of staff changes: `link` null starts a full round (everyone), a stored delta link
   * starts an incremental one, a next link continues a round. Guests, disabled accounts and unlicensed
   * accounts (shared and room mailboxes) are never staff: they come back in `goneIds`. Throws
   * `DirectoryRoundRefused` when the directory no longer accepts the link (expired): the remedy is a full
   * round from the start.
   */
  readStaffPage(link: string | null): Promise<StaffPage>;
}

/** A changed staff member; `managerId` undefined means the delta did not say (unchanged). */
export type ChangedStaff = Omit<DirectoryUser, 'managerId'> & { managerId: string | null | undefined };

export interface StaffPage {
  staff: ChangedStaff[];
  /** Deleted, or no longer staff (disabled, guest, unlicensed). */
  goneIds: string[];
  /** Where the round continues; null on its last page. */
  nextLink: string | null;
  /** On the last page: where the next round starts. */
  deltaLink: string | null;
}

/** The directory refused a next or delta link (it expired, or the directory reset its sync state). */
export class DirectoryRoundRefused extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DirectoryRoundRefused';
  }
}
