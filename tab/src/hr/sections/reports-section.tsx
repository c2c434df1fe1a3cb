import { Badge } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  SubmissionReport,
  WantedDepartment,
  WantedReport,
} from '../../../../src/analytics/analytics.contract.ts';
import { registerBundle } from '../../i18n/i18n.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { allOf, QueryState } from '../../data/query-state.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../../shell/layout.tsx';
import { formatSpan, useTitle } from '../../training/format.ts';
import {
  BarList,
  CsvButton,
  CsvTable,
  FiscalYearSelect,
  NumCell,
  RowHead,
  TableHead,
  currentFiscalYear,
  ratioText,
  TotalRow,
  useAnalyticsStyles,
  useCsvLanguage,
  useLevelName,
  usePercent,
} from '../dashboards/analytics-ui.tsx';
import messages from '../reports/messages.ts';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';

registerBundle('hr-reports', messages);

/** 研修報告の集計: submission rate per session and 今後受けたい研修 (policy 7(2)②, 7(5)②). HR only. */
export default function ReportsSection({ api, base }: HrSectionProps) {
  const lang = useCsvLanguage();
  const [year, setYear] = useState(currentFiscalYear);
  const loaded = allOf(
    useQuery(
      routeQuery(api, queryKeys.hrReports('submission', year), 'GET /api/hr/reports/submission', {
        query: { fiscalYear: year },
      }),
    ),
    useQuery(
      routeQuery(api, queryKeys.hrReports('wanted', year), 'GET /api/hr/reports/wanted', {
        query: { fiscalYear: year },
      }),
    ),
  );

  const csv = (path: string) => `${path}${path.includes('?') ? '&' : '?'}fiscalYear=${year}&lang=${lang}`;

  return (
    <SectionFrame section="reports">
      <FiscalYearSelect value={year} onChange={setYear} />
      <QueryState query={loaded}>
        {([submission, wanted]) => (
          <>
            <SubmissionCard report={submission} csvPath={csv} api={api} year={year} />
            <WantedCard report={wanted} csvPath={csv} api={api} year={year} base={base} />
          </>
        )}
      </QueryState>
    </SectionFrame>
  );
}

interface CardProps {
  api: HrSectionProps['api'];
  csvPath: (path: string) => string;
  year: number;
}

function SubmissionCard({ report, api, csvPath, year }: CardProps & { report: SubmissionReport }) {
  const { t, i18n } = useTranslation('hr-reports');
  const layout = useLayoutStyles();
  const styles = useAnalyticsStyles();
  const title = useTitle();
  const percent = usePercent();
  return (
    <Section title={t('submission.title')} id="hr-reports-submission" testId="hr-reports-submission">
      <p className={layout.muted}>{t('submission.intro')}</p>
      <OrEmpty
        empty={report.sessions.length === 0}
        text={t('submission.empty')}
        testId="hr-reports-submission-empty"
      >
        <>
          <BarList
            label={t('submission.chart')}
            bars={report.sessions.map((session) => ({
              key: session.sessionId,
              label: title(session.courseTitle),
              share: session.rate ?? 0,
              valueText: ratioText(session.submitted, session.attended, percent),
            }))}
          />
          <CsvTable
            title={t('submission.table')}
            csv={{
              api,
              path: csvPath('/api/hr/reports/submission.csv'),
              fileName: `training-report-submission-${year}.csv`,
              testId: 'csv-submission',
            }}
            columns={[
              { label: t('submission.course') },
              { label: t('submission.date') },
              { label: t('submission.attended'), num: true },
              { label: t('submission.submitted'), num: true },
              { label: t('submission.rate'), num: true },
            ]}
          >
            <tbody>
              {report.sessions.map((session) => (
                <tr key={session.sessionId}>
                  <RowHead>
                    {title(session.courseTitle)}
                    {session.workplaceDepartment !== null ? (
                      <>
                        {' '}
                        <Badge appearance="tint" data-testid="submission-workplace">
                          {t('submission.workplace', { department: session.workplaceDepartment })}
                        </Badge>
                      </>
                    ) : null}
                  </RowHead>
                  <td className={styles.td}>{formatSpan(session.start, session.end, i18n.language)}</td>
                  <NumCell>{session.attended}</NumCell>
                  <NumCell>{session.submitted}</NumCell>
                  <NumCell>{session.rate === null ? '—' : percent.format(session.rate)}</NumCell>
                </tr>
              ))}
              {(
                [
                  ['total', report.totals],
                  ['catalogTotal', report.byScope.catalog],
                  ['workplaceTotal', report.byScope.workplace],
                ] as const
              ).map(([label, totals]) => (
                <TotalRow key={label} label={t(`submission.${label}`)}>
                  <NumCell>{totals.attended}</NumCell>
                  <NumCell>{totals.submitted}</NumCell>
                  <NumCell>{totals.rate === null ? '—' : percent.format(totals.rate)}</NumCell>
                </TotalRow>
              ))}
            </tbody>
          </CsvTable>
        </>
      </OrEmpty>
    </Section>
  );
}

