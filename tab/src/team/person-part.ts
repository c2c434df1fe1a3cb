import type { ApiClient } from '../api/client.ts';

/**
 * What each part of a team member's page that the supervisor answers (the self-check, each goal) works
 * with: the person, the query the part was read by, and a reload that reads it afresh after a conflict.
 */
export type PersonPart = {
  api: ApiClient;
  personId: string;
  queryKey: readonly unknown[];
  onReload: () => void;
};
