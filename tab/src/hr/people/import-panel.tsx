import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProblemDetail, ImportSummary } from '../../../../src/people/people-admin.contract.ts';
import { ApiError, type ApiClient } from '../../api/client.ts';
import { useErrorText } from '../../shell/error-text.ts';
import { Section, useLayoutStyles } from '../../shell/layout.tsx';
import { ScrollTable, useTableStyles } from './people-tables.tsx';

const MAX_BYTES = 1024 * 1024;

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
export function ImportPanel({ api, onImported }: { api: ApiClient; onImported: () => void }) {
  const { t } = useTranslation('hr-people');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const tables = useTableStyles();
  const errorText = useErrorText();
  const inputId = useId();
  const [file, setFile] = useState<File | undefined>();
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  const send = async (dryRun: boolean) => {
    if (!file) {
      setOutcome({ kind: 'local', message: t('import.noFile') });
      return;
    }
    if (file.size > MAX_BYTES) {
      setOutcome({ kind: 'local', message: t('import.tooLarge') });
      return;
    }
    setWorking(true);
    setOutcome(undefined);
    try {
      const summary = await api.request<ImportSummary>('POST', '/api/hr/people/imports', {
        fileName: file.name.slice(0, 255),
        contentBase64: await toBase64(file),
        dryRun,
      });
      setOutcome({ kind: 'done', summary });
      if (!dryRun) onImported();
    } catch (error) {
      const problems = error instanceof ApiError ? (error.details as unknown[]).filter(isProblem) : [];
      if (error instanceof ApiError && error.code === 'unprocessable' && problems.length > 0)
        setOutcome({ kind: 'refused', problems });
      else if (error instanceof ApiError && error.code === 'payload_too_large')
        setOutcome({ kind: 'local', message: t('import.tooLarge') });
      else setOutcome({ kind: 'failed', error });
    } finally {
      setWorking(false);
    }
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
              setOutcome(undefined);
            }}
          />
        </div>
        <div className={layout.row}>
          <Button onClick={() => void send(true)} disabled={working} data-testid="hr-people-check">
            {t('import.check')}
          </Button>
          <Button
            appearance="primary"
            onClick={() => void send(false)}
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
