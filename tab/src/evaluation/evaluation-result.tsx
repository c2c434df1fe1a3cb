// The person's own evaluation result (docs/evaluation.md): once confirmed, each item's final rating with
// the comments; before that only where it stands, as the server gives it. Shown on the goals page to the
// person, and on the 期末面談 record to the person and their supervisor.
import { useTranslation } from 'react-i18next';
import type { EvaluationConfig, EvaluationView } from '../../../src/evaluation/evaluation.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { useFramework } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import { formatInstantDay } from '../shell/date-time.ts';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import {
  useEvaluation,
  useEvaluationConfig,
  useItemLabel,
  useScaleLabel,
  type PersonYearProps,
} from './evaluation-queries.ts';
import messages from './messages.ts';
import { useEntryStyles } from './entry-styles.ts';

registerBundle('evaluation', messages);

export function EvaluationResultPanel({ api, personId, fiscalYear }: PersonYearProps) {
  const { t } = useTranslation('evaluation');
  const layout = useLayoutStyles();
  const evaluation = useEvaluation(api, personId, fiscalYear);
  return (
    <Section title={t('resultTitle', { year: fiscalYear })} id="evaluation-result" testId="evaluation-result">
      <QueryState query={evaluation}>
        {(view) =>
          view.status !== 'confirmed' ? (
            <p className={layout.muted} data-testid="evaluation-result-pending">
              {t('resultPending', { status: t(`statuses.${view.status}`) })}
            </p>
          ) : (
            <ConfirmedResult api={api} view={view} />
          )
        }
      </QueryState>
    </Section>
  );
}

/** The scale's labels and the policy's competency names are read only once there is a result to show. */
function ConfirmedResult({ api, view }: { api: ApiClient; view: EvaluationView }) {
  const config = useEvaluationConfig(api);
  const framework = useFramework(api);
  return (
    <QueryState query={allOf(config, framework)}>
      {([scale, policy]) => <ResultItems view={view} config={scale} competencies={policy.competencies} />}
    </QueryState>
  );
}

function ResultItems({
  view,
  config,
  competencies,
}: {
  view: EvaluationView;
  config: EvaluationConfig;
  competencies: ReadonlyArray<{ id: string; name: { ja: string; en: string } }>;
}) {
  const { t, i18n } = useTranslation('evaluation');
  const layout = useLayoutStyles();
  const styles = useEntryStyles();
  const scaleLabel = useScaleLabel(config);
  const itemLabel = useItemLabel(competencies, t('goalGone'));
  return (
    <div className={layout.stack} data-testid="evaluation-result-confirmed">
      {view.confirmedAt ? (
        <p className={layout.muted} style={{ margin: 0 }}>
          {t('resultConfirmedAt', { at: formatInstantDay(view.confirmedAt, i18n.language) })}
        </p>
      ) : null}
      <ul className={styles.list}>
        {view.items.map((item) => (
          <li
            key={`${item.kind}:${item.itemId}`}
            className={styles.entry}
            data-testid={`evaluation-result-${item.kind}-${item.itemId}`}
          >
            <p className={styles.title}>
              {itemLabel(item)}
              {' — '}
              <span data-testid="evaluation-result-rating">{scaleLabel(item.finalRating)}</span>
            </p>
            {item.firstComment ? (
              <p className={styles.text}>
                {t('comment')}: {item.firstComment}
              </p>
            ) : null}
            {item.adjustReason ? (
              <p className={styles.text}>
                {t('reason')}: {item.adjustReason}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
