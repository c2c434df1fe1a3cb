import { Button, Field, Select, makeStyles } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlacementRollUps } from '../../../../src/growth/placement.contract.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { registerBundle } from '../../i18n/i18n.ts';
import { OrEmpty, Section, useLayoutStyles } from '../../shell/layout.tsx';
import { useLocalized } from '../../shell/localized.ts';
import { Options } from '../../shell/options.tsx';
import { shrinkingSelect } from '../../shell/style-fragments.ts';
import {
  CsvTable,
  FiscalYearSelect,
  NumCell,
  RowHead,
  TitledTable,
  currentFiscalYear,
  useAnalyticsStyles,
  useCsvLanguage,
} from '../dashboards/analytics-ui.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';

registerBundle('hr-placement', {
  ja: {
    title: '配置（自己申告）',
    intro:
      '{{year}}年度の自己申告を一覧し、読み、書き出します。人事担当のみが見られ、閲覧は監査ログに記録されます。',
    status: '状態',
    level: '職層',
    wishes: '異動の希望',
    path: 'キャリアの方向',
    any: 'すべて',
    statusOption: { draft: '下書き', submitted: '提出済み' },
    wishesOption: { true: '異動を希望', false: '希望なし' },
    pathOption: { specialist: '専門', rotation: '幅広', undecided: '未定' },
    listTitle: '自己申告（{{total}}件）',
    name: '氏名',
    department: '課',
    wishList: '希望する職場',
    open: '開く',
    next: '次の{{n}}件',
    first: '最初から',
    none: '条件に合う自己申告はありません。',
    form: '{{name}}さんの自己申告',
    placementOption: { stay: '現職継続を希望', transfer: '異動を希望', either: 'どちらでもよい' },
    placementNone: '（未回答）',
    reflection: '資質・貢献度の振り返り',
    rotationServed: '経験した部',
    rotationSources: '人事の発令記録から{{records}}部、本人のキャリアデザインから{{career}}部',
    circumstances: '考慮してほしい事情',
    comment: '自由記述',
    empty: '（記入なし）',
    close: '閉じる',
    rollUps: '集計',
    wishedTitle: '希望された職場',
    count: '人数',
    who: '希望者',
    pathsTitle: 'キャリアの方向',
    notWritten: '未記入',
    periodTitle: '能力・適性等評価期間（採用から{{years}}年）の終わり：今年度と来年度',
    hireDate: '採用日',
    endsOn: '終了日',
    rotationTitle: '経験した部の数',
    divisions: '部の数',
    people: '人数',
    nobody: '該当者はいません。',
  },
  en: {
    title: 'Placement (self-declarations)',
    intro:
      'The self-declarations of FY{{year}}: list, read and export them. HR only; every read is recorded in the audit log.',
    status: 'Status',
    level: 'Level',
    wishes: 'Transfer wish',
    path: 'Career path',
    any: 'All',
    statusOption: { draft: 'Draft', submitted: 'Submitted' },
    wishesOption: { true: 'Wishes a transfer', false: 'No transfer wish' },
    pathOption: { specialist: 'Specialist', rotation: 'Broad', undecided: 'Undecided' },
    listTitle: 'Self-declarations ({{total}})',
    name: 'Name',
    department: 'Section (課)',
    wishList: 'Workplaces wished for',
    open: 'Open',
    next: 'Next {{n}}',
    first: 'From the start',
    none: 'No self-declaration matches.',
    form: 'Self-declaration of {{name}}',
    placementOption: { stay: 'Stay in my post', transfer: 'Transfer', either: 'Either' },
    placementNone: '(not answered)',
    reflection: 'Reflection on qualities and contribution',
    rotationServed: 'Divisions (部) served in',
    rotationSources: '{{records}} from HR’s appointment records, {{career}} from their career design',
    circumstances: 'Circumstances to consider',
    comment: 'Comment',
    empty: '(none)',
    close: 'Close',
    rollUps: 'Roll-ups',
    wishedTitle: 'Workplaces wished for',
    count: 'People',
    who: 'Who',
    pathsTitle: 'Career paths',
    notWritten: 'Not written',
    periodTitle: 'End of the evaluation period ({{years}} years from hire): this fiscal year and next',
    hireDate: 'Hire date',
    endsOn: 'Ends on',
    rotationTitle: 'Divisions (部) served in',
    divisions: 'Divisions',
    people: 'People',
    nobody: 'Nobody.',
  },
});

