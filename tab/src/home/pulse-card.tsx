// The やりがい pulse on the home (docs/pulse.md): while a pulse is open and I have not answered it, its
// questions as 1–5 radio groups, the optional free text and a send button — the same answer as the bot's
// card. A refusal (closed, not open yet, already answered, bad input) is shown and what was chosen stays.
import { Button, Field, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PULSE_FREE_TEXT_MAX, PULSE_SCALE, type CurrentPulse } from '../../../src/pulse/pulse.contract.ts';
import { ApiError } from '../api/client.ts';
import type { ApiClient } from '../api/client.ts';
import { routeQuery } from '../data/queries.ts';
import { useErrorText } from '../shell/error-text.ts';
import { TextareaField } from '../shell/textarea-field.tsx';
import { Card } from './due-card.tsx';

const currentPulseKey = ['pulse', 'current'] as const;
const SCALE = Array.from({ length: PULSE_SCALE.max - PULSE_SCALE.min + 1 }, (_, index) =>
  String(PULSE_SCALE.min + index),
);

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
  scale: { flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3, margin: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '12px' },
  refusal: { color: tokens.colorPaletteRedForeground1, margin: 0 },
});

type OpenPulse = NonNullable<CurrentPulse['pulse']>;

/** The open pulse's card, or nothing (no pulse open, answered before, or not loaded). */
export function PulseAnswerCard({ api }: { api: ApiClient }) {
  const current = useQuery(routeQuery(api, currentPulseKey, 'GET /api/pulses/current'));
  const pulse = current.data?.pulse;
  // Answered in an earlier visit: nothing to do. Answered here: the card stays with its thanks.
  const [answeredHere, setAnsweredHere] = useState<string | null>(null);
  if (!pulse || (pulse.answered && answeredHere !== pulse.id)) return null;
  return <PulseForm key={pulse.id} api={api} pulse={pulse} onAnswered={() => setAnsweredHere(pulse.id)} />;
}

function PulseForm({ api, pulse, onAnswered }: { api: ApiClient; pulse: OpenPulse; onAnswered: () => void }) {
  const { t, i18n } = useTranslation('home-next');
  const styles = useStyles();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const [ratings, setRatings] = useState<string[]>(() => pulse.questions.map(() => ''));
  const [freeText, setFreeText] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api.call('POST /api/pulses/:pulseId/answer', {
        params: { pulseId: pulse.id },
        body: { ratings: ratings.map(Number), freeText },
      }),
    onSuccess: () => {
      onAnswered();
      queryClient.setQueryData<CurrentPulse>(currentPulseKey, { pulse: { ...pulse, answered: true } });
    },
  });
  /** The server's refusal in the UI's language: the pulse's own words for closed, not open, answered. */
  const refusal = (error: unknown) => {
    const reason = error instanceof ApiError ? error.details[0]?.message : undefined;
    if (reason === 'closed') return t('pulse.refused.closed', { date: pulse.closesOn });
    if (reason === 'not open yet') return t('pulse.refused.notOpen', { date: pulse.opensOn });
    if (reason === 'already answered') return t('pulse.refused.answered');
    return errorText(error);
  };
  const headingId = `pulse-${pulse.id}-title`;
  return (
    <Card id={headingId} title={t('pulse.title', { quarter: pulse.quarter })} testId="home-pulse" accent>
      <form
        className={styles.form}
        aria-labelledby={headingId}
        onSubmit={(event) => {
          event.preventDefault();
          send.mutate();
        }}
      >
        <p className={styles.muted}>{t('pulse.intro', { date: pulse.closesOn })}</p>
        <p className={styles.muted} data-testid="home-pulse-anonymity">
          {t('pulse.anonymity')}
        </p>
        {send.isSuccess ? null : (
          <>
            {pulse.questions.map((question, index) => (
              <Field key={index} label={question[language]} required>
                <RadioGroup
                  className={styles.scale}
                  layout="horizontal"
                  value={ratings[index]}
                  onChange={(_, data) =>
                    setRatings((previous) => previous.map((value, at) => (at === index ? data.value : value)))
                  }
                  data-testid={`home-pulse-q${index + 1}`}
                >
                  {SCALE.map((value) => (
                    <Radio key={value} value={value} label={t(`pulse.scale.${value}`)} />
                  ))}
                </RadioGroup>
              </Field>
            ))}
            {pulse.freeTextQuestion ? (
              <TextareaField
                label={pulse.freeTextQuestion[language]}
                hint={t('pulse.freeTextHint', { max: PULSE_FREE_TEXT_MAX })}
                value={freeText}
                onChange={setFreeText}
                maxLength={PULSE_FREE_TEXT_MAX}
                rows={3}
                testId="home-pulse-free-text"
              />
            ) : null}
            {send.error ? (
              <p className={styles.refusal} role="alert" data-testid="home-pulse-error">
                {refusal(send.error)}
              </p>
            ) : null}
          </>
        )}
        <div className={styles.row}>
          {send.isSuccess ? null : (
            <Button
              appearance="primary"
              type="submit"
              disabled={ratings.some((value) => value === '') || send.isPending}
              data-testid="home-pulse-send"
            >
              {t('pulse.send')}
            </Button>
          )}
          <span role="status" data-testid="home-pulse-status">
            {send.isSuccess ? t('pulse.sent') : ''}
          </span>
        </div>
      </form>
    </Card>
  );
}
