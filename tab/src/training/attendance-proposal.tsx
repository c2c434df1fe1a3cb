// HR's view of the attendance proposed from a session's Teams attendance report (issue 19 ④,
// docs/training.md): the proposal with a checkbox per person (pre-set from the proposal), those in the
// meeting but not on the roster, and one button that confirms it all. A refused or failed read says why
// and offers to read again.
import {
  Badge,
  Button,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceProposal } from '../../../src/training/attendance.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import { formatInstant } from '../shell/date-time.ts';
import { ErrorBar } from '../shell/error-panel.tsx';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import messages from './attendance-messages.ts';
import { useTrainingStyles } from './catalog.tsx';

registerBundle('attendance', messages);

const useCodeStyles = makeStyles({
  // Shown in the room: large enough to read from the back, spaced so that no two characters run together.
  code: {
    fontSize: tokens.fontSizeHero900,
    lineHeight: tokens.lineHeightHero900,
    fontWeight: tokens.fontWeightBold,
    letterSpacing: '0.2em',
    fontFamily: tokens.fontFamilyMonospace,
    overflowWrap: 'anywhere',
  },
});

const INTENT = {
  waiting: 'info',
  proposed: 'info',
  refused: 'error',
  noMeeting: 'warning',
  failed: 'warning',
  confirmed: 'success',
} as const;

export function AttendanceProposalPanel({
  api,
  sessionId,
  room = false,
}: {
  api: ApiClient;
  sessionId: string;
  /** Held in a room: attendance comes from check-ins with the session's code. */
  room?: boolean;
}) {
  const { t } = useTranslation('attendance');
  const queryClient = useQueryClient();
  const key = queryKeys.attendanceProposal(sessionId);
  const showCode = useMutation({
    mutationFn: () =>
      api.call('POST /api/training/sessions/:sessionId/checkin-code', { params: { sessionId } }),
    onSuccess: (proposal) => queryClient.setQueryData(key, { proposal }),
  });
  const query = useQuery(
    routeQuery(api, key, 'GET /api/training/sessions/:sessionId/attendance-proposal', {
      params: { sessionId },
    }),
  );
  return (
    <Section
      title={room ? t('checkinTitle') : t('title')}
      id="attendance-proposal-title"
      testId="attendance-proposal"
    >
      <QueryState query={query}>
        {({ proposal }) =>
          proposal ? (
            // Keyed by the version: a new proposal starts from its own marks.
            <ProposalBody key={proposal.version} api={api} proposal={proposal} />
          ) : room ? (
            <div>
              <p data-testid="attendance-none">{t('checkinNone')}</p>
              <ErrorBar error={showCode.error ?? undefined} testId="checkin-code-error" />
              <Button
                appearance="primary"
                disabled={showCode.isPending}
                onClick={() => showCode.mutate()}
                data-testid="checkin-show-code"
              >
                {t('showCode')}
              </Button>
            </div>
          ) : (
            <p data-testid="attendance-none">{t('none')}</p>
          )
        }
      </QueryState>
    </Section>
  );
}

