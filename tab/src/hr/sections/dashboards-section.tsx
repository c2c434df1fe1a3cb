import { Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CompetencyReport,
  CompletionReport,
  CompletionRow,
  DemandReport,
} from '../../../../src/analytics/analytics.contract.ts';
import { INTERVIEW_TYPES } from '../../../../src/analytics/analytics.contract.ts';
import type { ApiClient } from '../../api/client.ts';
import { registerBundle } from '../../i18n/i18n.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState, type QueryLike } from '../../data/query-state.tsx';
import { Section, useLayoutStyles } from '../../shell/layout.tsx';
import { useLocalized } from '../../shell/localized.ts';
import { visuallyHidden } from '../../shell/visually-hidden.ts';
import { chartKey } from '../../shell/style-fragments.ts';
import { useTitle } from '../../training/format.ts';
import {
  BarList,
  ColHead,
  CsvTable,
  FiscalYearSelect,
  NumCell,
  RowHead,
  currentFiscalYear,
  ratioText,
  useAnalyticsStyles,
  useCsvLanguage,
  useLevelName,
  usePercent,
} from '../dashboards/analytics-ui.tsx';
import messages from '../dashboards/messages.ts';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';
import { Options } from '../../shell/options.tsx';

registerBundle('hr-dashboards', messages);

const useStyles = makeStyles({
  groups: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 280px), 1fr))',
    gap: '12px 24px',
    margin: '8px 0 0',
    padding: 0,
    listStyle: 'none',
  },
  groupName: { fontWeight: tokens.fontWeightSemibold, margin: '0 0 2px' },
  // Positioned, so the screen-reader-only text inside stays within the scrolling table.
  heat: { textAlign: 'center', fontVariantNumeric: 'tabular-nums', minWidth: '3em', position: 'relative' },
  low: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground1 },
  mid: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorNeutralForeground1 },
  high: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    '@media (forced-colors: active)': {
      backgroundColor: 'Highlight',
      color: 'HighlightText',
      forcedColorAdjust: 'none',
    },
  },
  hidden: { color: tokens.colorNeutralForeground3 },
  legend: { ...chartKey, fontSize: tokens.fontSizeBase200 },
  swatch: {
    display: 'inline-block',
    width: '14px',
    height: '14px',
    marginRight: '6px',
    verticalAlign: 'middle',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  srOnly: visuallyHidden,
  // Ten competencies and the group fit the page's column at 1,280 px: a heading wraps to two or three
  // lines rather than widening its column; below this width the table scrolls in its frame.
  colHead: { minWidth: '3.5em' },
});

/** ダッシュボード: completion by 課/部, the competency picture and training demand. HR only. */
export default function DashboardsSection({ api, base }: HrSectionProps) {
  const [year, setYear] = useState(currentFiscalYear);
  return (
    <SectionFrame section="dashboards">
      <FiscalYearSelect value={year} onChange={setYear} />
      <CompletionCard api={api} year={year} />
      <CompetencyCard api={api} base={base} />
      <DemandCard api={api} base={base} year={year} />
    </SectionFrame>
  );
}

/** How a table groups its rows; `options` in the order offered, the first one also the fallback. */
function GroupBySelect<G extends string>({
  value,
  options,
  onChange,
  testId,
}: {
  value: G;
  options: Record<G, string>;
  onChange: (value: G) => void;
  testId: string;
}) {
  const { t } = useTranslation('hr-dashboards');
  const values = Object.keys(options) as G[];
  return (
    <Field label={t('groupBy')}>
      <Select
        value={value}
        onChange={(_, data) => onChange(values.find((candidate) => candidate === data.value) ?? values[0]!)}
        data-testid={testId}
      >
        <Options values={values} labelOf={(option) => options[option]} />
      </Select>
    </Field>
  );
}

/**
 * A dashboard's card: titled `<part>.title` (its anchor `hr-dashboards-<part>`, also its test id), with
 * an optional muted introduction and controls over what `children` make of the report, or the muted
 * `empty` line when the report has nothing to show.
 */
