import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const useTableStyles = makeStyles({
  // The table scrolls inside its box at 360 px; the page itself never scrolls sideways.
  scroller: { overflowX: 'auto', maxWidth: '100%' },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontSize: tokens.fontSizeBase200,
    '& th, & td': {
      textAlign: 'start',
      verticalAlign: 'top',
      padding: '6px 8px',
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    },
    '& th': { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  },
  nowrap: { whiteSpace: 'nowrap' },
  summary: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gap: '4px 16px',
    margin: 0,
    maxWidth: '480px',
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0, textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  },
});

/** A date-time in Japan's time zone, in the UI's language. */
export function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  return (iso) =>
    new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
      timeZone: 'Asia/Tokyo',
      dateStyle: 'medium',
      timeStyle: 'short',
    });
}

/** A day (YYYY-MM-DD) as people write it: 2027/4/1 in Japanese, 1 Apr 2027 in English. */
export function useDay(): (day: string) => string {
  const { i18n } = useTranslation();
  return (day) => {
    const [year, month, date] = day.split('-').map(Number);
    if (!year || !month || !date) return day;
    if (i18n.language !== 'en') return `${year}/${month}/${date}`;
    return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString('en-GB', {
      timeZone: 'UTC',
      dateStyle: 'medium',
    });
  };
}

/**
 * A table that scrolls inside its box. `minWidth` keeps its columns readable on a phone: below it the
 * table scrolls sideways in its frame instead of wrapping every cell one character to a line.
 */
export function ScrollTable({
  caption,
  columns,
  children,
  testId,
  minWidth,
}: {
  caption: string;
  /** The column headers, in order. */
  columns: string[];
  /** The table's body. */
  children: ReactNode;
  testId: string;
  minWidth?: string;
}) {
  const styles = useTableStyles();
  return (
    <div className={styles.scroller} role="region" aria-label={caption} tabIndex={0}>
      <table className={styles.table} data-testid={testId} style={minWidth ? { minWidth } : undefined}>
        <caption
          style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        >
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}
