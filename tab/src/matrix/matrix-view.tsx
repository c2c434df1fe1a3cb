import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import { useLocalized } from '../shell/localized.ts';
import { visuallyHidden } from '../shell/visually-hidden.ts';
import { MarkLegend } from './mark-legend.tsx';

const useStyles = makeStyles({
  page: { maxWidth: '1100px', margin: '0 auto', padding: '16px' },
  scroll: {
    overflowX: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  table: { borderCollapse: 'collapse', width: '100%', minWidth: '640px' },
  cell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '6px 8px', textAlign: 'center' },
  rowHeader: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '6px 8px',
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
  },
  mine: {
    backgroundColor: tokens.colorBrandBackground2,
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    fontWeight: tokens.fontWeightBold,
  },
  caption: { textAlign: 'left', padding: '8px', captionSide: 'top' },
  legend: { marginTop: '16px' },
  visuallyHidden,
  h1: { fontSize: tokens.fontSizeBase600 },
});

export default function MatrixView({
  framework,
  levelId,
  onBack,
}: {
  framework: Framework;
  levelId: string | null;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const local = useLocalized();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className={styles.page} data-testid="matrix">
      <Button onClick={onBack} data-testid="back-home">
        {t('matrix.back')}
      </Button>
      <h1 className={styles.h1} ref={heading} tabIndex={-1}>
        {t('matrix.title')}
      </h1>
      <div className={styles.scroll} role="region" aria-labelledby="matrix-caption" tabIndex={0}>
        <table className={styles.table}>
          <caption className={styles.caption} id="matrix-caption">
            {t('matrix.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" className={styles.rowHeader}>
                {t('matrix.level')}
              </th>
              {framework.competencies.map((competency) => (
                <th key={competency.id} scope="col" className={styles.cell}>
                  {local(competency.name)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {framework.levels.map((level) => {
              const mine = level.id === levelId;
              return (
                <tr
                  key={level.id}
                  className={mine ? styles.mine : undefined}
                  aria-current={mine ? 'true' : undefined}
                  data-testid={`matrix-level-${level.id}`}
                >
                  <th scope="row" className={styles.rowHeader}>
                    {local(level.name)}
                    {mine ? ` ★ (${t('matrix.mine')})` : ''}
                  </th>
                  {framework.competencies.map((competency) => {
                    const mark = framework.expectations[level.id]?.[competency.id] ?? 'none';
                    const info = framework.marks[mark];
                    return (
                      <td
                        key={competency.id}
                        className={styles.cell}
                        data-testid={`cell-${level.id}-${competency.id}`}
                        data-mark={mark}
                      >
                        <span aria-hidden="true">{info.symbol}</span>
                        <span className={styles.visuallyHidden}>{local(info.label)}</span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <MarkLegend framework={framework} className={styles.legend} />
    </main>
  );
}
