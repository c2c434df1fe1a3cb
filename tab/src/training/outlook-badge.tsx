import { Badge, Link } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../src/training/training.contract.ts';

/** A session's Outlook state for HR: synced, pending or failed (with the error), and its Outlook link. */
export function OutlookBadge({ session }: { session: SessionView }) {
  const { t } = useTranslation('training');
  return (
    <>
      <Badge
        appearance="tint"
        color={
          session.outlook === 'synced' ? 'success' : session.outlook === 'failed' ? 'danger' : 'informative'
        }
        data-testid="outlook-state"
      >
        {t(`hr.outlook.${session.outlook}`)}
      </Badge>
      {session.outlookError ? <span>{session.outlookError}</span> : null}
      {session.noTeamsLink ? (
        <Badge appearance="tint" color="warning" data-testid="no-teams-link">
          {t('hr.noTeamsLink')}
        </Badge>
      ) : null}
      {session.webLink ? (
        <Link href={session.webLink} target="_blank" rel="noreferrer">
          {t('hr.openInOutlook')}
        </Link>
      ) : null}
    </>
  );
}
