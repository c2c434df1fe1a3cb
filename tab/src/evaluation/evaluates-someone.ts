// Whether the signed-in person evaluates anyone this fiscal year: the server's list decides (the
// reporting lines and HR's overrides), so the navigation offers 人事評価 to them and to nobody else.
import { useState } from 'react';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import type { ApiClient } from '../api/client.ts';
import { useEvaluatees } from './evaluation-queries.ts';

export function useEvaluatesSomeone(api: ApiClient): boolean {
  const [fiscalYear] = useState(() => halfPeriodAt(new Date()).fiscalYear);
  const evaluatees = useEvaluatees(api, fiscalYear);
  return (evaluatees.data?.length ?? 0) > 0;
}
