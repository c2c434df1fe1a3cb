// The question asked when a page with unsaved changes is left inside the tab; loaded on demand by
// UnsavedChangesGuard (unsaved-changes.tsx).
import { Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DialogFrame } from './dialog-frame.tsx';

export default function UnsavedChangesDialog({ onDecide }: { onDecide: (leave: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <DialogFrame
      open
      alert
      onOpenChange={(open) => {
        if (!open) onDecide(false);
      }}
      title={t('unsaved.title')}
      testId="unsaved-dialog"
      actions={
        <>
          <Button appearance="primary" onClick={() => onDecide(false)} data-testid="unsaved-stay">
            {t('unsaved.stay')}
          </Button>
          <Button onClick={() => onDecide(true)} data-testid="unsaved-leave">
            {t('unsaved.leave')}
          </Button>
        </>
      }
    >
      {t('unsaved.body')}
    </DialogFrame>
  );
}
