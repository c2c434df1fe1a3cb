// The question asked when a page with unsaved changes is left inside the tab; loaded on demand by
// UnsavedChangesGuard (unsaved-changes.tsx).
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

export default function UnsavedChangesDialog({ onDecide }: { onDecide: (leave: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_event, data) => {
        if (!data.open) onDecide(false);
      }}
    >
      <DialogSurface data-testid="unsaved-dialog">
        <DialogBody>
          <DialogTitle>{t('unsaved.title')}</DialogTitle>
          <DialogContent>{t('unsaved.body')}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => onDecide(false)} data-testid="unsaved-stay">
              {t('unsaved.stay')}
            </Button>
            <Button onClick={() => onDecide(true)} data-testid="unsaved-leave">
              {t('unsaved.leave')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
