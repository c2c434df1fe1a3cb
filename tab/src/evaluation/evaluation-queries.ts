// The 人事評価 queries (docs/tab-data.md): the configured scale, the people I evaluate, one evaluation.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { EvaluationConfig, EvaluationView } from '../../../src/evaluation/evaluation.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { useLocalized } from '../shell/localized.ts';

/** What a panel of one person's year needs. */
export interface PersonYearProps {
  api: ApiClient;
  personId: string;
  fiscalYear: number;
}

/** The scale and stages are configuration: read once while the tab is open. */
export const useEvaluationConfig = (api: ApiClient) =>
  useQuery(
    queryOptions({
      ...routeQuery(api, queryKeys.evaluationConfig, 'GET /api/evaluations/config'),
      staleTime: Infinity,
    }),
  );

export const useEvaluatees = (api: ApiClient, fiscalYear: number) =>
  useQuery(
    routeQuery(api, queryKeys.evaluatees(fiscalYear), 'GET /api/evaluations', { query: { fiscalYear } }),
  );

export const useEvaluation = (api: ApiClient, personId: string, fiscalYear: number) =>
  useQuery(
    routeQuery(
      api,
      queryKeys.evaluation(personId, fiscalYear),
      'GET /api/people/:personId/evaluations/:fiscalYear',
      { params: { personId, fiscalYear: String(fiscalYear) } },
    ),
  );

/** A scale id's label in the UI's language (the id itself for one the configuration no longer holds). */
export function useScaleLabel(config: EvaluationConfig): (id: string | null) => string {
  const localized = useLocalized();
  return (id) => {
    if (id === null) return '—';
    const entry = config.scale.find((candidate) => candidate.id === id);
    return entry ? localized(entry.label) : id;
  };
}

/** An item's name: the competency's in the policy, or the goal's title. */
export function useItemLabel(
  competencies: ReadonlyArray<{ id: string; name: { ja: string; en: string } }>,
  goneText: string,
): (item: Pick<EvaluationView['items'][number], 'kind' | 'itemId' | 'title'>) => string {
  const localized = useLocalized();
  return (item) => {
    if (item.kind === 'goal') return item.title ?? goneText;
    const competency = competencies.find((candidate) => candidate.id === item.itemId);
    return competency ? localized(competency.name) : item.itemId;
  };
}
