// Who asked for an enrolment and why, as the person's own list and HR's roster both show it.
import { useTranslation } from 'react-i18next';
import type { EnrolmentView } from '../../../src/training/training.contract.ts';
import { useLayoutStyles } from '../shell/layout.tsx';

/** A supervisor's recommendation or HR's nomination names who made it; a reason given follows. */
export function EnrolmentRequest({ entry }: { entry: EnrolmentView }) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  return (
    <>
      {entry.origin !== 'application' && entry.requestedByName ? (
        <p data-testid="enrolment-requested-by">
          {entry.origin === 'recommendation'
            ? t('mine.recommendedBy', { name: entry.requestedByName })
            : t('mine.nominatedBy', { name: entry.requestedByName })}
        </p>
      ) : null}
      {entry.reason ? (
        <p className={layout.preLine} data-testid="enrolment-reason">
          {t('mine.reason')}: {entry.reason}
        </p>
      ) : null}
    </>
  );
}
