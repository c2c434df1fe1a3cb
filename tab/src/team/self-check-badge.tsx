import { Badge } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { SelfCheckState } from '../../../src/growth/team.contract.ts';

const STATE_COLOR: Record<SelfCheckState, 'informative' | 'warning' | 'success' | 'subtle'> = {
  none: 'subtle',
  draft: 'informative',
  submitted: 'warning',
  reviewed: 'success',
};

export function SelfCheckBadge({ state }: { state: SelfCheckState }) {
  const { t } = useTranslation('team');
  return (
    <Badge
      appearance="tint"
      shape="rounded"
      color={STATE_COLOR[state]}
      data-testid="self-check-state"
      data-state={state}
    >
      {t(`selfCheckState.${state}`)}
    </Badge>
  );
}
