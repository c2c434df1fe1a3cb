import { Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DialogFrame } from '../shell/dialog-frame.tsx';

/**
 * Asks before submitting: a submitted self-check can no longer be changed, so it says what is still
 * empty (evidence of rated items, DRILL reflections) — those may be submitted empty, ratings may not.
 */
export function SubmitDialog({
  open,
  onOpenChange,
  onConfirm,
  emptyEvidence,
  emptyReflections,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  /** Names of the items without evidence. */
  emptyEvidence: string[];
  /** Names of the DRILL guidelines without a reflection. */
  emptyReflections: string[];
}) {
  const { t } = useTranslation('selfCheck');
  const anyEmpty = emptyEvidence.length > 0 || emptyReflections.length > 0;
  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      title={t('confirmTitle')}
      actions={
        <>
          <Button appearance="secondary" onClick={() => onOpenChange(false)}>
            {t('cancel')}
          </Button>
          <Button appearance="primary" onClick={onConfirm} data-testid="confirm-submit">
            {t('confirm')}
          </Button>
        </>
      }
    >
      <p style={{ marginTop: 0 }}>{t('confirmBody')}</p>
      <div data-testid="confirm-empty">
        <EmptyNames
          names={emptyEvidence}
          heading={t('confirmEmptyEvidence', { count: emptyEvidence.length })}
          testId="confirm-empty-evidence"
        />
        <EmptyNames
          names={emptyReflections}
          heading={t('confirmEmptyReflections', { count: emptyReflections.length })}
          testId="confirm-empty-reflections"
        />
        <p style={{ marginBottom: 0 }}>{anyEmpty ? t('confirmEmptyHint') : t('confirmAllFilled')}</p>
      </div>
    </DialogFrame>
  );
}

/** One kind of what is still empty: a line saying how many, then their names; nothing when none. */
function EmptyNames({ names, heading, testId }: { names: string[]; heading: string; testId: string }) {
  if (names.length === 0) return null;
  return (
    <>
      <p style={{ marginBottom: 4 }}>{heading}</p>
      <ul style={{ margin: 0 }} data-testid={testId}>
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    </>
  );
}
