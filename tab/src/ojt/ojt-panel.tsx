// The OJT panel (docs/ojt.md): a person's active plan with its checklist and guidance log. The chain
// creates and completes it; the chain and the 指導担当 tick items and log guidance; the person reads it.
// The onboarding suggestions list sits on the supervisor's team page and leads here.
import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OJT_CHECKLIST_MAX,
  OJT_GUIDANCE_MAX,
  OJT_SHORT_MAX,
  ojtPlanCreateInputSchema,
  ojtPlanUpdateInputSchema,
  type OjtPlanResponse,
  type OjtPlanView,
} from '../../../src/ojt/ojt.contract.ts';
import { isVersionConflict, type ApiClient } from '../api/client.ts';
import { formatDate, formatInstant } from '../career/format.ts';
import { labelsByField, useCheckedBody } from '../data/form-check.ts';
import { routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import { useFormFields } from '../data/form-fields.ts';
import { DateInput } from '../shell/date-input.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { ErrorDetails } from '../shell/save-error-bar.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../shell/layout.tsx';
import { RecordOptions } from '../shell/options.tsx';
import { hrefOf } from '../shell/router.ts';
import { TextareaField } from '../shell/textarea-field.tsx';
import messages from './messages.ts';
import { StackForm } from '../shell/stack-form.tsx';

registerBundle('ojt', messages);

const useStyles = makeStyles({
  card: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
});

export const ojtPlanKey = (personId: string) => ['ojt-plan', personId] as const;
export const ojtSuggestionsKey = ['ojt-suggestions'] as const;
export const ojtGuidedKey = ['ojt-plans', 'guide'] as const;

/** Who may be chosen as 指導担当 (the supervisor's team, normally of the same 課). */
export interface MentorCandidate {
  id: string;
  displayName: string;
}

/** A list typed one item a line: the longest the contract takes. */
const OJT_TEXT_MAX = OJT_CHECKLIST_MAX * (OJT_SHORT_MAX + 1);

const japanToday = () => new Date(Date.now() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

export function OjtPanel({
  api,
  personId,
  candidates = [],
}: {
  api: ApiClient;
  personId: string;
  candidates?: MentorCandidate[];
}) {
  const plan = useQuery(
    routeQuery(api, ojtPlanKey(personId), 'GET /api/people/:personId/ojt-plan', { params: { personId } }),
  );
  return (
    <div data-testid="ojt-panel">
      <QueryState query={plan}>
        {(value) =>
          value.plan ? (
            <PlanView
              api={api}
              personId={personId}
              answer={value}
              plan={value.plan}
              candidates={candidates.filter((candidate) => candidate.id !== personId)}
            />
          ) : (
            <NoPlan api={api} personId={personId} canManage={value.canManage} candidates={candidates} />
          )
        }
      </QueryState>
    </div>
  );
}

function NoPlan({
  api,
  personId,
  canManage,
  candidates,
}: {
  api: ApiClient;
  personId: string;
  canManage: boolean;
  candidates: MentorCandidate[];
}) {
  const { t } = useTranslation('ojt');
  const layout = useLayoutStyles();
  // A suggestion about this person prefills the form with its default checklist.
  const suggestions = useQuery({
    ...routeQuery(api, ojtSuggestionsKey, 'GET /api/ojt/suggestions'),
    enabled: canManage,
  });
  if (!canManage) return <p className={layout.muted}>{t('none')}</p>;
  if (suggestions.isPending) return null;
  const suggestion = suggestions.data?.find((entry) => entry.person.id === personId);
  return (
    <PlanForm
      key={suggestion?.id ?? 'blank'}
      api={api}
      personId={personId}
      candidates={candidates.filter((candidate) => candidate.id !== personId)}
      suggestion={suggestion ? { id: suggestion.id, checklist: suggestion.defaultChecklist } : undefined}
    />
  );
}

function PlanForm({
  api,
  personId,
  candidates,
  suggestion,
}: {
  api: ApiClient;
  personId: string;
  candidates: MentorCandidate[];
  suggestion?: { id: string; checklist: Array<{ ja: string; en: string }> };
}) {
  const { t, i18n } = useTranslation('ojt');
  const layout = useLayoutStyles();
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const plan = useFormFields<PlanBasics>({ mentor: '', startsOn: japanToday(), endsOn: '', goals: '' });
  const [checklist, setChecklist] = useState(
    (suggestion?.checklist ?? []).map((item) => item[language]).join('\n'),
  );
  const queryClient = useQueryClient();
  const checked = useCheckedBody();
  const creating = useMutation({
    mutationFn: () =>
      api.call('POST /api/people/:personId/ojt-plan', {
        params: { personId },
        body: checked(ojtPlanCreateInputSchema, {
          ...planBody(plan.fields),
          checklist: lines(checklist),
          suggestionId: suggestion?.id ?? null,
        }),
      }),
    onSuccess: (answer) => {
      queryClient.setQueryData(ojtPlanKey(personId), answer);
      void queryClient.invalidateQueries({ queryKey: ojtSuggestionsKey });
    },
  });
  const ready = planReady(plan.fields) && !creating.isPending;
  return (
    <StackForm
      testId="ojt-plan-form"
      onSubmit={() => {
        if (ready) creating.mutate();
      }}
    >
      {suggestion ? <p className={layout.muted}>{t('fromSuggestion')}</p> : null}
      <PlanFields testIdPrefix="ojt" candidates={candidates} chooseMentor={true} form={plan} />
      <TextareaField
        label={t('checklist')}
        value={checklist}
        onChange={setChecklist}
        testId="ojt-checklist-input"
        rows={5}
        maxLength={OJT_TEXT_MAX}
      />
      <ErrorBar error={creating.error} testId="ojt-create-error">
        <ErrorDetails error={creating.error} labelOf={labelsByField(PLAN_LABELS, t)} />
      </ErrorBar>
      <div>
        <Button appearance="primary" type="submit" disabled={!ready} data-testid="ojt-create">
          {t('create')}
        </Button>
      </div>
    </StackForm>
  );
}

/** A write met a newer plan: it was read again, and what was typed is still there. */
function PlanConflict({ testId }: { testId: string }) {
  const { t } = useTranslation('ojt');
  return (
    <MessageBar intent="warning" data-testid={testId}>
      <MessageBarBody>{t('conflict')}</MessageBarBody>
    </MessageBar>
  );
}

/** What a new plan and an edited one share: the 指導担当, the period and the goals (one a line). */
interface PlanBasics {
  mentor: string;
  startsOn: string;
  endsOn: string;
  goals: string;
}

/** A refused field under the form's label for it; a list typed one item a line is named as the list. */
const PLAN_LABELS: Record<string, string> = {
  mentorPersonId: 'mentor',
  startsOn: 'startsOn',
  endsOn: 'endsOn',
  goals: 'goals',
  checklist: 'checklist',
};

const planReady = (plan: PlanBasics) => plan.mentor !== '' && plan.startsOn !== '' && plan.endsOn !== '';

const planBody = (plan: PlanBasics) => ({
  mentorPersonId: plan.mentor,
  startsOn: plan.startsOn,
  endsOn: plan.endsOn,
  goals: lines(plan.goals),
});

/** The fields a new plan and an edited one share: the 指導担当, the period and the goals. */
function PlanFields({
  testIdPrefix,
  candidates,
  chooseMentor,
  form,
}: {
  /** `ojt` for a new plan, `ojt-edit` for an edited one: `ojt-mentor`, `ojt-edit-starts`, … */
  testIdPrefix: string;
  candidates: readonly { id: string; displayName: string | null }[];
  /** A new plan starts with no 指導担当 chosen; an edited one always has one. */
  chooseMentor: boolean;
  form: ReturnType<typeof useFormFields<PlanBasics>>;
}) {
  const { t } = useTranslation('ojt');
  return (
    <>
      <Field label={t('mentor')} required>
        <Select {...form.text('mentor')} data-testid={`${testIdPrefix}-mentor`}>
          <RecordOptions
            none={chooseMentor ? t('chooseMentor') : undefined}
            records={candidates}
            labelOf={(candidate) => candidate.displayName}
          />
        </Select>
      </Field>
      <Field label={t('startsOn')} required>
        <DateInput {...form.text('startsOn')} data-testid={`${testIdPrefix}-starts`} />
      </Field>
      <Field label={t('endsOn')} required>
        <DateInput {...form.text('endsOn')} data-testid={`${testIdPrefix}-ends`} />
      </Field>
      <TextareaField
        label={t('goals')}
        value={form.fields.goals}
        onChange={(value) => form.set('goals', value)}
        testId={`${testIdPrefix}-goals`}
        rows={3}
        maxLength={OJT_TEXT_MAX}
      />
    </>
  );
}

function PlanView({
  api,
  personId,
  answer,
  plan,
  candidates,
}: {
  api: ApiClient;
  personId: string;
  answer: OjtPlanResponse;
  plan: OjtPlanView;
  candidates: MentorCandidate[];
}) {
  const { t, i18n } = useTranslation('ojt');
  const layout = useLayoutStyles();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [day, setDay] = useState(japanToday());
  const [text, setText] = useState('');
  const [conflict, setConflict] = useState(false);
  const settle = {
    onMutate: () => setConflict(false),
    onSuccess: (updated: OjtPlanResponse) => {
      queryClient.setQueryData(ojtPlanKey(personId), updated);
      // The 指導担当's list shows the plan's progress.
      void queryClient.invalidateQueries({ queryKey: ojtGuidedKey });
    },
    onError: (error: unknown) => {
      // What was typed stays in the form; the newer plan is read again.
      if (isVersionConflict(error)) {
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: ojtPlanKey(personId) });
      }
    },
  };
  const ticking = useMutation({
    mutationFn: (item: { id: string; done: boolean }) =>
      api.call('POST /api/people/:personId/ojt-plan/ticks', {
        params: { personId },
        body: { version: plan.version, itemId: item.id, done: item.done },
      }),
    ...settle,
  });
  const logging = useMutation({
    mutationFn: () =>
      api.call('POST /api/people/:personId/ojt-plan/guidance', {
        params: { personId },
        body: { version: plan.version, day, text: text.trim() },
      }),
    ...settle,
    onSuccess: (updated: OjtPlanResponse) => {
      setText('');
      settle.onSuccess(updated);
    },
  });
  const completing = useMutation({
    mutationFn: () =>
      api.call('POST /api/people/:personId/ojt-plan/complete', {
        params: { personId },
        body: { version: plan.version },
      }),
    ...settle,
  });
  const failure = [ticking.error, logging.error, completing.error].find(
    (error) => error && !isVersionConflict(error),
  );
  const busy = ticking.isPending || logging.isPending || completing.isPending;
  if (editing && answer.canManage)
    return (
      <PlanEditForm
        api={api}
        personId={personId}
        plan={plan}
        candidates={candidates}
        onDone={() => setEditing(false)}
      />
    );
  return (
    <div className={layout.stack} data-testid="ojt-plan" data-version={plan.version}>
      <p>
        {t('mentor')}: {plan.mentor.displayName ?? t('unknownPerson')}
        <br />
        {t('period', {
          from: formatDate(plan.startsOn, i18n.language),
          to: formatDate(plan.endsOn, i18n.language),
        })}
      </p>
      {plan.goals.length > 0 ? (
        <>
          <h3>{t('goalsTitle')}</h3>
          <ul data-testid="ojt-goal-list">
            {plan.goals.map((goal, index) => (
              <li key={index}>{goal}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('checklistTitle')}</h3>
      <ul className={layout.stack} data-testid="ojt-checklist" style={{ listStyle: 'none', paddingLeft: 0 }}>
        {plan.checklist.map((item) => (
          <li key={item.id} data-testid={`ojt-item-${item.id}`}>
            <Checkbox
              checked={item.doneAt !== null}
              disabled={!answer.canGuide || busy}
              label={item.label}
              onChange={(_, data) => ticking.mutate({ id: item.id, done: data.checked === true })}
            />
            {item.doneAt && item.doneBy ? (
              <span className={layout.muted}>
                {' '}
                {t('doneBy', {
                  name: item.doneBy.displayName ?? t('unknownPerson'),
                  at: formatInstant(item.doneAt, i18n.language),
                })}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <h3>{t('guidanceTitle')}</h3>
      <OrEmpty empty={plan.guidance.length === 0} text={t('noGuidance')}>
        <ul data-testid="ojt-guidance">
          {plan.guidance.map((entry) => (
            <li key={entry.id}>
              {formatDate(entry.day, i18n.language)} {entry.givenBy.displayName ?? t('unknownPerson')}:{' '}
              {entry.text}
            </li>
          ))}
        </ul>
      </OrEmpty>
      {conflict ? <PlanConflict testId="ojt-conflict" /> : null}
      <ErrorBar error={failure} testId="ojt-error" />
      {answer.canGuide ? (
        <StackForm
          testId="ojt-guidance-form"
          onSubmit={() => {
            if (text.trim() && day) logging.mutate();
          }}
        >
          <Field label={t('day')} required>
            <DateInput value={day} max={japanToday()} onChange={(_, data) => setDay(data.value)} />
          </Field>
          <TextareaField
            label={t('guidanceText')}
            value={text}
            onChange={setText}
            required
            rows={3}
            maxLength={OJT_GUIDANCE_MAX}
            testId="ojt-guidance-text"
          />
          <div>
            <Button type="submit" disabled={busy || !text.trim() || !day} data-testid="ojt-log">
              {t('addGuidance')}
            </Button>
          </div>
        </StackForm>
      ) : null}
      {answer.canManage ? (
        <div className={layout.row}>
          <Button onClick={() => setEditing(true)} disabled={busy} data-testid="ojt-edit">
            {t('edit')}
          </Button>
          <Button onClick={() => completing.mutate()} disabled={busy} data-testid="ojt-complete">
            {t('complete')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** One checklist line of the edit form: an existing item keeps its id (and so its tick); a new one has none. */
interface EditItem {
  key: string;
  id: string | null;
  label: string;
}

/**
 * The chain edits the active plan: 指導担当, period, goals and the checklist (items renamed, added,
 * removed), sent whole at the version read. A stale version keeps what was typed and reloads the plan.
 */
function PlanEditForm({
  api,
  personId,
  plan,
  candidates,
  onDone,
}: {
  api: ApiClient;
  personId: string;
  plan: OjtPlanView;
  candidates: MentorCandidate[];
  onDone: () => void;
}) {
  const { t } = useTranslation('ojt');
  const layout = useLayoutStyles();
  const queryClient = useQueryClient();
  const basics = useFormFields<PlanBasics>({
    mentor: plan.mentor.id,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    goals: plan.goals.join('\n'),
  });
  const [items, setItems] = useState<EditItem[]>(
    plan.checklist.map((item) => ({ key: item.id, id: item.id, label: item.label })),
  );
  const [added, setAdded] = useState(0);
  const [conflict, setConflict] = useState(false);
  // The current 指導担当 stays choosable even when they are not among the candidates.
  const options = candidates.some((candidate) => candidate.id === plan.mentor.id)
    ? candidates
    : [{ id: plan.mentor.id, displayName: plan.mentor.displayName ?? t('unknownPerson') }, ...candidates];
  const checked = useCheckedBody();
  const saving = useMutation({
    mutationFn: () =>
      api.call('PUT /api/people/:personId/ojt-plan', {
        params: { personId },
        body: checked(ojtPlanUpdateInputSchema, {
          version: plan.version,
          ...planBody(basics.fields),
          checklist: items
            .map((item) => ({ id: item.id, label: item.label.trim() }))
            .filter((item) => item.label.length > 0),
        }),
      }),
    onMutate: () => setConflict(false),
    onSuccess: (updated: OjtPlanResponse) => {
      queryClient.setQueryData(ojtPlanKey(personId), updated);
      onDone();
    },
    onError: (error: unknown) => {
      // What was typed stays in the form; the newer plan is read again and the next save sends its version.
      if (isVersionConflict(error)) {
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: ojtPlanKey(personId) });
      }
    },
  });
  const full = items.length >= OJT_CHECKLIST_MAX;
  const ready = planReady(basics.fields) && !saving.isPending;
  return (
    <StackForm
      testId="ojt-edit-form"
      data-version={plan.version}
      onSubmit={() => {
        if (ready) saving.mutate();
      }}
    >
      <PlanFields testIdPrefix="ojt-edit" candidates={options} chooseMentor={false} form={basics} />
      <fieldset className={layout.stack} style={{ border: 'none', padding: 0, margin: 0 }}>
        <legend>{t('checklistTitle')}</legend>
        {items.map((item, index) => (
          <div key={item.key} className={layout.row} data-testid={`ojt-edit-item-${index}`}>
            <Input
              value={item.label}
              maxLength={OJT_SHORT_MAX}
              aria-label={t('itemLabel', { n: index + 1 })}
              onChange={(_, data) =>
                setItems((all) =>
                  all.map((entry) => (entry.key === item.key ? { ...entry, label: data.value } : entry)),
                )
              }
            />
            <Button
              appearance="subtle"
              aria-label={t('removeItem', { n: index + 1 })}
              onClick={() => setItems((all) => all.filter((entry) => entry.key !== item.key))}
            >
              {t('remove')}
            </Button>
          </div>
        ))}
        <div>
          <Button
            disabled={full}
            data-testid="ojt-edit-add-item"
            onClick={() => {
              setItems((all) => [...all, { key: `new-${added}`, id: null, label: '' }]);
              setAdded((n) => n + 1);
            }}
          >
            {t('addItem')}
          </Button>
        </div>
      </fieldset>
      {conflict ? <PlanConflict testId="ojt-edit-conflict" /> : null}
      <ErrorBar error={isVersionConflict(saving.error) ? null : saving.error} testId="ojt-edit-error">
        <ErrorDetails error={saving.error} labelOf={labelsByField(PLAN_LABELS, t)} />
      </ErrorBar>
      <div className={layout.row}>
        <Button appearance="primary" type="submit" disabled={!ready} data-testid="ojt-edit-save">
          {t('save')}
        </Button>
        <Button onClick={onDone} disabled={saving.isPending} data-testid="ojt-edit-cancel">
          {t('cancel')}
        </Button>
      </div>
    </StackForm>
  );
}

/** The caller's open onboarding suggestions: each leads to the person's OJT panel, or is dismissed. */
export function OjtSuggestions({ api }: { api: ApiClient }) {
  const { t } = useTranslation('ojt');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const queryClient = useQueryClient();
  const suggestions = useQuery(routeQuery(api, ojtSuggestionsKey, 'GET /api/ojt/suggestions'));
  const dismissing = useMutation({
    mutationFn: (suggestion: { id: string; version: number }) =>
      api.call('POST /api/ojt/suggestions/:suggestionId/dismiss', {
        params: { suggestionId: suggestion.id },
        body: { version: suggestion.version },
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ojtSuggestionsKey }),
  });
  const open = suggestions.data ?? [];
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="ojt-suggestions-title" data-testid="ojt-suggestions" className={layout.stack}>
      <h2 id="ojt-suggestions-title">{t('suggestionsTitle')}</h2>
      {open.map((suggestion) => (
        <div
          key={suggestion.id}
          className={styles.card}
          data-testid={`ojt-suggestion-${suggestion.person.id}`}
        >
          <span>
            {t('suggestion', {
              name: suggestion.person.displayName ?? t('unknownPerson'),
              kind: t(`suggestionKind.${suggestion.kind}`),
            })}{' '}
            <Link href={hrefOf('team', suggestion.person.id)} data-testid="ojt-suggestion-start">
              {t('start')}
            </Link>{' '}
            <Button
              size="small"
              appearance="subtle"
              disabled={dismissing.isPending}
              onClick={() => dismissing.mutate(suggestion)}
              data-testid="ojt-suggestion-dismiss"
            >
              {t('dismiss')}
            </Button>
          </span>
        </div>
      ))}
      <ErrorBar error={dismissing.error} />
    </section>
  );
}

/**
 * The plans the caller is the 指導担当 of (GET /api/ojt/plans?as=guide): the person, their 課 and the
 * plan's progress, each opened in place to tick items and log guidance. Nothing is shown to someone who
 * guides nobody.
 */
export function OjtGuidedPlans({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation('ojt');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const [open, setOpen] = useState<string | null>(null);
  const guided = useQuery(routeQuery(api, ojtGuidedKey, 'GET /api/ojt/plans', { query: { as: 'guide' } }));
  if (guided.error) return <ErrorBar error={guided.error} testId="ojt-guided-error" />;
  const plans = guided.data ?? [];
  if (plans.length === 0) return null;
  return (
    <Section title={t('guidedTitle')} id="ojt-guided" testId="ojt-guided">
      <p className={layout.muted}>{t('guidedIntro')}</p>
      {plans.map((plan) => {
        const name = plan.person.displayName ?? t('unknownPerson');
        const expanded = open === plan.person.id;
        return (
          <div
            key={plan.planId}
            className={`${styles.card} ${layout.stack}`}
            data-testid={`ojt-guided-${plan.person.id}`}
          >
            <div className={layout.row}>
              <strong>{name}</strong>
              <span>{plan.department ?? t('noDepartment')}</span>
              <span>{t('progress', { done: plan.itemsDone, total: plan.itemsTotal })}</span>
              <span className={layout.muted}>
                {plan.lastGuidanceOn
                  ? t('lastGuidance', { day: formatDate(plan.lastGuidanceOn, i18n.language) })
                  : t('noGuidance')}
              </span>
              <Button
                size="small"
                aria-expanded={expanded}
                aria-label={t(expanded ? 'closePlanOf' : 'openPlanOf', { name })}
                onClick={() => setOpen(expanded ? null : plan.person.id)}
                data-testid="ojt-guided-open"
              >
                {t(expanded ? 'closePlan' : 'openPlan')}
              </Button>
            </div>
            {expanded ? <OjtPanel api={api} personId={plan.person.id} /> : null}
          </div>
        );
      })}
    </Section>
  );
}
