import { Field, Select } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys, routeQuery, useFramework } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { Options } from '../shell/options.tsx';
import { GrowthChart } from './growth-chart.tsx';
import messages from './messages.ts';
import { usePeriodLabels } from './period-labels.ts';
import { PeriodSelfCheck } from './period-self-check.tsx';
import { currentPeriod, periodChoices } from './periods.ts';
import { RatingScale } from './rating-scale.tsx';
import { useStyles } from './styles.ts';

registerBundle('selfCheck', messages);

export default function SelfCheckView({ api }: PageProps) {
  const { t } = useTranslation('selfCheck');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const labels = usePeriodLabels();
  const current = useMemo(() => currentPeriod(), []);
  const [selected, setSelected] = useState(current);
  const framework = useFramework(api);
  // Saving or submitting a self-check invalidates the history (period-self-check-form.tsx).
  const history = useQuery(
    routeQuery(api, queryKeys.mySelfChecks, 'GET /api/people/:personId/self-checks', {
      params: { personId: 'me' },
    }),
  );

  const saved = history.data?.periods ?? [];
  const choices = periodChoices(
    current,
    saved.map((entry) => entry.period),
  );
  const statusOf = (period: string) => saved.find((entry) => entry.period === period)?.status ?? 'new';

  return (
    <Page title={t('title')} testId="self-check">
      <p className={layout.muted}>{t('intro')}</p>
      <QueryState query={framework}>
        {(framework) => (
          <>
            <Field label={t('period')}>
              <Select
                className={styles.picker}
                select={{ className: styles.pickerSelect }}
                value={selected}
                onChange={(_, data) => setSelected(data.value)}
                data-testid="period-picker"
              >
                <Options
                  values={choices}
                  labelOf={(period) =>
                    `${labels.full(period)}${period === current ? t('current') : ''} — ${t(`status.${statusOf(period)}`)}`
                  }
                />
              </Select>
            </Field>
            <RatingScale />
            {/* The current half stays mounted while a past one is shown, so nothing typed is lost. */}
            <div hidden={selected !== current}>
              <PeriodSelfCheck key={current} api={api} framework={framework} period={current} />
            </div>
            {selected !== current ? (
              <PeriodSelfCheck key={selected} api={api} framework={framework} period={selected} />
            ) : null}
            <Section title={t('history')} id="self-check-history" testId="self-check-history">
              <p className={layout.muted}>{t('historyHint')}</p>
              <QueryState
                query={history}
                empty={<p data-testid="history-empty">{t('historyEmpty')}</p>}
                isEmpty={(value) => value.periods.length === 0}
              >
                {(value) => (
                  <GrowthChart
                    history={value}
                    framework={framework}
                    labelOf={labels.full}
                    shortLabelOf={labels.short}
                  />
                )}
              </QueryState>
            </Section>
          </>
        )}
      </QueryState>
    </Page>
  );
}
