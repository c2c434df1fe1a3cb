import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_IMPORT_BYTES,
  type ImportChange,
  type ImportProblemDetail,
  type ImportSummary,
} from '../../../../src/people/people-admin.contract.ts';
import type { Framework } from '../../../../src/framework/framework.contract.ts';
import { useLocalized } from '../../shell/localized.ts';
import { ApiError, type ApiClient } from '../../api/client.ts';
import { queryKeys } from '../../data/queries.ts';
import { ErrorBar } from '../../shell/error-panel.tsx';
import { useLayoutStyles } from '../../shell/layout.tsx';
import { PeoplePanel } from './people-panel.tsx';
import { ScrollTable, useDay, useTableStyles } from './people-tables.tsx';

/** The refused lines table's columns: keys of their headers under `import.`. */
const PROBLEM_COLUMNS = ['line', 'column', 'value', 'reason'] as const;

const useStyles = makeStyles({
  file: {
    maxWidth: '100%',
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
  },
  label: { fontWeight: tokens.fontWeightSemibold },
  changes: { margin: '4px 0 0', paddingInlineStart: '1.2em', display: 'grid', gap: '4px' },
  when: { color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap' },
});

/** Who an import changes and how, one line each: 「吉田 花子（K10005） 主事級 → 主任級（2027/4/1・予定）」. */
function ChangeList({ summary, framework }: { summary: ImportSummary; framework: Framework }) {
  const { t } = useTranslation('hr-people');
  const styles = useStyles();
  const localized = useLocalized();
  const day = useDay();
  const levelName = (levelId: string | null) => {
    const level = framework.levels.find((candidate) => candidate.id === levelId);
    return level ? localized(level.name) : t('history.noLevel');
  };
  const place = (where: { department: string | null; division: string | null }) =>
    [where.division, where.department].filter(Boolean).join(' ') || t('import.changes.nowhere');
  const parts = (change: ImportChange) =>
    [
      change.joining ? t('import.changes.joining') : '',
      change.level
        ? t('history.levelChange', { from: levelName(change.level.from), to: levelName(change.level.to) })
        : '',
      change.department
        ? t('history.moved', { from: place(change.department.from), to: place(change.department.to) })
        : '',
      change.employmentType
        ? t('import.changes.type', {
            from: t(`employment.${change.employmentType.from}`),
            to: t(`employment.${change.employmentType.to}`),
          })
        : '',
      change.supervisor
        ? t('import.changes.supervisor', {
            from: change.supervisor.fromName ?? t('import.changes.nobody'),
            to: change.supervisor.toName ?? t('import.changes.nobody'),
          })
        : '',
    ].filter(Boolean);
  if (summary.changesTotal === 0)
    return <p data-testid="hr-people-changes-none">{t('import.changes.none')}</p>;
  return (
    <div>
      <strong>{t(summary.dryRun ? 'import.changes.titleCheck' : 'import.changes.title')}</strong>
      <ul className={styles.changes} data-testid="hr-people-changes">
        {summary.changes.map((change) => (
          <li key={`${change.personId}-${change.effectiveFrom}`} data-testid="hr-people-change">
            <span>
              {change.displayName}
              {change.employeeId ? `（${change.employeeId}）` : ''} {parts(change).join('・')}
            </span>{' '}
            <span className={styles.when}>
              {t(change.scheduled ? 'import.changes.scheduled' : 'import.changes.inForce', {
                date: day(change.effectiveFrom),
              })}
            </span>
            {change.firstRecord ? <span> {t('import.changes.firstRecord')}</span> : null}
          </li>
        ))}
      </ul>
      {summary.changesTotal > summary.changes.length ? (
        <p>{t('import.changes.more', { count: summary.changesTotal - summary.changes.length })}</p>
      ) : null}
    </div>
  );
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: spreading a whole megabyte into one call would overflow the argument list.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

const isProblem = (detail: unknown): detail is ImportProblemDetail =>
  typeof detail === 'object' &&
  detail !== null &&
  typeof (detail as { code?: unknown }).code === 'string' &&
  typeof (detail as { line?: unknown }).line === 'number';

type Outcome =
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'refused'; problems: ImportProblemDetail[] }
  | { kind: 'failed'; error: unknown }
  | { kind: 'local'; message: string };

/** What a failed import tells HR: the file's problems line by line, or the error. */
function failureOf(error: unknown, tooLarge: string): Outcome {
  const problems = error instanceof ApiError ? (error.details as unknown[]).filter(isProblem) : [];
  if (error instanceof ApiError && error.code === 'unprocessable' && problems.length > 0)
    return { kind: 'refused', problems };
  if (error instanceof ApiError && error.code === 'payload_too_large')
    return { kind: 'local', message: tooLarge };
  return { kind: 'failed', error };
}

const SUMMARY_KEYS = [
  'rows',
  'added',
  'updated',
  'unchanged',
  'effectiveNow',
  'scheduled',
  'peopleChanged',
  'supervisorsChanged',
  'interviewsReassigned',
] as const;
const APPLIED_ONLY: ReadonlyArray<(typeof SUMMARY_KEYS)[number]> = [
  'peopleChanged',
  'supervisorsChanged',
  'interviewsReassigned',
];

/** HR's CSV of levels, employment types, hire dates and departments: checked whole, applied whole. */
export function ImportPanel({ api, framework }: { api: ApiClient; framework: Framework }) {
  const { t } = useTranslation('hr-people');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const tables = useTableStyles();
  const inputId = useId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | undefined>();
  // What is wrong before anything is sent (no file, too large); the server's answer is the mutation's.
  const [local, setLocal] = useState<string | undefined>();
  const upload = useMutation({
    mutationFn: async ({ chosen, dryRun }: { chosen: File; dryRun: boolean }) =>
      api.call('POST /api/hr/people/imports', {
        body: { fileName: chosen.name.slice(0, 255), contentBase64: await toBase64(chosen), dryRun },
      }),
    onSuccess: (summary) => {
      if (summary.dryRun) return;
      // An applied file changes levels and 課: the histories and the disagreements are asked for again.
      void queryClient.invalidateQueries({ queryKey: queryKeys.levelHistories });
      void queryClient.invalidateQueries({ queryKey: queryKeys.disagreements });
      void queryClient.invalidateQueries({ queryKey: queryKeys.staffList({}).slice(0, 2) });
    },
  });
  const working = upload.isPending;
  const outcome: Outcome | undefined = local
    ? { kind: 'local', message: local }
    : upload.isSuccess
      ? { kind: 'done', summary: upload.data }
      : upload.isError
        ? failureOf(upload.error, t('import.tooLarge'))
        : undefined;

  const send = (dryRun: boolean) => {
    upload.reset();
    if (!file) {
      setLocal(t('import.noFile'));
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setLocal(t('import.tooLarge'));
      return;
    }
    setLocal(undefined);
    upload.mutate({ chosen: file, dryRun });
  };

  return (
    <PeoplePanel part="import">
      <p style={{ margin: 0 }}>{t('import.intro')}</p>
      <p className={layout.muted} style={{ margin: 0 }}>
        {t('import.columns')}
      </p>
      <div className={layout.stack} style={{ gap: 4 }}>
        <label htmlFor={inputId} className={styles.label}>
          {t('import.file')}
        </label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          className={styles.file}
          data-testid="hr-people-file"
          onChange={(event) => {
            setFile(event.target.files?.[0]);
            setLocal(undefined);
            upload.reset();
          }}
        />
      </div>
      <div className={layout.row}>
        <Button onClick={() => send(true)} disabled={working} data-testid="hr-people-check">
          {t('import.check')}
        </Button>
        <Button
          appearance="primary"
          onClick={() => send(false)}
          disabled={working}
          data-testid="hr-people-apply"
        >
          {working ? t('import.working') : t('import.apply')}
        </Button>
      </div>

      {outcome?.kind === 'local' ? (
        <MessageBar intent="warning" role="alert" data-testid="hr-people-import-local">
          <MessageBarBody>{outcome.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ErrorBar
        error={outcome?.kind === 'failed' ? outcome.error : undefined}
        testId="hr-people-import-failed"
      />
      {outcome?.kind === 'refused' ? (
        <div className={layout.stack} data-testid="hr-people-import-refused">
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{t('import.refused', { count: outcome.problems.length })}</MessageBarBody>
          </MessageBar>
          <ScrollTable
            caption={t('import.refused', { count: outcome.problems.length })}
            columns={PROBLEM_COLUMNS.map((key) => t(`import.${key}`))}
            testId="hr-people-problems"
          >
            <tbody>
              {outcome.problems.map((problem, index) => (
                <tr key={`${problem.line}-${problem.column ?? ''}-${index}`} data-testid="hr-people-problem">
                  <td className={tables.nowrap}>{problem.line}</td>
                  <td>{problem.column ?? t('import.wholeRow')}</td>
                  <td>{problem.value ?? ''}</td>
                  <td>{t(`problems.${problem.code}`, { defaultValue: problem.message })}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </div>
      ) : null}
      {outcome?.kind === 'done' ? (
        <MessageBar intent="success" data-testid="hr-people-import-done">
          <MessageBarBody>
            <MessageBarTitle>
              {outcome.summary.dryRun
                ? t('import.checked')
                : t('import.applied', {
                    fileName: outcome.summary.fileName ?? '',
                    encoding: t(`encoding.${outcome.summary.encoding}`),
                  })}
            </MessageBarTitle>
            <dl className={tables.summary} data-testid="hr-people-import-summary">
              {SUMMARY_KEYS.filter(
                // A check changes nobody yet: who would change is listed below instead of zeros.
                (key) => !outcome.summary.dryRun || !APPLIED_ONLY.includes(key),
              ).map((key) => (
                <div key={key} style={{ display: 'contents' }}>
                  <dt>{t(`import.summary.${key}`)}</dt>
                  <dd data-testid={`hr-people-summary-${key}`}>{outcome.summary[key]}</dd>
                </div>
              ))}
            </dl>
            <ChangeList summary={outcome.summary} framework={framework} />
            {outcome.summary.departmentsWithoutHead.length > 0 ? (
              <p>{t('import.noHead', { departments: outcome.summary.departmentsWithoutHead.join('、') })}</p>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </PeoplePanel>
  );
}