const useStyles = makeStyles({ select: shrinkingSelect });

const PAGE = 50;
type Filter = { department: string; level: string; status: string; wishesTransfer: string; path: string };
const FILTERS: Record<'status' | 'wishesTransfer' | 'path', readonly string[]> = {
  status: ['draft', 'submitted'],
  wishesTransfer: ['true', 'false'],
  path: ['specialist', 'rotation', 'undecided'],
};
const OPTION_KEY = { status: 'statusOption', wishesTransfer: 'wishesOption', path: 'pathOption' } as const;
const LABEL_KEY = {
  department: 'department',
  level: 'level',
  status: 'status',
  wishesTransfer: 'wishes',
  path: 'path',
} as const;

/** HR's 配置 workspace: the year's 自己申告 filtered and paged, one form read, the CSV, the roll-ups. */
export default function PlacementSection({ api, base }: HrSectionProps) {
  const { t } = useTranslation('hr-placement');
  const layout = useLayoutStyles();
  const styles = useAnalyticsStyles();
  const lang = useCsvLanguage();
  const [year, setYear] = useState(currentFiscalYear);
  const localized = useLocalized();
  const { select } = useStyles();
  const [filter, setFilter] = useState<Filter>({
    department: '',
    level: '',
    status: '',
    wishesTransfer: '',
    path: '',
  });
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [opened, setOpened] = useState<string | undefined>(undefined);
  const given = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== ''));
  const query = { fiscalYear: year, ...given, limit: PAGE, ...(cursor ? { cursor } : {}) };
  const list = useQuery(
    routeQuery(
      api,
      queryKeys.hrPlacement('list', JSON.stringify(query)),
      'GET /api/hr/placement/declarations',
      {
        query: query,
      },
    ),
  );
  const rollUps = useQuery(
    routeQuery(api, queryKeys.hrPlacement('roll-ups', year), 'GET /api/hr/placement/roll-ups', {
      query: { fiscalYear: year },
    }),
  );
  // The 課 to filter by: those of the regular staff the roll-ups count (the people 自己申告 is for).
  const departments = [
    ...new Set(
      (rollUps.data?.rotation.people ?? []).flatMap((person) =>
        person.department ? [person.department] : [],
      ),
    ),
  ].sort((a, b) => a.localeCompare(b, 'ja'));
  const change = (key: keyof Filter, value: string) => {
    setFilter({ ...filter, [key]: value });
    setCursor(undefined);
  };
  const filterSelect = (key: keyof Filter, values: readonly string[], labelOf: (value: string) => string) => (
    <Field key={key} label={t(LABEL_KEY[key])}>
      <Select
        className={select}
        value={filter[key]}
        onChange={(_, data) => change(key, data.value)}
        data-testid={`placement-filter-${key}`}
      >
        <option value="">{t('any')}</option>
        <Options values={values} labelOf={labelOf} />
      </Select>
    </Field>
  );
  const csvQuery = new URLSearchParams({ fiscalYear: String(year), ...given, lang }).toString();
  return (
    <SectionFrame section="placement">
      <Section title={t('title')} id="hr-placement" testId="hr-placement">
        <p className={layout.muted}>{t('intro', { year })}</p>
        <div className={layout.stack}>
          <FiscalYearSelect
            value={year}
            onChange={(next) => {
              setYear(next);
              setCursor(undefined);
            }}
          />
          {filterSelect('department', departments, (value) => value)}
          {filterSelect(
            'level',
            base.framework.levels.map((level) => level.id),
            (id) => localized(base.framework.levels.find((level) => level.id === id)!.name),
          )}
          {(Object.keys(FILTERS) as Array<keyof typeof FILTERS>).map((key) =>
            filterSelect(key, FILTERS[key], (value) => t(`${OPTION_KEY[key]}.${value}`)),
          )}
        </div>
        <QueryState query={list}>
          {(page) => (
            <OrEmpty empty={page.items.length === 0} text={t('none')} testId="placement-none">
              <>
                <CsvTable
                  title={t('listTitle', { total: page.total })}
                  csv={{
                    api,
                    path: `/api/hr/placement/declarations.csv?${csvQuery}`,
                    fileName: `declarations-${year}.csv`,
                    testId: 'csv-placement',
                  }}
                  testId="placement-list"
                  columns={[
                    { label: t('name') },
                    { label: t('department') },
                    { label: t('status') },
                    { label: t('wishList') },
                    { label: t('path') },
                    { label: '' },
                  ]}
                >
                  <tbody>
                    {page.items.map((item) => (
                      <tr key={item.id} data-testid={`placement-row-${item.id}`}>
                        <RowHead>{item.displayName}</RowHead>
                        <td className={styles.td}>{item.department ?? ''}</td>
                        <td className={styles.td}>{t(`statusOption.${item.status}`)}</td>
                        <td className={styles.td}>{item.wishes.join('、')}</td>
                        <td className={styles.td}>
                          {t(`pathOption.${item.path}`)}
                          {item.pathField ? `（${item.pathField}）` : ''}
                        </td>
                        <td className={styles.td}>
                          <Button
                            size="small"
                            aria-label={`${t('open')}: ${item.displayName}`}
                            onClick={() => setOpened(item.id)}
                            data-testid={`placement-open-${item.id}`}
                          >
                            {t('open')}
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </CsvTable>
                <div className={layout.stack}>
                  {page.nextCursor ? (
                    <Button
                      onClick={() => setCursor(page.nextCursor ?? undefined)}
                      data-testid="placement-next"
                    >
                      {t('next', { n: PAGE })}
                    </Button>
                  ) : null}
                  {cursor ? <Button onClick={() => setCursor(undefined)}>{t('first')}</Button> : null}
                </div>
              </>
            </OrEmpty>
          )}
        </QueryState>
        {opened ? (
          <FormReader api={api} year={year} personId={opened} onClose={() => setOpened(undefined)} />
        ) : null}
      </Section>
      <QueryState query={rollUps}>{(data) => <RollUps data={data} />}</QueryState>
    </SectionFrame>
  );
}

/** One person's 自己申告 as HR reads it (the read is audited by the server). */
function FormReader({
  api,
  year,
  personId,
  onClose,
}: {
  api: HrSectionProps['api'];
  year: number;
  personId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('hr-placement');
  const layout = useLayoutStyles();
  const form = useQuery(
    routeQuery(
      api,
      queryKeys.hrPlacement('form', year, personId),
      'GET /api/hr/placement/declarations/:fiscalYear/:personId',
      { params: { fiscalYear: String(year), personId } },
    ),
  );
  const text = (value: string) =>
    value.trim() ? <p className={layout.preLine}>{value}</p> : <p className={layout.muted}>{t('empty')}</p>;
  return (
    <QueryState query={form}>
      {({ person, career, rotation, declaration }) => (
        <section
          className={layout.stack}
          data-testid="placement-form"
          aria-label={t('form', { name: person.displayName })}
        >
          <h3>{t('form', { name: person.displayName })}</h3>
          <p>
            {person.department ?? ''} ·{' '}
            {t(`statusOption.${declaration.status === 'submitted' ? 'submitted' : 'draft'}`)} ·{' '}
            {t(`pathOption.${career.path}`)}
            {career.pathField ? `（${career.pathField}）` : ''}
          </p>
          <p data-testid="placement-form-placement">
            {declaration.placement ? t(`placementOption.${declaration.placement}`) : t('placementNone')}
          </p>
          <ol>
            {declaration.transferWishes.map((wish, index) => (
              <li key={index}>
                <strong>{wish.department}</strong>: {wish.reason}
              </li>
            ))}
          </ol>
          <h4>{t('rotationServed')}</h4>
          <OrEmpty empty={rotation.divisions.length === 0} text={t('empty')}>
            <ul data-testid="placement-form-rotation">
              {rotation.divisions.map((division) => (
                <li key={division}>{division}</li>
              ))}
            </ul>
          </OrEmpty>
          <p className={layout.muted}>
            {t('rotationSources', { records: rotation.fromRecords, career: rotation.fromCareer })}
          </p>
          <h4>{t('reflection')}</h4>
          {text(declaration.reflection)}
          <h4>{t('circumstances')}</h4>
          {text(declaration.circumstances)}
          <h4>{t('comment')}</h4>
          {text(declaration.comment)}
          <div>
            <Button onClick={onClose}>{t('close')}</Button>
          </div>
        </section>
      )}
    </QueryState>
  );
}

function RollUps({ data }: { data: PlacementRollUps }) {
  const { t } = useTranslation('hr-placement');
  const styles = useAnalyticsStyles();
  const table = (title: string, testId: string, head: string[], rows: ReactNode) => (
    <TitledTable title={title} testId={testId} columns={head.map((label) => ({ label }))}>
      <tbody>{rows}</tbody>
    </TitledTable>
  );
  const paths = data.careerPaths;
  return (
    <Section title={t('rollUps')} id="hr-placement-roll-ups" testId="placement-roll-ups">
      <OrEmpty empty={data.transferWishes.length === 0} text={t('nobody')}>
        {table(
          t('wishedTitle'),
          'placement-wished',
          [t('department'), t('count'), t('who')],
          data.transferWishes.map((row) => (
            <tr key={row.department}>
              <RowHead>{row.department}</RowHead>
              <NumCell>{row.count}</NumCell>
              <td className={styles.td}>
                {row.people.map((person) => `${person.displayName}（${person.rank}）`).join('、')}
              </td>
            </tr>
          )),
        )}
      </OrEmpty>
      {table(
        t('pathsTitle'),
        'placement-paths',
        [t('path'), t('count')],
        <>
          {(['specialist', 'rotation', 'undecided'] as const).map((path) => (
            <tr key={path}>
              <RowHead>{t(`pathOption.${path}`)}</RowHead>
              <NumCell>{paths[path]}</NumCell>
            </tr>
          ))}
          <tr>
            <RowHead>{t('notWritten')}</RowHead>
            <NumCell>{paths.notWritten}</NumCell>
          </tr>
        </>,
      )}
      {table(
        t('periodTitle', { years: data.evaluationPeriod.years }),
        'placement-period',
        [t('name'), t('department'), t('hireDate'), t('endsOn'), t('path')],
        data.evaluationPeriod.people.map((person) => (
          <tr key={person.id}>
            <RowHead>{person.displayName}</RowHead>
            <td className={styles.td}>{person.department ?? ''}</td>
            <td className={styles.td}>{person.hireDate ?? ''}</td>
            <td className={styles.td}>{person.endsOn}</td>
            <td className={styles.td}>{t(`pathOption.${person.path}`)}</td>
          </tr>
        )),
      )}
      {table(
        t('rotationTitle'),
        'placement-rotation',
        [t('divisions'), t('people')],
        data.rotation.histogram.map((bar) => (
          <tr key={bar.divisions}>
            <RowHead>{bar.divisions}</RowHead>
            <NumCell>{bar.people}</NumCell>
          </tr>
        )),
      )}
    </Section>
  );
}
