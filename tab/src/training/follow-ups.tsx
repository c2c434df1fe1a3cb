// The DRILL follow-up in the tab (docs/training.md "Follow-up"): what I was asked some months after a
// training — as the attendee 「業務に反映できましたか」, as a supervisor a one-line observation of someone —
// answered here as on the bot's card, so nothing depends on the card. Shown only while something is open.
import { Button, Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FOLLOW_UP_EXAMPLE_MAX,
  FOLLOW_UP_OBSERVATION_MAX,
  type FollowUpAnswer,
  type FollowUpView,
} from '../../../src/reports/follow-up.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { formatInstantDay } from '../shell/date-time.ts';
import { ErrorBar } from '../shell/error-panel.tsx';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';
import { useTrainingStyles } from './catalog.tsx';
import { formatSpan, useTitle } from './format.ts';

const ANSWERS: readonly FollowUpAnswer[] = ['applied', 'partly', 'notYet'];

export function FollowUps({ api }: { api: ApiClient }) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const query = useQuery(routeQuery(api, queryKeys.myFollowUps, 'GET /api/reports/follow-ups'));
  const followUps = query.data ?? [];
  // Nothing open (or not loaded yet): the page shows nothing of it; a failure does not hide the rest.
  if (followUps.length === 0) return null;
  return (
    <Section title={t('followUp.title')} id="training-follow-ups" testId="follow-ups">
      <p className={layout.muted}>{t('followUp.intro')}</p>
      <ul className={styles.list}>
        {followUps.map((followUp) => (
          <FollowUpItem key={followUp.id} api={api} followUp={followUp} />
        ))}
      </ul>
    </Section>
  );
}

function FollowUpItem({ api, followUp }: { api: ApiClient; followUp: FollowUpView }) {
  const { t, i18n } = useTranslation('training');
  const styles = useTrainingStyles();
  const layout = useLayoutStyles();
  const title = useTitle();
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState<FollowUpAnswer | ''>(followUp.answer ?? '');
  const [text, setText] = useState(followUp.text ?? '');
  const [saved, setSaved] = useState(false);
  const attendee = followUp.role === 'attendee';
  const save = useMutation({
    mutationFn: () =>
      attendee
        ? api.call('PUT /api/reports/follow-ups/:followUpId/answer', {
            params: { followUpId: followUp.id },
            body: { version: followUp.version, answer: answer as FollowUpAnswer, example: text },
          })
        : api.call('PUT /api/reports/follow-ups/:followUpId/observation', {
            params: { followUpId: followUp.id },
            body: { version: followUp.version, observation: text },
          }),
    onSuccess: (stored) => {
      setSaved(true);
      queryClient.setQueryData<FollowUpView[]>(queryKeys.myFollowUps, (previous) =>
        previous?.map((entry) => (entry.id === stored.id ? stored : entry)),
      );
    },
  });
  const ready = attendee ? answer !== '' : text.trim() !== '' && !/[\r\n]/.test(text);
  return (
    <li className={styles.item} data-testid={`follow-up-${followUp.id}`} data-role={followUp.role}>
      <h3 className={styles.title}>{title(followUp.session.courseTitle)}</h3>
      <p>{formatSpan(followUp.session.start, followUp.session.end, i18n.language)}</p>
      {followUp.answeredAt ? (
        <p className={layout.muted} data-testid="follow-up-answered">
          {t('followUp.answered', { day: formatInstantDay(followUp.answeredAt, i18n.language) })}
        </p>
      ) : null}
      {attendee ? (
        <>
          <Field label={t('followUp.attendeeQuestion')} required>
            <RadioGroup
              layout="horizontal"
              value={answer}
              onChange={(_, data) => setAnswer(data.value as FollowUpAnswer)}
              data-testid="follow-up-answer"
            >
              {ANSWERS.map((value) => (
                <Radio key={value} value={value} label={t(`followUp.answers.${value}`)} />
              ))}
            </RadioGroup>
          </Field>
          <TextareaField
            label={t('followUp.example')}
            hint={t('followUp.exampleHint', { max: FOLLOW_UP_EXAMPLE_MAX })}
            value={text}
            onChange={setText}
            maxLength={FOLLOW_UP_EXAMPLE_MAX}
            rows={3}
            testId="follow-up-example"
          />
        </>
      ) : (
        <Field
          label={t('followUp.supervisorQuestion', { name: followUp.personName })}
          hint={t('followUp.supervisorHint', { max: FOLLOW_UP_OBSERVATION_MAX })}
          required
        >
          <Input
            value={text}
            maxLength={FOLLOW_UP_OBSERVATION_MAX}
            onChange={(_, data) => setText(data.value)}
            data-testid="follow-up-observation"
          />
        </Field>
      )}
      <ErrorBar error={save.error} testId="follow-up-error" />
      <div className={layout.row}>
        <Button
          appearance="primary"
          disabled={!ready || save.isPending}
          onClick={() => {
            setSaved(false);
            save.mutate();
          }}
          data-testid="follow-up-send"
        >
          {followUp.answeredAt ? t('followUp.change') : t('followUp.send')}
        </Button>
        <span role="status" data-testid="follow-up-status">
          {saved ? t('followUp.saved') : ''}
        </span>
      </div>
    </li>
  );
}
