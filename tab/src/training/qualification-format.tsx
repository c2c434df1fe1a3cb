import { Badge } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../src/qualifications/qualification.contract.ts';

/** Words shared by the applicant's, the supervisor's and HR's views of 資格取得 applications. */
export const qualificationMessages = {
  ja: {
    status: {
      awaitingSupervisor: '上司の承認待ち',
      returned: '差し戻し',
      awaitingHr: '人事の承認待ち',
      approved: '承認済み',
      refused: '却下',
      passed: '合格',
      failed: '不合格',
    },
  },
  en: {
    status: {
      awaitingSupervisor: 'Awaiting supervisor',
      returned: 'Returned',
      awaitingHr: 'Awaiting HR',
      approved: 'Approved',
      refused: 'Refused',
      passed: 'Passed',
      failed: 'Not passed',
    },
  },
};

const COLOR: Record<ApplicationStatus, 'informative' | 'warning' | 'success' | 'danger' | 'subtle'> = {
  awaitingSupervisor: 'informative',
  returned: 'warning',
  awaitingHr: 'informative',
  approved: 'success',
  refused: 'danger',
  passed: 'success',
  failed: 'subtle',
};

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation('qualifications');
  return (
    <Badge appearance="tint" color={COLOR[status]}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** An amount of yen as the UI language writes it: 15,440円 / ¥15,440. */
export function yen(value: number, language: string): string {
  return language.startsWith('en')
    ? `¥${value.toLocaleString('en-US')}`
    : `${value.toLocaleString('ja-JP')}円`;
}
