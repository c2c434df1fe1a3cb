import { Badge } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { SelfCheckState } from '../../../src/growth/team.contract.ts';

const STATE_COLOR: Record<SelfCheckState, 'informative' | 'warning' | 'success' | 'subtle'> = {
  none: 'subtle',
  draft: 'informative',
  submitted: 'warning',
  reviewed: 'success',
};

/**
 * Where a report's self-check stands; while the supervisor's feedback is not complete, how many items
 * have a comment (「フィードバック中 2/7」).
 */
export function SelfCheckBadge({
  state,
  progress,
}: {
  state: SelfCheckState;
  progress?: { commented: number; items: number } | null;
}) {
  // The common bundle's words: the home names a self-check's state the same way (home/due-card.tsx).
  const { t } = useTranslation();
  const partial = state === 'submitted' && progress && progress.commented > 0;
  return (
    <Badge
      appearance="tint"
      shape="rounded"
      color={STATE_COLOR[state]}
      data-testid="self-check-state"
      data-state={state}
    >
      {partial
        ? t('selfCheckFeedback.partial', { count: progress.commented, total: progress.items })
        : t(`selfCheckFeedback.${state}`)}
    </Badge>
  );
}
