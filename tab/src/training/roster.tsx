import { Badge, Button, Checkbox, Field, Link } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX, REASON_MAX, type EnrolmentView } from '../../../src/training/training.contract.ts';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../shell/layout.tsx';
import { PersonPicker } from '../shell/person-picker.tsx';
import { hrefOf } from '../shell/router.ts';
import { useTrainingStyles } from './catalog.tsx';
import { formatSpan, useTitle, statusColor } from './format.ts';
import { OutlookBadge } from './outlook-badge.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';
import { EnrolmentRequest } from './enrolment-request.tsx';
import { AttendanceProposalPanel } from './attendance-proposal.tsx';
import { StackForm } from '../shell/stack-form.tsx';

/** What HR does to one enrolment of the roster: declining and withdrawing give a reason. */
type RosterChange =
  { action: 'confirm' | 'attendance' | 'absent' } | { action: 'decline' | 'withdraw'; reason: string };

const REQUESTED = new Set(['applied', 'recommended', 'nominated']);

/** A training console's props (HR's, a 課's): `rest` is its route after the sub-page. */
export interface ConsoleProps {
  api: ApiClient;
  framework: Framework;
  rest: string[];
}

/** The session whose roster a console's route (`roster/<sessionId>`) opens, if it names one. */
export const rosterSessionOf = (rest: string[]) => (rest[0] === 'roster' ? rest[1] : undefined);

/** A panel of one session's page: HR's console, or a 課's workplace training (`area`). */
export interface SessionPanelProps {
  api: ApiClient;
  sessionId: string;
  area?: 'hr' | 'workplace';
}

