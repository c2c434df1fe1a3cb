// In a recurring 1:1 series: what the previous occurrence left, its shared notes and the action items
// still open (they carry into this occurrence once that one was held). Never its private notes.
import { makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { InterviewDetail } from '../../../src/interviews/interview.contract.ts';
import { OrEmpty, Section, useLayoutStyles } from '../shell/layout.tsx';
import { formatDay } from '../shell/date-time.ts';
import { jstDayOf } from './schedule.ts';

const useStyles = makeStyles({
  notes: { whiteSpace: 'pre-line', overflowWrap: 'anywhere', margin: 0 },
});

type Previous = NonNullable<InterviewDetail['previousOccurrence']>;

export function PreviousOccurrence({ previous }: { previous: Previous }) {
  const { t, i18n } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  return (
    <Section title={t('series.previousTitle')} id="record-previous" testId="record-previous">
      <p className={layout.muted}>{formatDay(jstDayOf(new Date(previous.start)), i18n.language)}</p>
      {previous.sharedNotes.trim() ? (
        <p className={styles.notes} data-testid="record-previous-notes">
          {previous.sharedNotes}
        </p>
      ) : (
        <p className={layout.muted}>{t('series.previousNoNotes')}</p>
      )}
      <h3 className={layout.h3}>{t('series.previousOpenItems')}</h3>
      <OrEmpty empty={previous.openActionItems.length === 0} text={t('series.previousNoItems')}>
        <ul data-testid="record-previous-items">
          {previous.openActionItems.map((item) => (
            <li key={item.id}>{item.text}</li>
          ))}
        </ul>
      </OrEmpty>
    </Section>
  );
}
