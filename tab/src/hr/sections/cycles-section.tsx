import { useTranslation } from 'react-i18next';
import { useLayoutStyles } from '../../shell/layout.tsx';
import type { HrSectionProps } from '../section-props.ts';

/** Placeholder until this section is built: says so plainly instead of pretending. */
export default function CyclesSection(_props: HrSectionProps) {
  const { t } = useTranslation('hr');
  const layout = useLayoutStyles();
  return (
    <p className={layout.muted} data-testid="hr-section-cycles">
      {t('sections.cycles')}
    </p>
  );
}
