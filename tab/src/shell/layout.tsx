import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { cardSurface } from './style-fragments.ts';

/** Shared page layout: one column up to 960 px that narrows to the Teams mobile width. */
export const useLayoutStyles = makeStyles({
  page: {
    maxWidth: '960px',
    margin: '0 auto',
    padding: '16px',
    display: 'flex',
    flexDirection: 'column',
    gap: '16px',
    boxSizing: 'border-box',
  },
  card: { ...cardSurface, padding: '16px 20px' },
  h1: {
    fontSize: tokens.fontSizeBase600,
    margin: '8px 0 0',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
    ':focus': { outline: 'none' },
  },
  h2: { fontSize: tokens.fontSizeBase500, margin: '0 0 8px' },
  h3: { fontSize: tokens.fontSizeBase400, margin: '12px 0 4px' },
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  stack: { display: 'flex', flexDirection: 'column', gap: '12px' },
  preLine: { whiteSpace: 'pre-line' },
  /** A long editor's save button and status: they stay in view at the bottom while the page scrolls. */
  saveBar: {
    position: 'sticky',
    bottom: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: '8px 0',
    display: 'flex',
    flexWrap: 'wrap',
    gap: '8px',
    alignItems: 'center',
  },
});

/** A page of the tab: its <main> landmark and <h1>. */
export function Page({
  title,
  testId,
  children,
  actions,
}: {
  title: string;
  testId: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const styles = useLayoutStyles();
  return (
    <main className={styles.page} data-testid={testId}>
      <div className={styles.row} style={{ justifyContent: 'space-between' }}>
        <h1 className={styles.h1} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </main>
  );
}

export function Section({
  title,
  id,
  children,
  testId,
}: {
  title: string;
  id: string;
  children: ReactNode;
  testId?: string;
}) {
  const styles = useLayoutStyles();
  return (
    <section className={styles.card} aria-labelledby={id} data-testid={testId}>
      <h2 className={styles.h2} id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** What a section lists, or a muted line saying there is nothing to list. */
export function OrEmpty({
  empty,
  text,
  testId,
  children,
}: {
  empty: boolean;
  text: string;
  /** The empty line's test id. */
  testId?: string;
  children: ReactNode;
}) {
  const styles = useLayoutStyles();
  return empty ? (
    <p className={styles.muted} data-testid={testId}>
      {text}
    </p>
  ) : (
    <>{children}</>
  );
}
