import { Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ConflictBar } from '../shell/conflict-bar.tsx';

/** A pulse form's stale version (409): what was typed is kept; the newest version is one click away. */
export function PulseConflict({ testId, onReload }: { testId: string; onReload: () => void }) {
  const { t } = useTranslation('pulse');
  return (
    <ConflictBar title={t('conflictTitle')} body={t('conflictBody')} testId={`${testId}-conflict`} multiline>
      <Button onClick={onReload} data-testid={`${testId}-reload`}>
        {t('reload')}
      </Button>
    </ConflictBar>
  );
}
