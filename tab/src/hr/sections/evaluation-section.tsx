import { Button, Checkbox } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/client.ts';
import type { EvaluatorOverrideRow } from '../../../../src/evaluation/evaluation.contract.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { registerBundle } from '../../i18n/i18n.ts';
import { OrEmpty, Section, useLayoutStyles } from '../../shell/layout.tsx';
import { SaveErrorBar } from '../../shell/save-error-bar.tsx';
import {
  CsvButton,
  FiscalYearSelect,
  RowHead,
  ScrollingTable,
  currentFiscalYear,
  useAnalyticsStyles,
} from '../dashboards/analytics-ui.tsx';
import { LabelledPersonPicker } from '../labelled-person-picker.tsx';
import { WriteFailure } from '../row-frame.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';

registerBundle('hr-evaluation', {
  ja: {
    exportTitle: '人事評価の書き出し',
    exportIntro:
      '{{year}}年度の確定した評価を、人事給与システムに取り込めるCSVで書き出します（1行に1項目。列の対応は docs/evaluation.md）。書き出しは監査ログに記録されます。',
    table: '{{year}}年度の人事評価',
    utf8: 'CSV（UTF-8・BOM付き）',
    shiftJis: 'CSV（Shift_JIS）',
    overridesTitle: '評価者の指定',
    overridesIntro:
      '報告系統の上司が評価者に向かない職員について、1次・2次評価者を指定します。指定しない段階は報告系統のままです。',
    person: '職員',
    first: '1次評価者',
    second: '2次評価者',
    lines: '（報告系統どおり）',
    none: '指定はありません。',
    remove: '指定を解除',
    pickPerson: '評価される職員',
    pickFirst: '1次評価者（任意）',
    pickSecond: '2次評価者（任意）',
    save: '指定する',
    saveFailed: '評価者を指定できませんでした。',
    stale:
      'ほかの担当者が先にこの職員の評価者を変更しました。選んだ内容は残っています。最新を読み込んでから、もう一度指定してください。',
    reload: '最新を読み込む',
    trainingsTitle: '評価者研修',
    trainingsIntro:
      '{{year}}年度の評価者研修を修了した評価者を記録します。未修了の評価者には評価画面で注意が表示されます（評価はできます）。',
    completed: '修了',
    recordedAt: '記録日',
    noTrainings: '記録はありません。',
    pickEvaluator: '評価者',
    record: '記録する',
    recordFailed: '評価者研修を記録できませんでした。',
    yes: '修了',
    no: '未修了',
  },
  en: {
    exportTitle: 'Export the evaluations',
    exportIntro:
      'The confirmed evaluations of FY{{year}} as a CSV the HR and payroll system can import (one item a row; the column mapping is in docs/evaluation.md). Exports are recorded in the audit log.',
    table: 'Evaluations of FY{{year}}',
    utf8: 'CSV (UTF-8 with BOM)',
    shiftJis: 'CSV (Shift_JIS)',
    overridesTitle: 'Evaluators named by HR',
    overridesIntro:
      'Name the first or second evaluator of a person whose line manager is not the right one. A stage not named follows the reporting lines.',
    person: 'Person',
    first: 'First evaluator',
    second: 'Second evaluator',
    lines: '(reporting lines)',
    none: 'No evaluator is named.',
    remove: 'Remove',
    pickPerson: 'Person evaluated',
    pickFirst: 'First evaluator (optional)',
    pickSecond: 'Second evaluator (optional)',
    save: 'Name evaluators',
    saveFailed: 'The evaluators could not be named.',
    stale:
      'Someone else changed this person’s evaluators first. What you picked is still here: load the latest, then try again.',
    reload: 'Load the latest',
    trainingsTitle: 'Evaluator training',
    trainingsIntro:
      'Record who completed the evaluator training of FY{{year}}. An evaluator without it gets a warning on the form (they can still evaluate).',
    completed: 'Completed',
    recordedAt: 'Recorded',
    noTrainings: 'Nothing recorded.',
    pickEvaluator: 'Evaluator',
    record: 'Record',
    recordFailed: 'The evaluator training could not be recorded.',
    yes: 'Completed',
    no: 'Not completed',
  },
});

