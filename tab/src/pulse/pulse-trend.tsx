// A pulse trend (docs/pulse.md): one row per quarter with its answers and mean score, the score also
// drawn as a bar. The bars are decoration (aria-hidden): the table is the chart, and reads the same to a
// screen reader as it looks. A withheld quarter shows no figure at all, not even a bar.
import { makeStyles } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PULSE_SCALE, type TrendPoint } from '../../../src/pulse/pulse.contract.ts';
import { NumCell, RowHead, TitledTable, useAnalyticsStyles } from '../hr/dashboards/analytics-ui.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import messages from './messages.ts';

registerBundle('pulse', messages);

const useStyles = makeStyles({
  scoreCell: {
    display: 'grid',
    gridTemplateColumns: 'minmax(3em, 1fr) auto',
    gap: '8px',
    alignItems: 'center',
    minWidth: '8em',
  },
});

/** A mean score as the screens write it: at most two decimals, in the UI language. */
export function useScoreFormat(): (value: number) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'ja-JP', {
      minimumFractionDigits: 1,
      maximumFractionDigits: 2,
    });
    return (value: number) => format.format(value);
  }, [i18n.language]);
}

export function PulseTrend({
  title,
  points,
  minGroupSize,
  testId,
}: {
  title: string;
  points: readonly TrendPoint[];
  minGroupSize: number;
  testId: string;
}) {
  const { t } = useTranslation('pulse');
  const styles = useStyles();
  const analytics = useAnalyticsStyles();
  const score = useScoreFormat();
  if (points.length === 0)
    return (
      <p className={analytics.muted} data-testid={`${testId}-none`}>
        {t('trendNone')}
      </p>
    );
  const share = (value: number) => (value - PULSE_SCALE.min) / (PULSE_SCALE.max - PULSE_SCALE.min);
  return (
    <TitledTable
      title={title}
      aside={<span className={analytics.muted}>{t('scale')}</span>}
      testId={testId}
      columns={[{ label: t('quarter') }, { label: t('answeredCount'), num: true }, { label: t('score') }]}
    >
      <tbody>
        {points.map((point) => (
          <tr key={point.quarter} data-testid={`${testId}-${point.quarter}`}>
            <RowHead>{point.quarter}</RowHead>
            {point.withheld || point.score === null ? (
              <td className={analytics.td} colSpan={2}>
                {t('withheld', { min: minGroupSize })}
              </td>
            ) : (
              <>
                <NumCell>{point.answered}</NumCell>
                <td className={analytics.td}>
                  <span className={styles.scoreCell}>
                    <span className={analytics.track} aria-hidden="true">
                      <span
                        className={analytics.fill}
                        style={{
                          display: 'block',
                          width: `${Math.round(Math.min(1, Math.max(0, share(point.score))) * 100)}%`,
                        }}
                      />
                    </span>
                    <span className={analytics.barValue}>{score(point.score)}</span>
                  </span>
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </TitledTable>
  );
}
