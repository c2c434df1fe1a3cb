// My 課's goals for a fiscal year (部・課の方針), for a personal goal to name the one it serves.
import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';

/** The 課's policy for the year, asked for only while `enabled` (a form open, a link to show). */
export function useDepartmentPolicy(
  api: ApiClient,
  fiscalYear: number,
  department: string | null,
  enabled: boolean,
) {
  return useQuery({
    ...routeQuery(
      api,
      queryKeys.departmentPolicy(fiscalYear, department ?? ''),
      'GET /api/policies/:fiscalYear/departments/:department',
      { params: { fiscalYear: String(fiscalYear), department: department ?? '' } },
    ),
    enabled: department !== null && enabled,
  });
}