function WantedCard({
  report,
  api,
  csvPath,
  year,
  base,
}: CardProps & { report: WantedReport; base: HrSectionProps['base'] }) {
  const { t } = useTranslation('hr-reports');
  const layout = useLayoutStyles();
  const styles = useAnalyticsStyles();
  const title = useTitle();
  const levelName = useLevelName(base.framework, t('wanted.noLevel'));
  const courseId = useId();
  const textsId = useId();
  const courseTitle = (id: string) => {
    const course = report.courses.find((candidate) => candidate.courseId === id);
    return course ? title(course.title) : id;
  };
  const topCourses = (courses: Array<{ courseId: string; people: number }>) =>
    courses.length === 0
      ? t('wanted.none')
      : courses
          .slice(0, 3)
          .map((course) => `${courseTitle(course.courseId)} (${course.people})`)
          .join('、');
  const most = Math.max(1, ...report.courses.map((course) => course.people));
  const csv = (path: string, file: string, testId: string) => ({
    api,
    path: csvPath(path),
    fileName: `${file}-${year}.csv`,
    testId,
  });

  return (
    <Section title={t('wanted.title')} id="hr-reports-wanted" testId="hr-reports-wanted">
      <OrEmpty empty={report.respondents === 0} text={t('wanted.empty')} testId="hr-reports-wanted-empty">
        <>
          <p className={layout.muted}>
            {t('wanted.intro', { respondents: report.respondents, min: report.minGroupSize })}
          </p>

          <TableHead id={courseId} title={t('wanted.byCourse')}>
            <CsvButton
              {...csv(
                '/api/hr/reports/wanted-courses.csv',
                'trainings-wanted-by-course',
                'csv-wanted-courses',
              )}
              table={t('wanted.byCourse')}
            />
          </TableHead>
          {report.courses.length === 0 ? (
            <p className={layout.muted}>{t('wanted.noCourses')}</p>
          ) : (
            <BarList
              label={t('wanted.byCourseChart')}
              testId="hr-wanted-courses"
              bars={report.courses.map((course) => ({
                key: course.courseId,
                label: `${title(course.title)}${course.archived ? t('wanted.archived') : ''}`,
                share: course.people / most,
                valueText: t('wanted.peopleCount', { count: course.people }),
              }))}
            />
          )}

          <CsvTable
            title={t('wanted.byLevel')}
            csv={csv('/api/hr/reports/wanted-levels.csv', 'trainings-wanted-by-level', 'csv-wanted-levels')}
            columns={[
              { label: t('wanted.level') },
              { label: t('wanted.respondents'), num: true },
              { label: t('wanted.writers'), num: true },
              { label: t('wanted.topCourses') },
            ]}
          >
            <tbody>
              {report.levels.map((level) => (
                <tr key={level.levelId}>
                  <RowHead>{levelName(level.levelId)}</RowHead>
                  <NumCell>{level.respondents}</NumCell>
                  <NumCell>{level.writers}</NumCell>
                  <td className={styles.td}>{topCourses(level.courses)}</td>
                </tr>
              ))}
            </tbody>
          </CsvTable>

          <CsvTable
            title={t('wanted.byDepartment')}
            csv={csv(
              '/api/hr/reports/wanted-departments.csv',
              'trainings-wanted-by-section',
              'csv-wanted-departments',
            )}
            testId="hr-wanted-departments"
            columns={[
              { label: t('wanted.department') },
              { label: t('wanted.respondents'), num: true },
              { label: t('wanted.topCourses') },
            ]}
          >
            <tbody>
              {report.departments.map((department) => (
                <tr key={department.department}>
                  <RowHead>
                    {department.department || t('wanted.noDepartment')}
                    {department.division ? (
                      <span className={styles.muted}> · {department.division}</span>
                    ) : null}
                  </RowHead>
                  <NumCell>{department.respondents}</NumCell>
                  <td className={styles.td}>{topCourses(department.courses)}</td>
                </tr>
              ))}
            </tbody>
          </CsvTable>

          <TableHead id={textsId} title={t('wanted.textsTable')}>
            <CsvButton
              {...csv('/api/hr/reports/wanted-texts.csv', 'trainings-wanted-free-text', 'csv-wanted-texts')}
              table={t('wanted.textsTable')}
            />
          </TableHead>
          <FreeTexts departments={report.departments} min={report.minGroupSize} labelledBy={textsId} />
        </>
      </OrEmpty>
    </Section>
  );
}

/** The free text per 課: the texts where enough people wrote, otherwise only how many did. */
function FreeTexts({
  departments,
  min,
  labelledBy,
}: {
  departments: WantedDepartment[];
  min: number;
  labelledBy: string;
}) {
  const { t } = useTranslation('hr-reports');
  const layout = useLayoutStyles();
  const styles = useAnalyticsStyles();
  const written = departments.filter((department) => department.writers > 0);
  if (written.length === 0) return <p className={layout.muted}>{t('wanted.none')}</p>;
  return (
    <ul
      aria-labelledby={labelledBy}
      className={layout.stack}
      style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}
      data-testid="hr-wanted-texts"
    >
      {written.map((department) => (
        <li key={department.department} data-testid="hr-wanted-texts-department">
          <strong>{department.department || t('wanted.noDepartment')}</strong>
          {department.texts === null ? (
            <span className={styles.muted} data-testid="hr-wanted-texts-hidden">
              {' '}
              — {t('wanted.hidden', { min, count: department.writers })}
            </span>
          ) : (
            <details>
              <summary>{t('wanted.showTexts', { count: department.texts.length })}</summary>
              <ul className={layout.preLine} style={{ margin: '4px 0 0', paddingLeft: '1.2em' }}>
                {department.texts.map((text, index) => (
                  <li key={index}>{text}</li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
