// What the booking panel shows once a plan is booked: each interview as it goes into Outlook.
import { Button, Link, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { BookingResponse, InterviewSummary } from '../../../src/interviews/interview.contract.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { hrefOf } from '../shell/router.ts';
import { useBookingStyles } from './booking-styles.ts';
import { StatusBadge } from './interview-badges.tsx';
import { formatSlot } from './schedule.ts';

export function BookedResult({
  booking,
  organizerInterviews,
  onAgain,
}: {
  booking: BookingResponse;
  organizerInterviews: InterviewSummary[] | undefined;
  onAgain: () => void;
}) {
  const { t, i18n } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useBookingStyles();
  const latest = new Map((organizerInterviews ?? []).map((entry) => [entry.id, entry]));
  const interviews = booking.interviews.map((entry) => latest.get(entry.id) ?? entry);
  const pending = interviews.some((entry) => entry.status === 'pending');
  return (
    <section className={layout.stack} aria-labelledby="interviews-booked" data-testid="booked">
      <h3 className={layout.h3} id="interviews-booked">
        {t('booked.title')}
      </h3>
      <MessageBar intent={pending ? 'info' : 'success'}>
        <MessageBarBody role="status" data-testid="booked-state" data-pending={pending}>
          {pending ? t('booked.pending') : t('booked.done')}
        </MessageBarBody>
      </MessageBar>
      {booking.collisions && booking.collisions.length > 0 ? (
        <MessageBar intent="warning">
          <MessageBarBody data-testid="booked-collisions">
            {t('series.collisions')}
            <ul>
              {booking.collisions.map((collision) => (
                <li key={collision.seriesIndex}>
                  {formatSlot(collision, i18n.language)}{' '}
                  {t(
                    collision.organizerBusy && collision.attendeeBusy
                      ? 'series.busyBoth'
                      : collision.organizerBusy
                        ? 'series.busyYou'
                        : 'series.busyThem',
                  )}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <ul className={styles.planList}>
        {interviews.map((entry) => (
          <li
            key={entry.id}
            className={styles.bookedRow}
            data-testid={`booked-${entry.personId}`}
            data-status={entry.status}
          >
            <span className={styles.name}>{entry.personName}</span>
            <span>{formatSlot(entry, i18n.language)}</span>
            <StatusBadge status={entry.status} />
            {entry.joinUrl ? (
              <Link href={entry.joinUrl} target="_blank" rel="noreferrer" data-testid="booked-join">
                {t('join')}
              </Link>
            ) : null}
            {entry.noTeamsLink ? (
              <span className={layout.muted} data-testid="booked-no-teams-link">
                {t('noTeamsLink')}
              </span>
            ) : null}
            <Link href={hrefOf('interviews', entry.id)}>{t('open')}</Link>
            {entry.waitingForSendingLimit ? (
              <span className={layout.muted} data-testid="booked-sending-limit">
                {t('sendingLimitWait')}
              </span>
            ) : entry.error ? (
              <span className={layout.muted}>{entry.error}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <div className={layout.row}>
        <Button onClick={onAgain} data-testid="booking-again">
          {t('booked.again')}
        </Button>
      </div>
    </section>
  );
}
