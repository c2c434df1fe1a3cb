import { Field, Input, Link, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CALIBRATION_UNIT_MAX,
  type CalibrationView as Calibration,
  type EvaluationConfig,
} from '../../../src/evaluation/evaluation.contract.ts';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import { ApiError } from '../api/client.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { queryKeys, routeQuery, useFramework, useMe } from '../data/queries.ts';
import {
  BarList,
  FiscalYearSelect,
  NumCell,
  RowHead,
  ScrollingTable,
  TableHead,
  currentFiscalYear,
  useAnalyticsStyles,
} from '../hr/dashboards/analytics-ui.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { OrEmpty, Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { Options } from '../shell/options.tsx';
import { PendingPage } from '../shell/pending-page.tsx';
import { hrefOf } from '../shell/router.ts';

registerBundle('calibration', {
  ja: {
    title: '評価の調整',
    intro:
      '確定した人事評価の分布と、本人の自己チェックから2段階以上離れた評価を、課または部ごとに見ます。見られるのは、その課・部のうち報告系統で自分より下の職員の評価だけです（人事担当は全員）。',
    scope: '範囲',
    department: '課',
    division: '部',
    name: '課・部の名前',
    count: '確定した評価：{{count}}件',
    distribution: '最終評価の分布',
    grade: '評価',
    people: '件数',
    outliers: '自己評価との差が大きい評価',
    person: '職員',
    item: '評価項目',
    finalRating: '最終評価',
    selfRating: '自己チェック',
    steps: '差',
    noOutliers: '自己評価から2段階以上離れた評価はありません。',
    forbidden:
      'この課・部の評価を調整できるのは、報告系統でその職員より上の課長・部長（係長は自分の係の職員）と人事担当です。',
    pickName: '課または部の名前を入れてください。',
  },
  en: {
    title: 'Evaluation calibration',
    intro:
      'How the confirmed evaluations of a section (課) or division (部) spread, and ratings two or more steps from the person’s own self-check. You see only the people of it below you in the reporting lines (HR sees everyone).',
    scope: 'Scope',
    department: 'Section (課)',
    division: 'Division (部)',
    name: 'Name of the section or division',
    count: 'Confirmed evaluations: {{count}}',
    distribution: 'Final ratings',
    grade: 'Rating',
    people: 'Count',
    outliers: 'Ratings far from the self-check',
    person: 'Person',
    item: 'Item',
    finalRating: 'Final rating',
    selfRating: 'Self-check',
    steps: 'Difference',
    noOutliers: 'No rating is two or more steps from the self-check.',
    forbidden:
      'A section or division is calibrated by the 課長 or 部長 above its people in the reporting lines (a 係長 for their own people) and by HR.',
    pickName: 'Enter the name of a section or division.',
  },
});

type Scope = 'department' | 'division';

/** 調整: the distribution of a 課's or 部's confirmed evaluations and the outliers against self-checks. */
export default function CalibrationPage({ api }: PageProps) {
  const { t } = useTranslation('calibration');
  const layout = useLayoutStyles();
  const config = useQuery(routeQuery(api, queryKeys.evaluationConfig, 'GET /api/evaluations/config'));
  const loaded = allOf(useMe(api), allOf(useFramework(api), config));
  const [year, setYear] = useState(currentFiscalYear);
  const [scope, setScope] = useState<Scope>('department');
  const [name, setName] = useState<string | undefined>(undefined);
  if (loaded.data === undefined)
    return <PendingPage title={t('title')} testId="evaluation-calibration" query={loaded} />;
  const [me, [framework, scale]] = loaded.data;
  const shown = name ?? (scope === 'department' ? me.department : me.division) ?? '';
  return (
    <Page title={t('title')} testId="evaluation-calibration">
      <p className={layout.muted}>{t('intro')}</p>
      <div className={layout.row}>
        <FiscalYearSelect value={year} onChange={setYear} />
        <Field label={t('scope')}>
          <Select
            value={scope}
            onChange={(_, data) => {
              setScope(data.value as Scope);
              setName(undefined);
            }}
            data-testid="calibration-scope"
          >
            <Options values={['department', 'division'] as const} labelOf={(value) => t(value)} />
          </Select>
        </Field>
        <Field label={t('name')}>
          <Input
            value={shown}
            maxLength={CALIBRATION_UNIT_MAX}
            onChange={(_, data) => setName(data.value)}
            data-testid="calibration-name"
          />
        </Field>
      </div>
      {shown.trim() ? (
        <Result api={api} year={year} scope={scope} name={shown.trim()} labels={{ scale, framework }} />
      ) : (
        <p className={layout.muted}>{t('pickName')}</p>
      )}
    </Page>
  );
}

