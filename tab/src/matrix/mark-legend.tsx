import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Framework, Mark, MarkId } from '../../../src/framework/framework.contract.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { useLocalized } from '../shell/localized.ts';
import messages from './messages.ts';

registerBundle('competencyGuide', messages);

const useStyles = makeStyles({
  list: { margin: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  term: { fontWeight: tokens.fontWeightSemibold },
  symbol: { display: 'inline-block', minWidth: '2em' },
  desc: { margin: '0 0 0 2em' },
});

/** Every mark of the matrix, blank included, in this order. */
export const MARK_ORDER: readonly MarkId[] = ['evaluated', 'maintain', 'parttime', 'none'];

/**
 * The meaning of ●/※/○/blank, shown once per page (not under every item). The policy's own explanations;
 * the blank's is derived from policy 6(2) (the framework file says which text is the policy's).
 */
export function MarkLegend({
  framework,
  marks = MARK_ORDER,
  headingLevel = 2,
  className,
}: {
  framework: Framework;
  /** Only the marks the page shows (a self-check has no blank items, but its legend says why). */
  marks?: readonly MarkId[];
  headingLevel?: 2 | 3;
  className?: string;
}) {
  const { t } = useTranslation('competencyGuide');
  const styles = useStyles();
  const local = useLocalized();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={className} aria-labelledby="mark-legend" data-testid="mark-legend">
      <Heading id="mark-legend">{t('legend')}</Heading>
      <dl className={styles.list}>
        {marks.map((id) => {
          const mark = framework.marks[id];
          return (
            <div key={id} data-testid={`legend-${id}`}>
              <dt className={styles.term}>
                <span className={styles.symbol} aria-hidden="true">
                  {mark.symbol || '　'}
                </span>
                {mark.symbol ? '' : `${t('legendBlank')}: `}
                {local(mark.label)}
              </dt>
              <dd className={styles.desc}>{local(mark.explanation)}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** One item's mark beside its name: the symbol for the eye (screen readers skip it), then its label. */
export function MarkLabel({ mark, className }: { mark: Mark; className?: string }) {
  const local = useLocalized();
  return (
    <span className={className}>
      <span aria-hidden="true">{mark.symbol} </span>
      {local(mark.label)}
    </span>
  );
}
