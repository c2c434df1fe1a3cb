import { Badge } from '@fluentui/react-components';
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
