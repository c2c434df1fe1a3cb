import { Badge, Button, Field, Textarea } from '@fluentui/react-components';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorBar } from '../shell/error-panel.tsx';
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

/**
 * A decision on an application with a comment: the supervisor's (approve / return) and HR's (approve /
 * refuse). `decide` sends it; what was typed stays while the write fails (the error shows above).
 */
export function DecisionForm<D extends string>({
  commentLabel,
  choices,
  decide,
}: {
  commentLabel: string;
  /** The primary choice first. */
  choices: ReadonlyArray<{ decision: D; label: string; testId?: string }>;
  decide: (decision: D, comment: string) => Promise<unknown>;
}) {
  const [comment, setComment] = useState('');
  const send = useMutation({ mutationFn: (decision: D) => decide(decision, comment) });
  return (
    <div>
      <Field label={commentLabel}>
        <Textarea value={comment} onChange={(_, data) => setComment(data.value)} />
      </Field>
      <ErrorBar error={send.error} />
      {choices.map((choice, index) => (
        <Button
          key={choice.decision}
          appearance={index === 0 ? 'primary' : 'secondary'}
          onClick={() => send.mutate(choice.decision)}
          disabled={send.isPending}
          data-testid={choice.testId}
        >
          {choice.label}
        </Button>
      ))}
    </div>
  );
}
