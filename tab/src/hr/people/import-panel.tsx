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
  type ImportProblemDetail,
  type ImportSummary,
} from '../../../../src/people/people-admin.contract.ts';
import { ApiError, type ApiClient } from '../../api/client.ts';
import { queryKeys } from '../../data/queries.ts';
import { useErrorText } from '../../shell/error-text.ts';
import { Section, useLayoutStyles } from '../../shell/layout.tsx';
import { ScrollTable, useTableStyles } from './people-tables.tsx';

const useStyles = makeStyles({
  file: {
    maxWidth: '100%',
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
  },
  label: { fontWeight: tokens.fontWeightSemibold },
});

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

/** HR's CSV of levels, employment types, hire dates and departments: checked whole, applied whole. */
export function ImportPanel({ api }: { api: ApiClient }) {
  const { t } = useTranslation('hr-people');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const tables = useTableStyles();
  const errorText = useErrorText();
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
    <Section title={t('import.title')} id="hr-people-import" testId="hr-people-import">
      <div className={layout.stack}>
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
        {outcome?.kind === 'failed' ? (
          <MessageBar intent="error" role="alert" data-testid="hr-people-import-failed">
            <MessageBarBody>{errorText(outcome.error)}</MessageBarBody>
          </MessageBar>
        ) : null}
        {outcome?.kind === 'refused' ? (
          <div className={layout.stack} data-testid="hr-people-import-refused">
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{t('import.refused', { count: outcome.problems.length })}</MessageBarBody>
            </MessageBar>
            <ScrollTable
              caption={t('import.refused', { count: outcome.problems.length })}
              testId="hr-people-problems"
            >
              <thead>
                <tr>
                  <th scope="col">{t('import.line')}</th>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.value')}</th>
                  <th scope="col">{t('import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.problems.map((problem, index) => (
                  <tr
                    key={`${problem.line}-${problem.column ?? ''}-${index}`}
                    data-testid="hr-people-problem"
                  >
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
                {SUMMARY_KEYS.map((key) => (
                  <div key={key} style={{ display: 'contents' }}>
                    <dt>{t(`import.summary.${key}`)}</dt>
                    <dd data-testid={`hr-people-summary-${key}`}>{outcome.summary[key]}</dd>
                  </div>
                ))}
              </dl>
              {outcome.summary.departmentsWithoutHead.length > 0 ? (
                <p>
                  {t('import.noHead', { departments: outcome.summary.departmentsWithoutHead.join('、') })}
                </p>
              ) : null}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
    </Section>
  );
}
