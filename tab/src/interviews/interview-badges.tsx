import { Badge, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { InterviewStatus, InterviewSummary } from '../../../src/interviews/interview.contract.ts';

// 'subtle' badges are meant for dark backgrounds (white text): the neutral ones use 'informative'.
const STATUS_COLOR = {
  pending: 'brand',
  booked: 'success',
  failed: 'danger',
  cancelled: 'informative',
} as const;

const RESPONSE_COLOR = {
  none: 'informative',
  accepted: 'success',
  tentative: 'warning',
  declined: 'danger',
} as const;

export function StatusBadge({ status }: { status: InterviewStatus }) {
  const { t } = useTranslation('interviews');
  return (
    <Badge appearance="tint" color={STATUS_COLOR[status]} data-testid="status" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function ResponseBadge({ response }: { response: InterviewSummary['response'] }) {
  const { t } = useTranslation('interviews');
  return (
    <Badge
      appearance="outline"
      color={RESPONSE_COLOR[response]}
      data-testid="response"
      data-response={response}
    >
      {t('response.label')}: {t(`response.${response}`)}
    </Badge>
  );
}

/** What Outlook did to a booked interview behind the app's back, and a booking without a Teams link. */
export function OutlookNotices({
  entry,
  noLinkTestId,
}: {
  entry: Pick<InterviewSummary, 'changedInOutlook' | 'noTeamsLink' | 'status'>;
  noLinkTestId: string;
}) {
  const { t } = useTranslation('interviews');
  return (
    <>
      {entry.changedInOutlook ? (
        <MessageBar intent="warning" data-testid="changed-in-outlook" data-changed={entry.changedInOutlook}>
          <MessageBarBody>{t(`changed.${entry.changedInOutlook}`)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {entry.noTeamsLink && entry.status === 'booked' ? (
        <MessageBar intent="warning" data-testid={noLinkTestId}>
          <MessageBarBody>{t('noTeamsLink')}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
