import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DevelopmentCounts, DevelopmentRollUp } from '../../../../src/growth/development.contract.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { registerBundle } from '../../i18n/i18n.ts';
import { OrEmpty, Section, useLayoutStyles } from '../../shell/layout.tsx';
import {
  CsvTable,
  FiscalYearSelect,
  NumCell,
  RowHead,
  currentFiscalYear,
  TotalRow,
  useAnalyticsStyles,
  useCsvLanguage,
} from '../dashboards/analytics-ui.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';

registerBundle('hr-development', {
  ja: {
    title: '育成の取り組み（部・課別）',
    intro:
      '{{year}}年度に、部下のいる職員（監督者）が直属の部下の育成のために行ったことの集計です。取り組みのない監督者も含みます。',
    groupTitle: '部・課ごとの集計',
    supervisorsTitle: '監督者ごとの取り組み',
    division: '部',
    department: '課',
    name: '氏名',
    supervisors: '監督者',
    inactive: '取り組みなし',
    directReports: '直属の部下',
    feedback: 'フィードバック',
    interviews: '面談',
    oneOnOnes: '1on1',
    recommendations: '研修の推薦',
    reportComments: '報告へのコメント',
    ojtGuidance: 'OJTの指導',
    total: '合計',
    none: '部下のいる職員はいません。',
    unknown: '（未設定）',
  },
  en: {
    title: 'Developing people, by division and section',
    intro:
      'What supervisors (staff with direct reports) did in FY{{year}} to develop their direct reports. Supervisors with nothing recorded are included.',
    groupTitle: 'By division and section',
    supervisorsTitle: 'By supervisor',
    division: 'Division (部)',
    department: 'Section (課)',
    name: 'Name',
    supervisors: 'Supervisors',
    inactive: 'With nothing recorded',
    directReports: 'Direct reports',
    feedback: 'Feedback',
    interviews: 'Interviews',
    oneOnOnes: '1:1s',
    recommendations: 'Recommendations',
    reportComments: 'Report comments',
    ojtGuidance: 'OJT guidance',
    total: 'Total',
    none: 'Nobody has direct reports.',
    unknown: '(not set)',
  },
});

const feedbackOf = (counts: DevelopmentCounts) => counts.goalComments + counts.selfCheckComments;

/** 育成の取り組み rolled up by 部 and 課 for a fiscal year, with every supervisor's row and its CSV. HR only. */
export default function DevelopmentSection({ api }: HrSectionProps) {
  const lang = useCsvLanguage();
  const [year, setYear] = useState(currentFiscalYear);
  const rollUp = useQuery(
    routeQuery(api, queryKeys.hrDevelopment(year), 'GET /api/hr/development', {
      query: { fiscalYear: year },
    }),
  );
  return (
    <SectionFrame section="development">
      <FiscalYearSelect value={year} onChange={setYear} />
      <QueryState query={rollUp}>
        {(data) => (
          <RollUp
            data={data}
            csv={{
              api,
              path: `/api/hr/development.csv?fiscalYear=${year}&lang=${lang}`,
              fileName: `development-${year}.csv`,
              testId: 'csv-development',
            }}
          />
        )}
      </QueryState>
    </SectionFrame>
  );
}

function RollUp({
  data,
  csv,
}: {
  data: DevelopmentRollUp;
  csv: { api: HrSectionProps['api']; path: string; fileName: string; testId: string };
}) {
  const { t } = useTranslation('hr-development');
  const layout = useLayoutStyles();
  const styles = useAnalyticsStyles();
  const name = (value: string | null) => value ?? t('unknown');
  const measures = (counts: DevelopmentCounts) => (
    <>
      <NumCell>{feedbackOf(counts)}</NumCell>
      <NumCell>{counts.interviews}</NumCell>
      <NumCell>{counts.oneOnOnes}</NumCell>
      <NumCell>{counts.recommendations}</NumCell>
      <NumCell>{counts.reportComments}</NumCell>
      <NumCell>{counts.ojtGuidance}</NumCell>
    </>
  );
  const measureColumns = [
    { label: t('feedback'), num: true },
    { label: t('interviews'), num: true },
    { label: t('oneOnOnes'), num: true },
    { label: t('recommendations'), num: true },
    { label: t('reportComments'), num: true },
    { label: t('ojtGuidance'), num: true },
  ];
  return (
    <Section title={t('title')} id="hr-development" testId="hr-development">
      <p className={layout.muted}>{t('intro', { year: data.fiscalYear })}</p>
      <OrEmpty empty={data.supervisors.length === 0} text={t('none')}>
        <>
          <CsvTable
            title={t('groupTitle')}
            csv={csv}
            testId="hr-development-groups"
            columns={[
              { label: t('division') },
              { label: t('department') },
              { label: t('supervisors'), num: true },
              { label: t('inactive'), num: true },
              { label: t('directReports'), num: true },
              ...measureColumns,
            ]}
          >
            <tbody>
              {data.departments.map((row) => (
                <tr key={`${row.division ?? ''}/${row.department ?? ''}`}>
                  <RowHead>{name(row.division)}</RowHead>
                  <td className={styles.td}>{name(row.department)}</td>
                  <NumCell>{row.supervisors}</NumCell>
                  <NumCell>{row.inactive}</NumCell>
                  <NumCell>{row.directReports}</NumCell>
                  {measures(row)}
                </tr>
              ))}
              <TotalRow label={t('total')}>
                <NumCell>{data.supervisors.length}</NumCell>
                <NumCell>{data.departments.reduce((sum, row) => sum + row.inactive, 0)}</NumCell>
                <NumCell>{data.departments.reduce((sum, row) => sum + row.directReports, 0)}</NumCell>
                {measures(data.totals)}
              </TotalRow>
            </tbody>
          </CsvTable>
          <CsvTable
            title={t('supervisorsTitle')}
            csv={{ ...csv, testId: 'csv-development-supervisors' }}
            testId="hr-development-supervisors"
            columns={[
              { label: t('name') },
              { label: t('department') },
              { label: t('directReports'), num: true },
              ...measureColumns,
            ]}
          >
            <tbody>
              {data.supervisors.map((row) => (
                <tr key={row.id} data-testid={`hr-development-${row.id}`}>
                  <RowHead>{row.displayName}</RowHead>
                  <td className={styles.td}>{name(row.department)}</td>
                  <NumCell>{row.directReports}</NumCell>
                  {measures(row)}
                </tr>
              ))}
            </tbody>
          </CsvTable>
        </>
      </OrEmpty>
    </Section>
  );
}
