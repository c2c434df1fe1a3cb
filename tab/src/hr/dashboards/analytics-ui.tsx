// Pieces the HR dashboards and the report roll-up share: the fiscal-year picker, a CSV download button,
// horizontal bars drawn with CSS, and a scrolling table frame. No chart library: the console's sections
// load lazily and a chart package would outweigh everything else in them (see REFERENCE.md).
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { UNKNOWN_LEVEL } from '../../../../src/analytics/analytics.contract.ts';
import type { Framework } from '../../../../src/framework/framework.contract.ts';
import type { ApiClient } from '../../api/client.ts';
import { registerBundle } from '../../i18n/i18n.ts';
import { useErrorText } from '../../shell/error-text.ts';
import { useLocalized } from '../../shell/localized.ts';
import { FIRST_FISCAL_YEAR, halfPeriodAt } from '../../../../src/shared/fiscal-period.ts';
import { Options } from '../../shell/options.tsx';

// The words every analytics section says the same: the year picker and the CSV button.
registerBundle('hr-analytics', {
  ja: {
    fiscalYear: '年度',
    fiscalYearOption: '{{year}}年度',
    csv: 'CSV',
    csvFailed: 'CSV をダウンロードできませんでした。',
  },
  en: {
    fiscalYear: 'Fiscal year',
    fiscalYearOption: 'FY{{year}}',
    csv: 'CSV',
    csvFailed: 'The CSV could not be downloaded.',
  },
});

export const useAnalyticsStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: '8px 16px', alignItems: 'flex-end' },
  tableWrap: { overflowX: 'auto', maxWidth: '100%', marginTop: '8px' },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase300 },
  th: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    padding: '6px 8px',
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    verticalAlign: 'bottom',
  },
  // Names of 課 and levels stay readable; the table scrolls sideways instead of squeezing them.
  rowHead: { minWidth: '7.5em', fontWeight: tokens.fontWeightRegular, textAlign: 'left' },
  td: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: '6px 8px', verticalAlign: 'top' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  tableHead: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: '8px',
    marginTop: '16px',
  },
  h3: { fontSize: tokens.fontSizeBase400, margin: 0 },
  bars: { listStyle: 'none', padding: 0, margin: '8px 0 0', display: 'grid', gap: '6px' },
  bar: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 11em) minmax(0, 1fr) auto',
    gap: '2px 8px',
    alignItems: 'center',
    // On a phone the label takes its own line, so the bar keeps a readable length.
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr) auto' },
  },
  barLabel: { overflowWrap: 'anywhere', '@media (max-width: 480px)': { gridColumn: '1 / -1' } },
  track: {
    height: '12px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
    overflow: 'hidden',
    '@media (forced-colors: active)': { border: '1px solid CanvasText' },
  },
  fill: {
    height: '100%',
    backgroundColor: tokens.colorBrandBackground,
    '@media (forced-colors: active)': { backgroundColor: 'Highlight', forcedColorAdjust: 'none' },
  },
  barValue: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground2,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

export { FIRST_FISCAL_YEAR };

/** The fiscal year (April–March, Japan time) today falls in. */
export function currentFiscalYear(now = new Date()): number {
  return halfPeriodAt(now).fiscalYear;
}

export function FiscalYearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('hr-analytics');
  const years: number[] = [];
  for (let year = currentFiscalYear(); year >= FIRST_FISCAL_YEAR; year -= 1) years.push(year);
  return (
    <Field label={t('fiscalYear')}>
      <Select value={String(value)} onChange={(_, data) => onChange(Number(data.value))}>
        <Options values={years} labelOf={(year) => t('fiscalYearOption', { year })} />
      </Select>
    </Field>
  );
}

/**
 * Downloads a CSV export: fetched with the SSO token through the API client (a plain link would carry
 * no token), then handed to the browser as a file.
 */
export function CsvButton({
  api,
  path,
  fileName,
  table,
  testId,
  label: shown,
}: {
  api: ApiClient;
  path: string;
  fileName: string;
  /** Which table, for screen readers: the accessible name is "CSV: <table>". */
  table: string;
  testId?: string;
  /** The button's text where "CSV" alone would not tell two buttons apart (e.g. two encodings). */
  label?: string;
}) {
  const { t } = useTranslation('hr-analytics');
  const label = shown ?? t('csv');
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const blob = await api.file(path);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      // Give the browser a moment to start the download before the URL goes away.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 4 }}>
      <Button
        size="small"
        disabled={busy}
        onClick={() => void download()}
        aria-label={`${label}: ${table}`}
        data-testid={testId}
      >
        {label}
      </Button>
      {error !== undefined && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {t('csvFailed')} {errorText(error)}
          </MessageBarBody>
        </MessageBar>
      )}
    </span>
  );
}

/**
 * The frame a wide table scrolls in on a narrow screen. Focusable and named by the table's heading, so
 * keyboard users can scroll it too.
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  const styles = useAnalyticsStyles();
  return (
    <div className={styles.tableWrap} role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * A table named by the heading `labelledBy` (a <TableHead> above it), scrolling in its frame on a narrow
 * screen: one header row of `columns`; `children` are its body.
 */
export function ScrollingTable({
  labelledBy,
  className,
  testId,
  columns,
  children,
}: {
  labelledBy: string;
  /** Added to the table's own class (a minimum width, the layout). */
  className?: string;
  testId: string;
  columns: Column[];
  children: ReactNode;
}) {
  const styles = useAnalyticsStyles();
  return (
    <TableScroll labelledBy={labelledBy}>
      <table
        className={className ? `${styles.table} ${className}` : styles.table}
        aria-labelledby={labelledBy}
        data-testid={testId}
      >
        <HeadRow columns={columns} />
        {children}
      </table>
    </TableScroll>
  );
}