/** `area`: HR's console, or a 課's workplace training (no directory-wide 指名: the panel enrols its staff). */
export function Roster({ api, sessionId, area = 'hr' }: SessionPanelProps) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const title = useTitle();
  // The request being declined, or the seat being given up for the person (HR withdraws), with its reason.
  const [closing, setClosing] = useState<Closing | undefined>();
  const [reason, setReason] = useState('');

  const queryClient = useQueryClient();
  const rosterKey = queryKeys.roster(sessionId);
  const roster = useQuery({
    ...routeQuery(api, rosterKey, 'GET /api/training/sessions/:sessionId/roster', { params: { sessionId } }),
    // Outlook catches up shortly after a confirmation: look again while it still owes the change.
    refetchInterval: (query) => (query.state.data?.session.outlook === 'pending' ? 3000 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: rosterKey }, { throwOnError: true });

  // One change can move others (a freed seat moves the waiting list up): read the whole roster again.
  const change = useMutation({
    mutationFn: ({ enrolment, change }: { enrolment: EnrolmentView; change: RosterChange }) => {
      const params = { enrolmentId: enrolment.id };
      const { version } = enrolment;
      return 'reason' in change
        ? api.call(`POST /api/training/enrolments/:enrolmentId/${change.action}`, {
            params,
            body: { version, reason: change.reason },
          })
        : api.call(`POST /api/training/enrolments/:enrolmentId/${change.action}`, {
            params,
            body: { version },
          });
    },
    onSuccess: async () => {
      setClosing(undefined);
      setReason('');
      await refresh();
      // Seats and the people's own lists changed with it.
      void queryClient.invalidateQueries({ queryKey: queryKeys.training });
    },
  });
  const act = (enrolment: EnrolmentView, rosterChange: RosterChange) =>
    change.mutate({ enrolment, change: rosterChange });
  const busy = change.isPending ? change.variables.enrolment.id : undefined;
  const error = change.error ?? undefined;

  if (roster.data === undefined) return <QueryState query={roster}>{() => null}</QueryState>;
  const { session, enrolments } = roster.data;
  // Judged at the time the roster was read, not at each render.
  const started = Date.parse(session.start) <= roster.dataUpdatedAt;

  return (
    <div className={layout.stack} data-testid="training-roster">
      <Link href={hrefOf('training', area)}>{area === 'hr' ? t('hr.back') : t('workplace.back')}</Link>
      <Section
        title={t('hr.rosterOf', {
          title: title(session.courseTitle),
          date: formatSpan(session.start, session.end, i18n.language),
        })}
        id="training-roster-title"
      >
        <div className={layout.row}>
          <span>
            {t('hr.seats', {
              confirmed: session.confirmed,
              capacity: session.capacity,
              waitlisted: session.waitlisted,
            })}
          </span>
          <OutlookBadge session={session} />
        </div>
        <ErrorBar error={error} testId="roster-error" />
        <OrEmpty empty={enrolments.length === 0} text={t('hr.rosterEmpty')}>
          <ul className={styles.list} style={{ marginTop: 12 }} data-testid="roster-list">
            {enrolments.map((entry) => (
              <li
                key={entry.id}
                className={styles.item}
                data-testid={`roster-${entry.personId}`}
                data-status={entry.status}
              >
                <strong>{entry.personName}</strong>
                <div className={layout.row}>
                  <Badge color={statusColor(entry.status)} data-testid="roster-status">
                    {t(`status.${entry.status}`)}
                  </Badge>
                  <Badge appearance="outline">{t(`origin.${entry.origin}`)}</Badge>
                  {entry.eligibilityOverridden ? <Badge color="warning">{t('hr.overridden')}</Badge> : null}
                  {entry.inCalendar ? <Badge appearance="tint">{t('mine.inCalendar')}</Badge> : null}
                  {entry.outlookResponse && entry.outlookResponse !== 'none' ? (
                    <Badge
                      appearance="outline"
                      color={entry.outlookResponse === 'declined' ? 'danger' : 'informative'}
                      data-testid="roster-outlook-response"
                    >
                      {t(`outlookResponse.${entry.outlookResponse}`)}
                    </Badge>
                  ) : null}
                  {entry.waitlistPosition ? (
                    <span>{t('mine.waitlist', { position: entry.waitlistPosition })}</span>
                  ) : null}
                </div>
                <EnrolmentRequest entry={entry} />
                {entry.note ? <p className={layout.preLine}>{entry.note}</p> : null}
                {entry.closingReason ? (
                  <p>{t('mine.closingReason', { reason: entry.closingReason })}</p>
                ) : null}
                <div className={layout.row}>
                  <ActButton action="confirm" entry={entry} started={started} busy={busy} act={act} />
                  {CLOSE_ACTIONS.filter(({ offered }) => offered(entry, started)).map(({ action, label }) => (
                    <CloseToggle
                      key={action}
                      entry={entry}
                      action={action}
                      closing={closing}
                      setClosing={setClosing}
                      disabled={busy === entry.id}
                      testId={`roster-${action}`}
                    >
                      {t(label)}
                    </CloseToggle>
                  ))}
                  <ActButton action="attendance" entry={entry} started={started} busy={busy} act={act} />
                  <ActButton action="absent" entry={entry} started={started} busy={busy} act={act} />
                </div>
                {closing?.id === entry.id ? (
                  <div className={layout.stack} style={{ marginTop: 8 }}>
                    <TextareaField
                      label={closing.action === 'decline' ? t('hr.declineReason') : t('mine.withdrawReason')}
                      value={reason}
                      maxLength={REASON_MAX}
                      onChange={setReason}
                      testId="close-reason"
                    />
                    <div>
                      <Button
                        appearance="primary"
                        disabled={busy === entry.id}
                        onClick={() => act(entry, { action: closing.action, reason })}
                        data-testid="close-submit"
                      >
                        {closing.action === 'decline' ? t('hr.decline') : t('hr.withdrawFor')}
                      </Button>
                    </div>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </OrEmpty>
      </Section>
      {session.joinUrl && started ? <AttendanceProposalPanel api={api} sessionId={sessionId} /> : null}
      {!session.online && session.status === 'scheduled' ? (
        <AttendanceProposalPanel api={api} sessionId={sessionId} room />
      ) : null}
      {area === 'hr' ? <Nominate api={api} sessionId={sessionId} onDone={() => void refresh()} /> : null}
    </div>
  );
}

function Nominate({ api, sessionId, onDone }: { api: ApiClient; sessionId: string; onDone: () => void }) {
  const { t } = useTranslation('training');
  const [personId, setPersonId] = useState('');
  // A new key empties the picker after a nomination.
  const [pickerKey, setPickerKey] = useState(0);
  const [note, setNote] = useState('');
  const [override, setOverride] = useState(false);
  const [notice, setNotice] = useState('');
  const nominate = useMutation({
    mutationFn: () =>
      api.call('POST /api/training/sessions/:sessionId/nominate', {
        params: { sessionId },
        body: { personId, note, overrideEligibility: override },
      }),
    onSuccess: () => {
      setPersonId('');
      setPickerKey((key) => key + 1);
      setNote('');
      setOverride(false);
      setNotice(t('hr.nominated'));
      onDone();
    },
  });
  const { error } = nominate;
  const busy = nominate.isPending;
  const submit = () => {
    setNotice('');
    nominate.mutate();
  };
  return (
    <Section title={t('hr.nominate')} id="training-nominate" testId="nominate-form">
      <StackForm onSubmit={submit}>
        <Field label={t('hr.nominatePerson')} hint={t('hr.nominatePersonHint')} required>
          <PersonPicker key={pickerKey} api={api} onChange={setPersonId} testId="nominate-person" />
        </Field>
        <TextareaField label={t('hr.nominateNote')} value={note} maxLength={NOTE_MAX} onChange={setNote} />
        <Checkbox
          checked={override}
          onChange={(_, data) => setOverride(data.checked === true)}
          label={t('hr.override')}
          data-testid="nominate-override"
        />
        <ErrorBar error={error} testId="nominate-error" />
        <div>
          <Button
            appearance="primary"
            type="submit"
            disabled={busy || !personId.trim()}
            data-testid="nominate-submit"
          >
            {t('hr.submitNominate')}
          </Button>
        </div>
        <span role="status">{notice}</span>
      </StackForm>
    </Section>
  );
}

type Closing = { id: string; action: 'decline' | 'withdraw' };

type DirectAction = Exclude<RosterChange, { reason: string }>['action'];

/** The changes HR makes at once (no reason asked), and when each is offered. */
const DIRECT_ACTIONS: Record<
  DirectAction,
  {
    label: 'hr.confirm' | 'hr.attend' | 'hr.unattend';
    testId: string;
    offered: (entry: EnrolmentView, started: boolean) => boolean;
  }
> = {
  confirm: { label: 'hr.confirm', testId: 'roster-confirm', offered: (entry) => REQUESTED.has(entry.status) },
  attendance: {
    label: 'hr.attend',
    testId: 'roster-attend',
    offered: (entry, started) => entry.status === 'confirmed' && started,
  },
  absent: { label: 'hr.unattend', testId: 'roster-absent', offered: (entry) => entry.status === 'attended' },
};

/** A direct change's button, while it is offered; confirming is the roster's main action. */
function ActButton({
  action,
  entry,
  started,
  busy,
  act,
}: {
  action: DirectAction;
  entry: EnrolmentView;
  started: boolean;
  /** The enrolment being changed, if any. */
  busy: string | undefined;
  act: (entry: EnrolmentView, change: RosterChange) => void;
}) {
  const { t } = useTranslation('training');
  const { label, testId, offered } = DIRECT_ACTIONS[action];
  if (!offered(entry, started)) return null;
  return (
    <Button
      appearance={action === 'confirm' ? 'primary' : undefined}
      disabled={busy === entry.id}
      onClick={() => act(entry, { action })}
      data-testid={testId}
    >
      {t(label)}
    </Button>
  );
}

/** The two ways HR closes an enrolment with a reason, and when each is offered. */
const CLOSE_ACTIONS: {
  action: Closing['action'];
  label: 'hr.decline' | 'hr.withdrawFor';
  offered: (entry: EnrolmentView, started: boolean) => boolean;
}[] = [
  {
    action: 'decline',
    label: 'hr.decline',
    offered: (entry) => REQUESTED.has(entry.status) || entry.status === 'waitlisted',
  },
  {
    action: 'withdraw',
    label: 'hr.withdrawFor',
    offered: (entry, started) => entry.status === 'confirmed' && !started,
  },
];

/** The button that opens (or closes again) the reason form for declining or withdrawing one enrolment. */
function CloseToggle({
  entry,
  action,
  closing,
  setClosing,
  disabled,
  testId,
  children,
}: {
  entry: { id: string };
  action: Closing['action'];
  closing: Closing | undefined;
  setClosing: (closing: Closing | undefined) => void;
  disabled: boolean;
  testId: string;
  children: ReactNode;
}) {
  const open = closing?.id === entry.id && closing.action === action;
  return (
    <Button
      disabled={disabled}
      onClick={() => setClosing(open ? undefined : { id: entry.id, action })}
      aria-expanded={open}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}
