import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { SelfCheckHistoryResponse } from '../../../src/growth/self-check.contract.ts';
import { RATING_MAX, RATING_MIN } from '../../../src/growth/self-check.contract.ts';
import { useLocalized } from '../shell/localized.ts';
import { chartKey } from '../shell/style-fragments.ts';

// A hand-drawn SVG line chart: one line per competency group across periods. Each series differs in
// colour, dash pattern and marker shape, so it reads without colour too; the same numbers are in a table.

const HEIGHT = 240;
// Room at the sides for half of a centred period label, so no label sticks out of the chart.
const MARGIN = { top: 16, right: 36, bottom: 36, left: 44 };

const useStyles = makeStyles({
  frame: { width: '100%', minWidth: 0 },
  svg: { display: 'block' },
  grid: { stroke: tokens.colorNeutralStroke2, strokeWidth: 1 },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  tick: { fill: tokens.colorNeutralForeground2, fontSize: '12px', fontFamily: tokens.fontFamilyBase },
  // Windows high contrast (forced colours) leaves SVG paint alone: use the system colours explicitly.
  series0: {
    stroke: tokens.colorBrandForeground1,
    fill: tokens.colorBrandForeground1,
    '@media (forced-colors: active)': { stroke: 'Highlight', fill: 'Highlight' },
  },
  series1: {
    stroke: tokens.colorNeutralForeground1,
    fill: tokens.colorNeutralForeground1,
    '@media (forced-colors: active)': { stroke: 'CanvasText', fill: 'CanvasText' },
  },
  forcedText: { '@media (forced-colors: active)': { fill: 'CanvasText' } },
  legend: chartKey,
  legendItem: { display: 'inline-flex', alignItems: 'center', gap: '6px' },
  table: { borderCollapse: 'collapse', marginTop: '8px', width: '100%' },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '4px 8px',
    textAlign: 'left',
  },
  tableWrap: { overflowX: 'auto', maxWidth: '100%' },
  details: { marginTop: '8px' },
});

const DASHES = ['none', '6 4'];

function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function Marker({ shape, x, y, className }: { shape: number; x: number; y: number; className: string }) {
  return shape === 0 ? (
    <circle cx={x} cy={y} r={4.5} className={className} />
  ) : (
    <rect x={x - 4.5} y={y - 4.5} width={9} height={9} className={className} />
  );
}