/** A column header of an analytics table; `num` right-aligns it over a column of figures. */
export function ColHead({
  num = false,
  className,
  rowSpan,
  children,
}: {
  num?: boolean;
  className?: string;
  rowSpan?: number;
  children: ReactNode;
}) {
  const styles = useAnalyticsStyles();
  const base = num ? `${styles.th} ${styles.num}` : styles.th;
  return (
    <th className={className ? `${base} ${className}` : base} scope="col" rowSpan={rowSpan}>
      {children}
    </th>
  );
}

/** A column of a table: its header; `num` for a column of figures, `className` where it needs its own. */
export interface Column {
  label: string;
  num?: boolean;
  className?: string;
}

/** A table's header: one row of `columns`. */
function HeadRow({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => (
          <ColHead key={index} num={column.num} className={column.className}>
            {column.label}
          </ColHead>
        ))}
      </tr>
    </thead>
  );
}

/** A cell holding a figure, right-aligned so the digits line up. */
export function NumCell({ children }: { children: ReactNode }) {
  const styles = useAnalyticsStyles();
  return <td className={`${styles.td} ${styles.num}`}>{children}</td>;
}

/** A row's header cell: what the figures of the row are about. */
export function RowHead({ children }: { children: ReactNode }) {
  const styles = useAnalyticsStyles();
  return (
    <th className={`${styles.td} ${styles.rowHead}`} scope="row">
      {children}
    </th>
  );
}

/** A table's last row: `label` heads it across the first two columns, then its own cells. */
export function TotalRow({ label, children }: { label: string; children: ReactNode }) {
  const styles = useAnalyticsStyles();
  return (
    <tr>
      <th className={styles.td} scope="row" colSpan={2}>
        {label}
      </th>
      {children}
    </tr>
  );
}

/** A table's heading with its CSV button beside it. */
export function TableHead({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useAnalyticsStyles();
  return (
    <div className={styles.tableHead}>
      <h3 className={styles.h3} id={id}>
        {title}
      </h3>
      {children}
    </div>
  );
}

/**
 * A table under its own heading (`aside` beside the heading, e.g. a note), scrolling in its frame on a
 * narrow screen: one header row of `columns`; `children` are its body.
 */
export function TitledTable({
  title,
  testId,
  columns,
  aside = null,
  children,
}: {
  title: string;
  testId: string;
  columns: Column[];
  aside?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <>
      <TableHead id={id} title={title}>
        {aside}
      </TableHead>
      <ScrollingTable labelledBy={id} testId={testId} columns={columns}>
        {children}
      </ScrollingTable>
    </>
  );
}

export interface CsvDownload {
  api: ApiClient;
  path: string;
  fileName: string;
  testId: string;
}

/** A titled table with its CSV download beside the title, scrolling in its frame on a narrow screen. */
export function CsvTable({
  title,
  csv,
  testId,
  columns,
  children,
}: {
  title: string;
  csv: CsvDownload;
  testId?: string;
  /** The header's one row; a table whose header spans two rows writes its <thead> in `children`. */
  columns?: Column[];
  children: ReactNode;
}) {
  const styles = useAnalyticsStyles();
  const id = useId();
  return (
    <>
      <TableHead id={id} title={title}>
        <CsvButton {...csv} table={title} />
      </TableHead>
      <TableScroll labelledBy={id}>
        <table className={styles.table} aria-labelledby={id} data-testid={testId}>
          {columns ? <HeadRow columns={columns} /> : null}
          {children}
        </table>
      </TableScroll>
    </>
  );
}

/** 'ja' or 'en': the language a CSV export is written in. */
export function useCsvLanguage(): 'ja' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ja';
}

/** Shares as percentages, in the UI language. */
export function usePercent(): Intl.NumberFormat {
  const { i18n } = useTranslation();
  return useMemo(
    () => new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'ja-JP', { style: 'percent' }),
    [i18n.language],
  );
}

/** A level's name from the policy; `unknown` for people whose level is not known. */
export function useLevelName(framework: Framework, unknown: string): (id: string) => string {
  const local = useLocalized();
  return (id) => {
    if (id === UNKNOWN_LEVEL) return unknown;
    const level = framework.levels.find((candidate) => candidate.id === id);
    return level ? local(level.name) : id;
  };
}

export interface Bar {
  key: string;
  label: string;
  /** 0–1 of the track; clamped. */
  share: number;
  /** What the bar says in words, shown beside it (and so read out). */
  valueText: string;
}

/**
 * Horizontal bars in CSS. Every bar carries its figure as text, so the list reads the same to a screen
 * reader as it looks; the bars themselves are decoration (aria-hidden).
 */
export function BarList({ bars, label, testId }: { bars: Bar[]; label: string; testId?: string }) {
  const styles = useAnalyticsStyles();
  return (
    <ul className={styles.bars} aria-label={label} data-testid={testId}>
      {bars.map((bar) => (
        <li key={bar.key} className={styles.bar}>
          <span className={styles.barLabel}>{bar.label}</span>
          <span className={styles.track} aria-hidden="true">
            <span
              className={styles.fill}
              style={{ display: 'block', width: `${Math.round(Math.min(1, Math.max(0, bar.share)) * 100)}%` }}
            />
          </span>
          <span className={styles.barValue}>{bar.valueText}</span>
        </li>
      ))}
    </ul>
  );
}

/** "3 / 4 (75%)"; "—" when nothing is due. */
export function ratioText(part: number, whole: number, percentFormat: Intl.NumberFormat): string {
  if (whole === 0) return '—';
  return `${part} / ${whole} (${percentFormat.format(part / whole)})`;
}