function ProposalBody({ api, proposal }: { api: ApiClient; proposal: AttendanceProposal }) {
  const { t, i18n } = useTranslation('attendance');
  const layout = useLayoutStyles();
  const styles = { ...useTrainingStyles(), ...useCodeStyles() };
  const queryClient = useQueryClient();
  const params = { sessionId: proposal.sessionId };
  const [present, setPresent] = useState(
    () => new Map(proposal.attendees.map((attendee) => [attendee.personId, attendee.proposedPresent])),
  );
  const done = async (answer: AttendanceProposal) => {
    queryClient.setQueryData(queryKeys.attendanceProposal(proposal.sessionId), { proposal: answer });
    // The roster's statuses and the people's own lists changed with it.
    await queryClient.invalidateQueries({ queryKey: queryKeys.roster(proposal.sessionId) });
  };
  const confirm = useMutation({
    mutationFn: () => {
      const corrected = proposal.attendees.filter(
        (attendee) => (present.get(attendee.personId) ?? false) !== attendee.proposedPresent,
      );
      return api.call('POST /api/training/sessions/:sessionId/attendance-proposal/confirm', {
        params,
        body: {
          version: proposal.version,
          present: corrected
            .filter((attendee) => !attendee.proposedPresent)
            .map((attendee) => attendee.personId),
          absent: corrected
            .filter((attendee) => attendee.proposedPresent)
            .map((attendee) => attendee.personId),
        },
      });
    },
    onSuccess: done,
  });
  const retry = useMutation({
    mutationFn: () =>
      api.call('POST /api/training/sessions/:sessionId/attendance-proposal/retry', {
        params,
        body: { version: proposal.version },
      }),
    onSuccess: done,
  });
  const busy = confirm.isPending || retry.isPending;
  const editable = proposal.state === 'proposed';
  const stateText =
    proposal.state === 'confirmed'
      ? t('state.confirmed', {
          name: proposal.confirmedByName ?? '',
          at: proposal.confirmedAt ? formatInstant(proposal.confirmedAt, i18n.language) : '',
        })
      : t(`state.${proposal.state}`, { attempts: proposal.attempts });

  return (
    <div className={layout.stack} data-state={proposal.state} data-testid="attendance-proposal-body">
      <MessageBar intent={INTENT[proposal.state]} layout="multiline" data-testid="attendance-state">
        <MessageBarBody>
          {stateText}
          {proposal.error && proposal.state !== 'proposed' && proposal.state !== 'confirmed' ? (
            <>
              <br />
              <span data-testid="attendance-error">{t('detail', { error: proposal.error })}</span>
            </>
          ) : null}
        </MessageBarBody>
      </MessageBar>
      {proposal.checkin ? (
        <div data-testid="checkin-code-box">
          <div>{t('code')}</div>
          <div className={styles.code} data-testid="checkin-code">
            {proposal.checkin.code}
          </div>
          <p>
            {t('codeValid', {
              from: formatInstant(proposal.checkin.validFrom, i18n.language),
              until: formatInstant(proposal.checkin.validUntil, i18n.language),
            })}
          </p>
        </div>
      ) : (
        <p>{t('rule', { share: proposal.minSharePercent })}</p>
      )}
      {proposal.attendees.length > 0 ? (
        <ul className={styles.list} data-testid="attendance-list">
          {proposal.attendees.map((attendee) => (
            <li
              key={attendee.personId}
              className={styles.item}
              data-testid={`attendance-${attendee.personId}`}
            >
              <div className={layout.row}>
                <Checkbox
                  checked={present.get(attendee.personId) ?? false}
                  disabled={!editable || busy}
                  onChange={(_, data) =>
                    setPresent((current) => new Map(current).set(attendee.personId, data.checked === true))
                  }
                  label={`${attendee.personName}: ${t('present')}`}
                  data-testid="attendance-present"
                />
                {proposal.source === 'checkin' ? (
                  <Badge
                    appearance="tint"
                    color={attendee.checkedInAt ? 'success' : 'informative'}
                    data-testid="attendance-checked-in"
                  >
                    {attendee.checkedInAt ? t('checkedIn') : t('notCheckedIn')}
                  </Badge>
                ) : (
                  <span>
                    {t('minutes', { minutes: attendee.attendedMinutes, share: attendee.sharePercent })}
                  </span>
                )}
                <Badge appearance="outline" data-testid="attendance-enrolment">
                  {t(`enrolment.${attendee.enrolmentStatus}`, { defaultValue: attendee.enrolmentStatus })}
                </Badge>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {proposal.notOnRoster.length > 0 ? (
        <div>
          <h4 style={{ margin: '8px 0 4px' }}>{t('notOnRoster')}</h4>
          <ul data-testid="attendance-not-on-roster">
            {proposal.notOnRoster.map((other) => (
              <li key={other.personId}>
                {other.displayName || other.personId}
                {proposal.source === 'checkin'
                  ? ''
                  : ` — ${t('minutesOnly', { minutes: other.attendedMinutes })}`}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorBar error={confirm.error ?? retry.error ?? undefined} testId="attendance-action-error" />
      <div className={layout.row}>
        {editable ? (
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() => confirm.mutate()}
            data-testid="attendance-confirm"
          >
            {t('confirm')}
          </Button>
        ) : null}
        {['refused', 'noMeeting', 'failed'].includes(proposal.state) ? (
          <Button disabled={busy} onClick={() => retry.mutate()} data-testid="attendance-retry">
            {t('retry')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
