import { Field, Radio, RadioGroup } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mark } from '../../../src/framework/framework.contract.ts';
import { EVIDENCE_MAX, type SelfCheckResponse } from '../../../src/growth/self-check.contract.ts';
import { formatInstant } from '../career/format.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { SCALE, type Form } from './form.ts';
import { useStyles } from './styles.ts';
import { TextareaField } from '../shell/textarea-field.tsx';

/**
 * One competency of the self-check: what it is measured against (`guide`: the 着眼点 or the policy's
 * words), its rating and evidence (or what was handed in), and any feedback. The marks' meaning is
 * the page's legend, once, not repeated here.
 */
export function SelfCheckItem({
  period,
  item,
  mark,
  name,
  guide,
  entry,
  feedback,
  followUps = [],
  editable,
  ratingError,
  onRating,
  onEvidence,
}: {
  period: string;
  item: SelfCheckResponse['items'][number];
  mark: Mark;
  name: string;
  guide: ReactNode;
  entry: Form['ratings'][string];
  feedback: SelfCheckResponse['feedback'][string] | undefined;
  /** The DRILL follow-up's answers about trainings developing this competency (evidence, read-only). */
  followUps?: NonNullable<SelfCheckResponse['followUps']>[string];
  editable: boolean;
  ratingError: string | undefined;
  onRating: (rating: number) => void;
  onEvidence: (evidence: string) => void;
}) {
  const { t, i18n } = useTranslation('selfCheck');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const local = useLocalized();
  const id = item.competencyId;
  const headingId = `item-${period}-${id}`;
  // Each field's label names the item for screen readers, who may reach the field without its heading.
  const labelOf = (text: string) => ({
    children: (
      <>
        {text}
        <span className={styles.visuallyHidden}>: {name}</span>
      </>
    ),
  });
  return (
    <article
      className={styles.item}
      aria-labelledby={headingId}
      data-testid={`item-${id}`}
      data-mark={item.mark}
    >
      <h3 className={styles.itemHeading} id={headingId}>
        {name}
        <span className={styles.mark}>
          <span aria-hidden="true">{mark.symbol}</span>
          {local(mark.label)}
        </span>
      </h3>
      {guide}
      {followUps.length > 0 ? (
        <div className={styles.feedback} data-testid={`follow-ups-${id}`}>
          <h4 className={styles.feedbackHeading}>{t('followUps.heading')}</h4>
          {followUps.map((followUp) => (
            <div key={followUp.sessionId} data-testid={`follow-up-evidence-${followUp.sessionId}`}>
              <p style={{ margin: 0 }}>
                {i18n.language === 'en' && followUp.courseTitle.en
                  ? followUp.courseTitle.en
                  : followUp.courseTitle.ja}
                {followUp.answer ? `: ${t(`followUps.answers.${followUp.answer}`)}` : ''}
              </p>
              {followUp.example ? (
                <p className={layout.preLine} style={{ margin: 0 }}>
                  {followUp.example}
                </p>
              ) : null}
              {followUp.observation ? (
                <p className={layout.muted} style={{ margin: 0 }}>
                  {t('followUps.observation', { text: followUp.observation })}
                </p>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
      {editable ? (
        <>
          <Field
            label={labelOf(t('ratingField'))}
            required
            validationState={ratingError ? 'error' : 'none'}
            validationMessage={ratingError}
          >
            <RadioGroup
              id={`rating-${period}-${id}`}
              layout="horizontal"
              className={styles.scale}
              value={entry.rating === null ? '' : String(entry.rating)}
              onChange={(_, data) => onRating(Number(data.value))}
            >
              {SCALE.map((value) => (
                <Radio
                  key={value}
                  value={String(value)}
                  label={t('ratingOption', { value, label: t(`rating.${value}`) })}
                />
              ))}
            </RadioGroup>
          </Field>
          <TextareaField
            label={labelOf(t('evidence'))}
            hint={t('count', { count: entry.evidence.length, max: EVIDENCE_MAX })}
            inputClassName={styles.textarea}
            value={entry.evidence}
            maxLength={EVIDENCE_MAX}
            resize="vertical"
            onChange={onEvidence}
            testId={`evidence-${id}`}
          />
        </>
      ) : (
        <>
          <p className={styles.readValue} data-testid={`rating-${id}`}>
            {entry.rating === null
              ? t('notRated')
              : t('ratingOption', { value: entry.rating, label: t(`rating.${entry.rating}`) })}
          </p>
          <p className={`${layout.preLine}`} style={{ margin: 0 }}>
            {entry.evidence || <span className={layout.muted}>{t('evidenceEmpty')}</span>}
          </p>
        </>
      )}
      {feedback ? (
        <div className={styles.feedback} data-testid={`feedback-${id}`}>
          <h4 className={styles.feedbackHeading}>{t('feedback')}</h4>
          <p className={layout.preLine} style={{ margin: 0 }}>
            {feedback.comment}
          </p>
          <p className={layout.muted} style={{ margin: '4px 0 0' }}>
            {formatInstant(feedback.at, i18n.language)}
          </p>
        </div>
      ) : null}
    </article>
  );
}