/** HR's 人事評価 tools for a fiscal year: the CSV for the 人事給与 system, evaluator overrides, 評価者研修. */
export default function EvaluationSection({ api }: HrSectionProps) {
  const { t } = useTranslation('hr-evaluation');
  const layout = useLayoutStyles();
  const [year, setYear] = useState(currentFiscalYear);
  const csv = (encoding: 'utf-8' | 'shift_jis', label: string, suffix: string) => (
    <CsvButton
      api={api}
      path={`/api/hr/evaluations.csv?fiscalYear=${year}&encoding=${encoding}`}
      fileName={`evaluations-${year}-${suffix}.csv`}
      table={t('table', { year })}
      label={label}
      testId={`csv-evaluations-${suffix}`}
    />
  );
  return (
    <SectionFrame section="evaluation">
      <FiscalYearSelect value={year} onChange={setYear} />
      <Section title={t('exportTitle')} id="hr-evaluation-export" testId="hr-evaluation-export">
        <p className={layout.muted}>{t('exportIntro', { year })}</p>
        <div className={layout.row}>
          {csv('utf-8', t('utf8'), 'utf8')}
          {csv('shift_jis', t('shiftJis'), 'sjis')}
        </div>
      </Section>
      <Overrides key={`overrides-${year}`} api={api} year={year} />
      <Trainings key={`trainings-${year}`} api={api} year={year} />
    </SectionFrame>
  );
}

type Api = HrSectionProps['api'];

