import type { ReactNode } from 'react';
import { useLayoutStyles } from '../shell/layout.tsx';
import type { HrSection } from './hr-view.tsx';

/** A console section's root: what the section shows, stacked; its test id is `hr-section-<section>`. */
export function SectionFrame({ section, children }: { section: HrSection; children: ReactNode }) {
  const layout = useLayoutStyles();
  return (
    <div className={layout.stack} data-testid={`hr-section-${section}`}>
      {children}
    </div>
  );
}
