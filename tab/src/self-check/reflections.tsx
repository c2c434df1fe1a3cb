import { useTranslation } from 'react-i18next';
import type { Guideline } from '../../../src/framework/framework.contract.ts';
import { REFLECTION_MAX } from '../../../src/growth/self-check.contract.ts';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { useStyles } from './styles.ts';
import { TextareaField } from '../shell/textarea-field.tsx';

/** A reflection per DRILL guideline: boxes while the self-check is open, the text once it is not. */
export function Reflections({
  period,
  guidelines,
  reflections,
  editable,
  onChange,
}: {
  period: string;
  guidelines: Guideline[];
  reflections: Record<string, string>;
  editable: boolean;
  onChange: (guidelineId: string, text: string) => void;
}) {
  const { t } = useTranslation('selfCheck');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const local = useLocalized();
  return (
    <Section title={t('reflections')} id={`reflections-${period}`} testId="reflections">
      <p className={layout.muted}>{t('reflectionsHint')}</p>
      <div className={layout.stack}>
        {guidelines.map((guideline) => {
          const text = reflections[guideline.id] ?? '';
          const label = `${guideline.letter}: ${guideline.name.en} — ${local(guideline.summary)}`;
          return editable ? (
            <TextareaField
              key={guideline.id}
              label={label}
              hint={t('count', { count: text.length, max: REFLECTION_MAX })}
              inputClassName={styles.textarea}
              value={text}
              maxLength={REFLECTION_MAX}
              resize="vertical"
              onChange={(value) => onChange(guideline.id, value)}
              testId={`reflection-${guideline.id}`}
            />
          ) : (
            <div key={guideline.id} data-testid={`reflection-${guideline.id}`}>
              <h3 className={layout.h3}>{label}</h3>
              <p className={layout.preLine} style={{ margin: 0 }}>
                {text || <span className={layout.muted}>{t('reflectionEmpty')}</span>}
              </p>
            </div>
          );
        })}
      </div>
    </Section>
  );
}