/** The year's evaluator overrides: listed, added (a person and either stage), removed. */
function Overrides({ api, year }: { api: Api; year: number }) {
  const { t } = useTranslation('hr-evaluation');
  const layout = useLayoutStyles();
  const styles = useAnalyticsStyles();
  const queryClient = useQueryClient();
  const key = queryKeys.hrEvaluation('evaluators', year);
  const list = useQuery(
    routeQuery(api, key, 'GET /api/hr/evaluations/:fiscalYear/evaluators', {
      params: { fiscalYear: String(year) },
    }),
  );
  const [form, setForm] = useState({ personId: '', first: '', second: '' });
  const [pickers, setPickers] = useState(0);
  const save = useMutation({
    mutationFn: (input: { personId: string; first: string | null; second: string | null }) =>
      api.call('PUT /api/hr/evaluations/:fiscalYear/evaluators/:personId', {
        params: { fiscalYear: String(year), personId: input.personId },
        body: {
          // The row's version, 0 before HR first named anyone for the person this year.
          version: list.data?.find((row) => row.personId === input.personId)?.version ?? 0,
          firstEvaluatorId: input.first,
          secondEvaluatorId: input.second,
        },
      }),
    onSuccess: () => {
      setForm({ personId: '', first: '', second: '' });
      setPickers((n) => n + 1);
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const named = (list.data ?? []).filter(
    (row) => row.firstEvaluator?.overridden || row.secondEvaluator?.overridden,
  );
  const evaluator = (value: EvaluatorOverrideRow['firstEvaluator']) =>
    value?.overridden ? (value.displayName ?? value.id) : t('lines');
  return (
    <Section title={t('overridesTitle')} id="hr-evaluation-overrides" testId="hr-evaluation-overrides">
      <p className={layout.muted}>{t('overridesIntro')}</p>
      <QueryState query={list}>
        {() => (
          <OrEmpty empty={named.length === 0} text={t('none')}>
            <ScrollingTable
              labelledBy="hr-evaluation-overrides"
              testId="hr-evaluation-override-list"
              columns={[{ label: t('person') }, { label: t('first') }, { label: t('second') }, { label: '' }]}
            >
              <tbody>
                {named.map((row) => (
                  <tr key={row.personId} data-testid={`hr-evaluation-override-${row.personId}`}>
                    <RowHead>{row.person.displayName ?? row.personId}</RowHead>
                    <td className={styles.td}>{evaluator(row.firstEvaluator)}</td>
                    <td className={styles.td}>{evaluator(row.secondEvaluator)}</td>
                    <td className={styles.td}>
                      <Button
                        size="small"
                        disabled={save.isPending}
                        aria-label={`${t('remove')}: ${row.person.displayName ?? row.personId}`}
                        onClick={() => save.mutate({ personId: row.personId, first: null, second: null })}
                        data-testid={`hr-evaluation-override-remove-${row.personId}`}
                      >
                        {t('remove')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
          </OrEmpty>
        )}
      </QueryState>
      <div className={layout.stack} key={pickers}>
        <LabelledPersonPicker
          label={t('pickPerson')}
          api={api}
          onChange={(personId) => setForm((current) => ({ ...current, personId }))}
          testId="hr-evaluation-override-person"
        />
        <LabelledPersonPicker
          label={t('pickFirst')}
          api={api}
          onChange={(first) => setForm((current) => ({ ...current, first }))}
          testId="hr-evaluation-override-first"
        />
        <LabelledPersonPicker
          label={t('pickSecond')}
          api={api}
          onChange={(second) => setForm((current) => ({ ...current, second }))}
          testId="hr-evaluation-override-second"
        />
        <div>
          <Button
            appearance="primary"
            disabled={!form.personId || (!form.first && !form.second) || save.isPending}
            onClick={() =>
              save.mutate({ personId: form.personId, first: form.first || null, second: form.second || null })
            }
            data-testid="hr-evaluation-override-save"
          >
            {t('save')}
          </Button>
        </div>
      </div>
      {/* A version conflict keeps the pickers and offers the latest list, whose version the next save sends. */}
      {save.isError && isVersionConflict(save.error) ? (
        <WriteFailure
          error={save.error}
          stale={t('stale')}
          reload={t('reload')}
          onReload={() => {
            save.reset();
            void queryClient.invalidateQueries({ queryKey: key });
          }}
          staleTestId="hr-evaluation-override-stale"
          staleIntent="error"
        />
      ) : save.isError ? (
        <SaveErrorBar title={t('saveFailed')} error={save.error} testId="hr-evaluation-override-error" />
      ) : null}
    </Section>
  );
}

/** The year's 評価者研修 records: listed, and recorded (completed or not) for an evaluator. */
function Trainings({ api, year }: { api: Api; year: number }) {
  const { t, i18n } = useTranslation('hr-evaluation');
  const layout = useLayoutStyles();
  const styles = useAnalyticsStyles();
  const queryClient = useQueryClient();
  const key = queryKeys.hrEvaluation('trainings', year);
  const list = useQuery(
    routeQuery(api, key, 'GET /api/hr/evaluations/:fiscalYear/trainings', {
      params: { fiscalYear: String(year) },
    }),
  );
  const [personId, setPersonId] = useState('');
  const [completed, setCompleted] = useState(true);
  const [picker, setPicker] = useState(0);
  const record = useMutation({
    mutationFn: (input: { personId: string; completed: boolean }) =>
      api.call('PUT /api/hr/evaluations/:fiscalYear/trainings/:personId', {
        params: { fiscalYear: String(year), personId: input.personId },
        body: { completed: input.completed },
      }),
    onSuccess: () => {
      setPersonId('');
      setPicker((n) => n + 1);
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'Asia/Tokyo' });
  return (
    <Section title={t('trainingsTitle')} id="hr-evaluation-trainings" testId="hr-evaluation-trainings">
      <p className={layout.muted}>{t('trainingsIntro', { year })}</p>
      <QueryState query={list} empty={<p className={layout.muted}>{t('noTrainings')}</p>}>
        {(rows) => (
          <ScrollingTable
            labelledBy="hr-evaluation-trainings"
            testId="hr-evaluation-training-list"
            columns={[{ label: t('pickEvaluator') }, { label: t('completed') }, { label: t('recordedAt') }]}
          >
            <tbody>
              {rows.map((row) => (
                <tr key={row.personId} data-testid={`hr-evaluation-training-${row.personId}`}>
                  <RowHead>{row.person.displayName ?? row.personId}</RowHead>
                  <td className={styles.td}>{row.completed ? t('yes') : t('no')}</td>
                  <td className={styles.td}>{day.format(new Date(row.recordedAt))}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        )}
      </QueryState>
      <div className={layout.stack} key={picker}>
        <LabelledPersonPicker
          label={t('pickEvaluator')}
          api={api}
          onChange={setPersonId}
          testId="hr-evaluation-training-person"
        />
        <Checkbox
          checked={completed}
          onChange={(_, data) => setCompleted(data.checked === true)}
          label={t('completed')}
          data-testid="hr-evaluation-training-completed"
        />
        <div>
          <Button
            appearance="primary"
            disabled={!personId || record.isPending}
            onClick={() => record.mutate({ personId, completed })}
            data-testid="hr-evaluation-training-record"
          >
            {t('record')}
          </Button>
        </div>
      </div>
      {record.isError ? (
        <SaveErrorBar title={t('recordFailed')} error={record.error} testId="hr-evaluation-training-error" />
      ) : null}
    </Section>
  );
}