export function GrowthChart({
  history,
  framework,
  labelOf,
  shortLabelOf,
}: {
  history: SelfCheckHistoryResponse;
  framework: Framework;
  /** The full name of a period, for the description and the table. */
  labelOf: (period: string) => string;
  /** A short name for the axis. */
  shortLabelOf: (period: string) => string;
}) {
  const { t } = useTranslation('selfCheck');
  const styles = useStyles();
  const local = useLocalized();
  const [ref, width] = useWidth<HTMLDivElement>();
  const titleId = useId();
  const descId = useId();
  const periods = history.periods;
  const groups = framework.competencyGroups;
  const seriesClass = [styles.series0, styles.series1];

  const plotWidth = Math.max(width - MARGIN.left - MARGIN.right, 40);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  // With one period the point sits in the middle; otherwise the periods spread over the width.
  const xOf = (index: number) =>
    MARGIN.left + (periods.length === 1 ? plotWidth / 2 : (index / (periods.length - 1)) * plotWidth);
  const yOf = (value: number) => MARGIN.top + ((RATING_MAX - value) / (RATING_MAX - RATING_MIN)) * plotHeight;
  // Thin the axis labels on a narrow screen so they do not overlap (every period stays in the table).
  const labelEvery = Math.max(1, Math.ceil((periods.length * 64) / plotWidth));
  const ticks = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, index) => RATING_MIN + index);

  const description = groups
    .map((group) =>
      t('chartSummary', {
        group: local(group.name),
        points:
          periods
            .filter((entry) => entry.averages[group.id] !== undefined)
            .map((entry) =>
              t('chartPoint', { period: labelOf(entry.period), value: entry.averages[group.id] }),
            )
            .join(t('listSeparator')) || t('chartNoData'),
      }),
    )
    .join(t('sentenceSeparator'));

  return (
    <div className={styles.frame} data-testid="growth-chart">
      <div ref={ref}>
        {width > 0 ? (
          <svg
            className={styles.svg}
            width={width}
            height={HEIGHT}
            role="img"
            aria-labelledby={titleId}
            aria-describedby={descId}
          >
            <title id={titleId}>{t('chartTitle')}</title>
            <desc id={descId}>{description}</desc>
            {ticks.map((tick) => (
              <g key={tick}>
                <line
                  className={styles.grid}
                  x1={MARGIN.left}
                  x2={MARGIN.left + plotWidth}
                  y1={yOf(tick)}
                  y2={yOf(tick)}
                />
                <text
                  className={`${styles.tick} ${styles.forcedText}`}
                  x={MARGIN.left - 8}
                  y={yOf(tick)}
                  textAnchor="end"
                  dominantBaseline="middle"
                >
                  {tick}
                </text>
              </g>
            ))}
            <line
              className={styles.axis}
              x1={MARGIN.left}
              x2={MARGIN.left + plotWidth}
              y1={MARGIN.top + plotHeight}
              y2={MARGIN.top + plotHeight}
            />
            {periods.map((entry, index) =>
              index % labelEvery === 0 || index === periods.length - 1 ? (
                <text
                  key={entry.period}
                  className={`${styles.tick} ${styles.forcedText}`}
                  x={xOf(index)}
                  y={MARGIN.top + plotHeight + 20}
                  textAnchor="middle"
                >
                  {shortLabelOf(entry.period)}
                </text>
              ) : null,
            )}
            {groups.map((group, seriesIndex) => {
              const className = seriesClass[seriesIndex % seriesClass.length]!;
              const points = periods.flatMap((entry, index) => {
                const value = entry.averages[group.id];
                return value === undefined ? [] : [{ x: xOf(index), y: yOf(value), key: entry.period }];
              });
              const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x},${point.y}`);
              return (
                <g key={group.id} data-testid={`chart-series-${group.id}`}>
                  <path
                    d={path.join(' ')}
                    className={className}
                    style={{ fill: 'none' }}
                    strokeWidth={2.5}
                    strokeDasharray={DASHES[seriesIndex % DASHES.length]}
                  />
                  {points.map((point) => (
                    <Marker
                      key={point.key}
                      shape={seriesIndex % 2}
                      x={point.x}
                      y={point.y}
                      className={className}
                    />
                  ))}
                </g>
              );
            })}
          </svg>
        ) : null}
      </div>
      <ul className={styles.legend} aria-hidden="true">
        {groups.map((group, seriesIndex) => {
          const className = seriesClass[seriesIndex % seriesClass.length]!;
          return (
            <li key={group.id} className={styles.legendItem}>
              <svg width={36} height={12}>
                <line
                  x1={2}
                  x2={34}
                  y1={6}
                  y2={6}
                  className={className}
                  strokeWidth={2.5}
                  strokeDasharray={DASHES[seriesIndex % DASHES.length]}
                />
                <Marker shape={seriesIndex % 2} x={18} y={6} className={className} />
              </svg>
              {local(group.name)}
            </li>
          );
        })}
      </ul>
      <details className={styles.details}>
        <summary>{t('tableView')}</summary>
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="history-table">
            <caption style={{ textAlign: 'left' }}>{t('tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className={styles.cell}>
                  {t('period')}
                </th>
                {groups.map((group) => (
                  <th key={group.id} scope="col" className={styles.cell}>
                    {local(group.name)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods.map((entry) => (
                <tr key={entry.period}>
                  <th scope="row" className={styles.cell}>
                    {t('periodStatus', {
                      period: labelOf(entry.period),
                      status: t(`status.${entry.status}`),
                    })}
                  </th>
                  {groups.map((group) => (
                    <td key={group.id} className={styles.cell}>
                      {entry.averages[group.id]?.toFixed(2) ?? t('noValue')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
