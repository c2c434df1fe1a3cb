import { useTranslation } from 'react-i18next';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { SCALE } from './form.ts';
import { useStyles } from './styles.ts';

/** What each step of the rating scale means. */
export function RatingScale() {
  const { t } = useTranslation('selfCheck');
  const styles = useStyles();
  const layout = useLayoutStyles();
  return (
    <Section title={t('scale')} id="rating-scale" testId="rating-scale">
      <p className={layout.muted}>{t('scaleHint')}</p>
      <dl className={styles.scaleList}>
        {SCALE.map((value) => (
          <div key={value} style={{ display: 'contents' }}>
            <dt className={styles.scaleTerm}>{t('ratingOption', { value, label: t(`rating.${value}`) })}</dt>
            <dd className={styles.scaleDesc}>{t(`ratingMeaning.${value}`)}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