function Result({
  api,
  year,
  scope,
  name,
  labels,
}: {
  api: PageProps['api'];
  year: number;
  scope: Scope;
  name: string;
  labels: Labels;
}) {
  const { t } = useTranslation('calibration');
  const query = useQuery(
    routeQuery(api, queryKeys.calibration(year, scope, name), 'GET /api/evaluations/calibration', {
      query: { fiscalYear: year, [scope]: name },
    }),
  );
  if (query.error instanceof ApiError && query.error.status === 403)
    return (
      <MessageBar intent="info" data-testid="calibration-forbidden">
        <MessageBarBody>{t('forbidden')}</MessageBarBody>
      </MessageBar>
    );
  return <QueryState query={query}>{(data) => <Figures data={data} labels={labels} />}</QueryState>;
}

/** What names the ratings and the items: the configured scale and the policy's competencies. */
interface Labels {
  scale: EvaluationConfig;
  framework: Framework;
}

function Figures({ data, labels: { scale, framework } }: { data: Calibration; labels: Labels }) {
  const { t } = useTranslation('calibration');
  const styles = useAnalyticsStyles();
  const localized = useLocalized();
  const tableId = useId();
  const outliersId = useId();
  const label = (id: string) => {
    const entry = scale.scale.find((candidate) => candidate.id === id);
    return entry ? localized(entry.label) : id;
  };
  const itemName = (id: string) => {
    const competency = framework.competencies.find((candidate) => candidate.id === id);
    return competency ? localized(competency.name) : id;
  };
  const most = Math.max(1, ...Object.values(data.overall));
  return (
    <>
      <Section title={t('distribution')} id="calibration-distribution" testId="calibration-distribution">
        <p data-testid="calibration-count">{t('count', { count: data.evaluations })}</p>
        <BarList
          label={t('distribution')}
          testId="calibration-bars"
          bars={scale.scale.map((entry) => ({
            key: entry.id,
            label: localized(entry.label),
            share: (data.overall[entry.id] ?? 0) / most,
            valueText: String(data.overall[entry.id] ?? 0),
          }))}
        />
        <TableHead id={tableId} title={t('distribution')}>
          {null}
        </TableHead>
        <ScrollingTable
          labelledBy={tableId}
          testId="calibration-table"
          columns={[{ label: t('grade') }, { label: t('people'), num: true }]}
        >
          <tbody>
            {scale.scale.map((entry) => (
              <tr key={entry.id}>
                <RowHead>{label(entry.id)}</RowHead>
                <NumCell>{data.overall[entry.id] ?? 0}</NumCell>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      </Section>
      <Section title={t('outliers')} id={outliersId} testId="calibration-outliers">
        <OrEmpty empty={data.outliers.length === 0} text={t('noOutliers')}>
          <ScrollingTable
            labelledBy={outliersId}
            testId="calibration-outlier-list"
            columns={[
              { label: t('person') },
              { label: t('item') },
              { label: t('finalRating') },
              { label: t('selfRating'), num: true },
              { label: t('steps'), num: true },
            ]}
          >
            <tbody>
              {data.outliers.map((row) => (
                <tr
                  key={`${row.person.id}:${row.itemId}`}
                  data-testid={`calibration-outlier-${row.person.id}`}
                >
                  <RowHead>
                    <Link href={hrefOf('evaluation', row.person.id, String(data.fiscalYear))}>
                      {row.person.displayName ?? row.person.id}
                    </Link>
                  </RowHead>
                  <td className={styles.td}>{itemName(row.itemId)}</td>
                  <td className={styles.td}>{label(row.finalRating)}</td>
                  <NumCell>{row.selfRating}</NumCell>
                  <NumCell>{row.steps > 0 ? `+${row.steps}` : row.steps}</NumCell>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        </OrEmpty>
      </Section>
    </>
  );
}
