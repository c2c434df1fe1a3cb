import {
  Button,
  Field,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
} from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CANCEL_REASON_MAX,
  type CancelInput,
  type InterviewSummary,
  type RescheduleInput,
} from '../../../src/interviews/interview.contract.ts';
import { isVersionConflict, type ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { DialogFrame } from '../shell/dialog-frame.tsx';
import { OrEmpty, useLayoutStyles } from '../shell/layout.tsx';
import { hrefOf } from '../shell/router.ts';
import { PickerInput } from './picker-input.tsx';
import { OutlookNotices, ResponseBadge, StatusBadge } from './interview-badges.tsx';
import { formatSlot, jstDayOf, jstInstant, jstTimeOf } from './schedule.ts';
import { useErrorText } from '../shell/error-text.ts';
import { TextareaField } from '../shell/textarea-field.tsx';
import { plainList } from '../shell/style-fragments.ts';

const useStyles = makeStyles({
  list: { ...plainList, gap: '8px' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '10px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  heading: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  line: { display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center' },
  notes: {
    whiteSpace: 'pre-line',
    overflowWrap: 'anywhere',
    margin: 0,
    padding: '8px 12px',
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

const isUpcoming = (entry: InterviewSummary, now: number) => Date.parse(entry.end) >= now;

/** The interviews I hold: upcoming first (soonest on top), then past and cancelled ones. */
export function OrganizerList({
  api,
  interviews,
  now,
  onChanged,
}: {
  api: ApiClient;
  interviews: InterviewSummary[];
  /** When the list was read (ms since the epoch): what ended before it is past. */
  now: number;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  if (interviews.length === 0)
    return (
      <p className={layout.muted} data-testid="organizer-empty">
        {t('organizer.empty')}
      </p>
    );
  const upcoming = interviews
    .filter((entry) => entry.status !== 'cancelled' && isUpcoming(entry, now))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const rest = interviews.filter((entry) => !upcoming.includes(entry));
  const item = (entry: InterviewSummary) => (
    <li
      key={entry.id}
      className={styles.item}
      data-testid={`organizer-${entry.id}`}
      data-person={entry.personId}
      data-status={entry.status}
    >
      <span className={styles.heading}>
        {t('organizer.with', { name: entry.personName })}・{t(`types.${entry.type}`)}
      </span>
      <span>{formatSlot(entry, i18n.language, true)}</span>
      <span className={styles.line}>
        <StatusBadge status={entry.status} />
        {entry.status === 'booked' ? <ResponseBadge response={entry.response} /> : null}
      </span>
      <OutlookWarnings entry={entry} />
      <Links entry={entry} />
      {entry.status !== 'cancelled' && isUpcoming(entry, now) ? (
        <span className={styles.line}>
          <RescheduleDialog api={api} entry={entry} onDone={onChanged} />
          <CancelDialog api={api} entry={entry} onDone={onChanged} />
          {entry.seriesId ? <CancelDialog api={api} entry={entry} onDone={onChanged} series /> : null}
        </span>
      ) : null}
    </li>
  );
  return (
    <div className={layout.stack}>
      <div>
        <h3 className={layout.h3}>{t('organizer.upcoming')}</h3>
        {upcoming.length > 0 ? (
          <ul className={styles.list} data-testid="organizer-upcoming">
            {upcoming.map(item)}
          </ul>
        ) : (
          <p className={layout.muted}>{t('organizer.empty')}</p>
        )}
      </div>
      {rest.length > 0 ? (
        <div>
          <h3 className={layout.h3}>{t('organizer.past')}</h3>
          <ul className={styles.list} data-testid="organizer-past">
            {rest.map(item)}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** The interviews I am invited to: upcoming ones with their shared notes, then earlier ones. */
export function AttendeeList({
  api,
  interviews,
  now,
}: {
  api: ApiClient;
  interviews: InterviewSummary[];
  /** When the list was read (ms since the epoch). */
  now: number;
}) {
  const { t, i18n } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const language = i18n.language;
  const upcoming = interviews
    .filter((entry) => isUpcoming(entry, now))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const earlier = interviews.filter((entry) => !isUpcoming(entry, now));
  return (
    <div className={layout.stack}>
      <OrEmpty empty={upcoming.length === 0} text={t('attendee.empty')} testId="attendee-empty">
        <ul className={styles.list} data-testid="attendee-upcoming">
          {upcoming.map((entry) => (
            <li
              key={entry.id}
              className={styles.item}
              data-testid={`attendee-${entry.id}`}
              data-status={entry.status}
            >
              <span className={styles.heading}>{t(`types.${entry.type}`)}</span>
              <span>{formatSlot(entry, language, true)}</span>
              <span className={styles.line}>
                <span>{t('attendee.with', { name: entry.organizerName })}</span>
                <StatusBadge status={entry.status} />
              </span>
              <Links entry={entry} />
              {entry.status !== 'cancelled' ? <SharedNotes api={api} entry={entry} /> : null}
            </li>
          ))}
        </ul>
      </OrEmpty>
      {earlier.length > 0 ? (
        <div>
          <h3 className={layout.h3}>{t('attendee.past')}</h3>
          <ul className={styles.list} data-testid="attendee-past">
            {earlier.map((entry) => (
              <li key={entry.id} className={styles.item}>
                <span className={styles.heading}>{t(`types.${entry.type}`)}</span>
                <span className={styles.line}>
                  <span>{formatSlot(entry, language, true)}</span>
                  <StatusBadge status={entry.status} />
                </span>
                <Links entry={entry} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function OutlookWarnings({ entry }: { entry: InterviewSummary }) {
  return (
    <>
      <OutlookNotices entry={entry} noLinkTestId="no-teams-link" />
      {entry.status === 'failed' && entry.error ? (
        <MessageBar intent="error">
          <MessageBarBody>{entry.error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}

function Links({ entry }: { entry: InterviewSummary }) {
  const { t } = useTranslation('interviews');
  const styles = useStyles();
  const name = entry.personName;
  return (
    <span className={styles.line}>
      {entry.joinUrl && entry.status !== 'cancelled' ? (
        <Link href={entry.joinUrl} target="_blank" rel="noreferrer" data-testid="join-link">
          {t('join')}
        </Link>
      ) : null}
      {entry.webLink && entry.status !== 'cancelled' ? (
        <Link href={entry.webLink} target="_blank" rel="noreferrer">
          {t('outlook')}
        </Link>
      ) : null}
      <Link
        href={hrefOf('interviews', entry.id)}
        aria-label={t('openFor', { name, type: t(`types.${entry.type}`) })}
        data-testid="open-record"
      >
        {t('open')}
      </Link>
    </span>
  );
}

/** The shared notes of an upcoming interview: the list does not carry them, so each asks for its record. */
function SharedNotes({ api, entry }: { api: ApiClient; entry: InterviewSummary }) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  // Asked again when the interview changes (a new version); the notes on screen stay until the new ones come.
  // A failure shows nothing: the record page shows the error in full; here the notes are an extra.
  const detail = useQuery({
    ...routeQuery(
      api,
      queryKeys.interviewVersion(entry.id, entry.version),
      'GET /api/interviews/:interviewId',
      {
        params: { interviewId: entry.id },
      },
    ),
    placeholderData: keepPreviousData,
  });
  const notes = detail.data?.sharedNotes;
  if (notes === undefined) return null;
  return (
    <div data-testid="attendee-notes">
      <div className={layout.muted}>{t('attendee.sharedNotes')}</div>
      {notes.trim() ? (
        <p className={styles.notes}>{notes}</p>
      ) : (
        <span className={layout.muted}>{t('attendee.noNotes')}</span>
      )}
    </div>
  );
}

/** What a dialog shows after a failed action; `stale` when someone changed the interview first. */
interface ActionFailure {
  text: string;
  stale: boolean;
}

function useActionFailure(): (failure: unknown) => ActionFailure {
  const { t } = useTranslation('interviews');
  const errorText = useErrorText();
  return (failure) => {
    const stale = isVersionConflict(failure);
    return { text: stale ? t('versionConflict') : errorText(failure), stale };
  };
}

/**
 * A reschedule or cancellation of one interview of the organizer list, with its dialog's open state. The
 * server answers with the changed interview: a success closes the dialog, and the lists (`onDone`) and
 * the team page (each member's next interview) are asked again.
 */
interface InterviewChange<Body> {
  entry: InterviewSummary;
  open: boolean;
  setOpen: (open: boolean) => void;
  mutation: UseMutationResult<unknown, Error, Body>;
  onDone: () => void;
}

function useInterviewChange<Body>(
  entry: InterviewSummary,
  send: (body: Body) => Promise<unknown>,
  onDone: () => void,
): InterviewChange<Body> {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: () => {
      setOpen(false);
      // The organizer list's own refresh (onDone) restarts its polling quick for the Outlook change.
      onDone();
      void queryClient.invalidateQueries({ queryKey: queryKeys.team });
      void queryClient.invalidateQueries({ queryKey: queryKeys.interview(entry.id) });
    },
  });
  return { entry, open, setOpen, mutation, onDone };
}

/**
 * The frame of the reschedule and cancel dialogs: the trigger, what the dialog asks, the failure, submit,
 * close, and reload after a stale version. The texts are the kind's own (`reschedule.title`, …). The
 * failure is `problem` (what the dialog found before sending) or else what the server refused.
 */
function ActionDialog<Body>({
  kind,
  change,
  onOpen,
  alert = false,
  problem,
  closeLabel,
  onSubmit,
  children,
}: {
  kind: 'reschedule' | 'cancel' | 'cancelSeries';
  change: InterviewChange<Body>;
  /** Called as the dialog opens, to start from the entry again (the server's last refusal is cleared). */
  onOpen?: () => void;
  alert?: boolean;
  problem?: ActionFailure;
  closeLabel: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const describe = useActionFailure();
  const { entry, open, setOpen, mutation } = change;
  const failure = problem ?? (mutation.error ? describe(mutation.error) : undefined);
  return (
    <DialogFrame
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          mutation.reset();
          onOpen?.();
        }
      }}
      alert={alert}
      trigger={
        // Whose interview it is, for the trigger's accessible name.
        <Button aria-label={t(`${kind}.actionFor`, { name: entry.personName })} data-testid={kind}>
          {t(`${kind}.action`)}
        </Button>
      }
      title={t(`${kind}.title`)}
      contentClassName={layout.stack}
      actions={
        <>
          <Button
            appearance="primary"
            disabled={mutation.isPending}
            onClick={onSubmit}
            data-testid={`${kind}-submit`}
          >
            {t(`${kind}.submit`)}
          </Button>
          <Button onClick={() => setOpen(false)}>{closeLabel}</Button>
          {failure?.stale ? (
            <Button
              onClick={() => {
                setOpen(false);
                change.onDone();
              }}
            >
              {t('reloadList')}
            </Button>
          ) : null}
        </>
      }
    >
      {children}
      <FailureBar kind={kind} failure={failure} />
    </DialogFrame>
  );
}

function FailureBar({
  kind,
  failure,
}: {
  kind: 'reschedule' | 'cancel' | 'cancelSeries';
  failure: ActionFailure | undefined;
}) {
  return failure ? (
    <MessageBar intent="error" role="alert" data-testid={`${kind}-error`}>
      <MessageBarBody>{failure.text}</MessageBarBody>
    </MessageBar>
  ) : null;
}

/** An action on one interview of the organizer list; `onDone` refreshes the list. */
type EntryActionProps = { api: ApiClient; entry: InterviewSummary; onDone: () => void };

export function RescheduleDialog({ api, entry, onDone }: EntryActionProps) {
  const { t } = useTranslation('interviews');
  const minutes = Math.round((Date.parse(entry.end) - Date.parse(entry.start)) / 60_000);
  const [day, setDay] = useState(() => jstDayOf(new Date(entry.start)));
  const [time, setTime] = useState(() => jstTimeOf(new Date(entry.start)));
  // A time that cannot be sent is named here; what the server refuses comes from the mutation.
  const [problem, setProblem] = useState<ActionFailure | undefined>();
  const move = useInterviewChange(
    entry,
    (body: RescheduleInput) =>
      api.call('POST /api/interviews/:interviewId/reschedule', { params: { interviewId: entry.id }, body }),
    onDone,
  );

  const submit = () => {
    setProblem(undefined);
    move.mutation.reset();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) {
      setProblem({ text: t('reschedule.past'), stale: false });
      return;
    }
    const start = jstInstant(day, time);
    if (Date.parse(start) <= Date.now()) {
      setProblem({ text: t('reschedule.past'), stale: false });
      return;
    }
    const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
    move.mutation.mutate({ version: entry.version, start, end });
  };

  return (
    <ActionDialog
      kind="reschedule"
      change={move}
      onOpen={() => {
        setDay(jstDayOf(new Date(entry.start)));
        setTime(jstTimeOf(new Date(entry.start)));
        setProblem(undefined);
      }}
      problem={problem}
      closeLabel={t('close')}
      onSubmit={submit}
    >
      <p>{t('reschedule.body', { name: entry.personName, type: t(`types.${entry.type}`) })}</p>
      <Field label={t('reschedule.day')}>
        <PickerInput type="date" value={day} onValue={setDay} testId="reschedule-day" />
      </Field>
      <Field label={t('reschedule.time')} hint={t('reschedule.duration', { minutes })}>
        <PickerInput type="time" value={time} onValue={setTime} testId="reschedule-time" />
      </Field>
    </ActionDialog>
  );
}

/** Cancels one interview, or (`series`) what is left of the recurring 1:1 series it belongs to. */
export function CancelDialog({
  api,
  entry,
  onDone,
  series = false,
}: EntryActionProps & { series?: boolean }) {
  const { t, i18n } = useTranslation('interviews');
  const [reason, setReason] = useState('');
  const kind = series ? 'cancelSeries' : 'cancel';
  const cancel = useInterviewChange(
    entry,
    (body: CancelInput) =>
      api.call(
        series
          ? 'POST /api/interviews/:interviewId/cancel-series'
          : 'POST /api/interviews/:interviewId/cancel',
        { params: { interviewId: entry.id }, body },
      ),
    onDone,
  );

  return (
    <ActionDialog
      kind={kind}
      change={cancel}
      alert
      closeLabel={t('cancel.keep')}
      onSubmit={() => cancel.mutation.mutate({ version: entry.version, reason: reason.trim() })}
    >
      <p>
        {t(`${kind}.body`, {
          name: entry.personName,
          type: t(`types.${entry.type}`),
          when: formatSlot(entry, i18n.language),
        })}
      </p>
      <TextareaField
        label={t('cancel.reason')}
        value={reason}
        maxLength={CANCEL_REASON_MAX}
        resize="vertical"
        onChange={setReason}
        testId={series ? 'cancelSeries-reason' : 'cancel-reason'}
      />
    </ActionDialog>
  );
}