function DashboardCard<T>({
  part,
  intro,
  controls,
  query,
  isEmpty,
  empty,
  children,
}: {
  part: 'completion' | 'competencies' | 'demand';
  intro?: string;
  controls?: ReactNode;
  query: QueryLike<T>;
  isEmpty?: (report: T) => boolean;
  empty?: string;
  children: (report: T) => ReactNode;
}) {
  const { t } = useTranslation('hr-dashboards');
  const layout = useLayoutStyles();
  const id = `hr-dashboards-${part}`;
  return (
    <Section title={t(`${part}.title`)} id={id} testId={id}>
      {intro ? <p className={layout.muted}>{intro}</p> : null}
      {controls}
      <QueryState
        query={query}
        isEmpty={isEmpty}
        empty={empty === undefined ? undefined : <p className={layout.muted}>{empty}</p>}
      >
        {children}
      </QueryState>
    </Section>
  );
}

function CompletionCard({ api, year }: { api: ApiClient; year: number }) {
  const { t } = useTranslation('hr-dashboards');
  const styles = useAnalyticsStyles();
  const own = useStyles();
  const lang = useCsvLanguage();
  const percent = usePercent();
  const [groupBy, setGroupBy] = useState<'department' | 'division'>('department');
  const query = `fiscalYear=${year}&groupBy=${groupBy}`;
  const loaded = useQuery(
    routeQuery(
      api,
      queryKeys.hrDashboard('completion', { year, groupBy }),
      'GET /api/hr/dashboards/completion',
      {
        query: { fiscalYear: year, groupBy },
      },
    ),
  );

  const content = (report: CompletionReport) => {
    // The latest half that has begun is the one people are working on.
    const half = report.halves.h2 ? 'h2' : 'h1';
    const groupName = (row: CompletionRow) => row.group || t('noGroup');
    const bars = (row: Omit<CompletionRow, 'group' | 'division'>) => [
      {
        key: 'selfCheck',
        label: t('completion.selfCheck', { half: t(`completion.${half}`) }),
        share: row.staff === 0 ? 0 : (row.selfChecks[half] ?? 0) / row.staff,
        valueText: ratioText(row.selfChecks[half] ?? 0, row.staff, percent),
      },
      {
        key: 'goals',
        label: t('completion.goals'),
        share: row.staff === 0 ? 0 : row.goals / row.staff,
        valueText: ratioText(row.goals, row.staff, percent),
      },
      {
        key: 'reports',
        label: t('completion.reports'),
        share: row.reports.due === 0 ? 0 : row.reports.submitted / row.reports.due,
        valueText: ratioText(row.reports.submitted, row.reports.due, percent),
      },
    ];
    const halfCell = (value: number | null) => (value === null ? t('completion.notYet') : value);
    return (
      <>
        <ul className={own.groups} data-testid="hr-completion-chart">
          {report.rows.map((row) => (
            <li key={row.group}>
              <p className={own.groupName}>
                {groupName(row)}
                {row.division ? <span className={styles.muted}> · {row.division}</span> : null}
              </p>
              <BarList label={t('completion.chart', { group: groupName(row) })} bars={bars(row)} />
            </li>
          ))}
        </ul>
        <CsvTable
          title={t('completion.table')}
          csv={{
            api,
            path: `/api/hr/dashboards/completion.csv?${query}&lang=${lang}`,
            fileName: `completion-by-${groupBy === 'division' ? 'division' : 'section'}-${year}.csv`,
            testId: 'csv-completion',
          }}
          testId="hr-completion-table"
        >
          <thead>
            <tr>
              <ColHead rowSpan={2}>{t('completion.group')}</ColHead>
              <ColHead num rowSpan={2}>
                {t('completion.staff')}
              </ColHead>
              <ColHead num rowSpan={2}>
                {t('completion.selfCheck', { half: t('completion.h1') })}
              </ColHead>
              <ColHead num rowSpan={2}>
                {t('completion.selfCheck', { half: t('completion.h2') })}
              </ColHead>
              <ColHead num rowSpan={2}>
                {t('completion.goals')}
              </ColHead>
              <th className={styles.th} scope="colgroup" colSpan={INTERVIEW_TYPES.length}>
                {t('completion.interviews')}
              </th>
              <ColHead num rowSpan={2}>
                {t('completion.reports')}
              </ColHead>
            </tr>
            <tr>
              {INTERVIEW_TYPES.map((type) => (
                <ColHead key={type} num>
                  {t(`completion.types.${type}`)}
                </ColHead>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...report.rows, { ...report.totals, group: t('completion.total'), division: null }].map(
              (row, index) => (
                <tr key={index}>
                  <RowHead>{groupName(row)}</RowHead>
                  <NumCell>{row.staff}</NumCell>
                  <NumCell>{halfCell(row.selfChecks.h1)}</NumCell>
                  <NumCell>{halfCell(row.selfChecks.h2)}</NumCell>
                  <NumCell>{row.goals}</NumCell>
                  {INTERVIEW_TYPES.map((type) => (
                    <NumCell key={type}>{t('completion.interviewCell', row.interviews[type])}</NumCell>
                  ))}
                  <NumCell>
                    {row.reports.submitted} / {row.reports.due}
                  </NumCell>
                </tr>
              ),
            )}
          </tbody>
        </CsvTable>
      </>
    );
  };

  return (
    <DashboardCard
      part="completion"
      intro={t('completion.intro', { year })}
      controls={
        <GroupBySelect
          value={groupBy}
          options={{ department: t('byDepartment'), division: t('byDivision') }}
          onChange={setGroupBy}
          testId="completion-group-by"
        />
      }
      query={loaded}
      isEmpty={(report) => report.rows.length === 0}
      empty={t('completion.empty')}
    >
      {content}
    </DashboardCard>
  );
}

function CompetencyCard({ api, base }: { api: ApiClient; base: HrSectionProps['base'] }) {
  const { t } = useTranslation('hr-dashboards');
  const styles = useAnalyticsStyles();
  const own = useStyles();
  const local = useLocalized();
  const lang = useCsvLanguage();
  const levelName = useLevelName(base.framework, t('noLevel'));
  const { i18n } = useTranslation();
  const [groupBy, setGroupBy] = useState<'level' | 'department'>('level');
  const loaded = useQuery(
    routeQuery(
      api,
      queryKeys.hrDashboard('competencies', { groupBy }),
      'GET /api/hr/dashboards/competencies',
      {
        query: { groupBy },
      },
    ),
  );
  const number = useMemo(
    () =>
      new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'ja-JP', {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }),
    [i18n.language],
  );
  const groupName = (group: string) => {
    return groupBy === 'department' ? group || t('noGroup') : levelName(group);
  };
  const competencyName = (id: string) => {
    const competency = base.framework.competencies.find((candidate) => candidate.id === id);
    return competency ? local(competency.name) : id;
  };
  // Three shades, so the picture reads at a glance; the value is always written in the cell as well.
  const shade = (average: number) => (average >= 3.5 ? own.high : average >= 2.5 ? own.mid : own.low);

  const content = (report: CompetencyReport) => {
    return (
      <>
        <CsvTable
          title={t('competencies.table')}
          csv={{
            api,
            path: `/api/hr/dashboards/competencies.csv?groupBy=${groupBy}&lang=${lang}`,
            fileName: `competency-picture-by-${groupBy === 'level' ? 'level' : 'section'}.csv`,
            testId: 'csv-competencies',
          }}
          testId="hr-competency-heatmap"
          columns={[
            { label: groupBy === 'level' ? t('byLevel') : t('byDepartment') },
            { label: t('competencies.people'), num: true },
            ...report.competencyIds.map((id) => ({ label: competencyName(id), className: own.colHead })),
          ]}
        >
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.group}>
                <RowHead>{groupName(row.group)}</RowHead>
                <NumCell>{row.people}</NumCell>
                {report.competencyIds.map((id) => {
                  const cell = row.cells[id] ?? { n: 0, average: null };
                  if (cell.average === null)
                    return (
                      <td key={id} className={`${styles.td} ${own.heat} ${own.hidden}`}>
                        <span aria-hidden="true">{cell.n === 0 ? '' : '—'}</span>
                        <span className={own.srOnly}>
                          {cell.n === 0
                            ? t('competencies.noData')
                            : t('competencies.hiddenCell', { n: cell.n })}
                        </span>
                      </td>
                    );
                  return (
                    <td
                      key={id}
                      className={`${styles.td} ${own.heat} ${shade(cell.average)}`}
                      title={t('competencies.cellLabel', {
                        group: groupName(row.group),
                        competency: competencyName(id),
                        average: number.format(cell.average),
                        n: cell.n,
                      })}
                    >
                      {number.format(cell.average)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </CsvTable>
        <ul className={own.legend} aria-label={t('competencies.legend')}>
          <li>
            <span className={`${own.swatch} ${own.low}`} aria-hidden="true" />
            {t('competencies.legendLow')}
          </li>
          <li>
            <span className={`${own.swatch} ${own.mid}`} aria-hidden="true" />
            {t('competencies.legendMid')}
          </li>
          <li>
            <span className={`${own.swatch} ${own.high}`} aria-hidden="true" />
            {t('competencies.legendHigh')}
          </li>
          <li>
            <span aria-hidden="true">— </span>
            {t('competencies.hiddenCell', { n: `<${report.minGroupSize}` })}
          </li>
        </ul>
      </>
    );
  };

  return (
    <DashboardCard
      part="competencies"
      intro={t('competencies.intro', { min: 3 })}
      controls={
        <GroupBySelect
          value={groupBy}
          options={{ level: t('byLevel'), department: t('byDepartment') }}
          onChange={setGroupBy}
          testId="competency-group-by"
        />
      }
      query={loaded}
    >
      {content}
    </DashboardCard>
  );
}

function DemandCard({ api, base, year }: { api: ApiClient; base: HrSectionProps['base']; year: number }) {
  const { t } = useTranslation('hr-dashboards');
  const layout = useLayoutStyles();
  const title = useTitle();
  const lang = useCsvLanguage();
  const levelName = useLevelName(base.framework, t('noLevel'));
  const loaded = useQuery(
    routeQuery(api, queryKeys.hrDashboard('demand', { year }), 'GET /api/hr/dashboards/demand', {
      query: { fiscalYear: year },
    }),
  );
  const content = (report: DemandReport) => {
    const most = Math.max(1, ...report.courses.map((course) => course.people));
    return (
      <>
        <p className={layout.muted}>
          {t('demand.intro', { respondents: report.respondents, writers: report.writers })}
        </p>
        <BarList
          label={t('demand.chart')}
          testId="hr-demand-chart"
          bars={report.courses.slice(0, 10).map((course) => ({
            key: course.courseId,
            label: title(course.title),
            share: course.people / most,
            valueText: t('demand.peopleCount', { count: course.people }),
          }))}
        />
        <CsvTable
          title={t('demand.table')}
          csv={{
            api,
            path: `/api/hr/dashboards/demand.csv?fiscalYear=${year}&lang=${lang}`,
            fileName: `training-demand-${year}.csv`,
            testId: 'csv-demand',
          }}
          columns={[
            { label: t('demand.course') },
            { label: t('demand.total'), num: true },
            ...report.levelIds.map((id) => ({ label: levelName(id), num: true })),
          ]}
        >
          <tbody>
            {report.courses.map((course) => (
              <tr key={course.courseId}>
                <RowHead>{title(course.title)}</RowHead>
                <NumCell>{course.people}</NumCell>
                {report.levelIds.map((id) => (
                  <NumCell key={id}>{course.byLevel[id] ?? 0}</NumCell>
                ))}
              </tr>
            ))}
          </tbody>
        </CsvTable>
      </>
    );
  };

  return (
    <DashboardCard
      part="demand"
      query={loaded}
      isEmpty={(report) => report.courses.length === 0}
      empty={t('demand.empty')}
    >
      {content}
    </DashboardCard>
  );
}
