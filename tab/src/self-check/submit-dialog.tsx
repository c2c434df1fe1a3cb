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
    <Dialog open={open} onOpenChange={(_, data) => onOpenChange(data.open)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('confirmTitle')}</DialogTitle>
          <DialogContent>
            <p style={{ marginTop: 0 }}>{t('confirmBody')}</p>
            <div data-testid="confirm-empty">
              {emptyEvidence.length > 0 ? (
                <>
                  <p style={{ marginBottom: 4 }}>
                    {t('confirmEmptyEvidence', { count: emptyEvidence.length })}
                  </p>
                  <ul style={{ margin: 0 }} data-testid="confirm-empty-evidence">
                    {emptyEvidence.map((name) => (
                      <li key={name}>{name}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {emptyReflections.length > 0 ? (
                <>
                  <p style={{ marginBottom: 4 }}>
                    {t('confirmEmptyReflections', { count: emptyReflections.length })}
                  </p>
                  <ul style={{ margin: 0 }} data-testid="confirm-empty-reflections">
                    {emptyReflections.map((name) => (
                      <li key={name}>{name}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              <p style={{ marginBottom: 0 }}>{anyEmpty ? t('confirmEmptyHint') : t('confirmAllFilled')}</p>
            </div>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={() => onOpenChange(false)}>
              {t('cancel')}
            </Button>
            <Button appearance="primary" onClick={onConfirm} data-testid="confirm-submit">
              {t('confirm')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
