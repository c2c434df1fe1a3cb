import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Section, useLayoutStyles } from '../../shell/layout.tsx';

/** The panels of the people section; each one's texts are under its name in the `hr-people` bundle. */
export type PeoplePart = 'list' | 'history' | 'import' | 'disagreements' | 'sync';

/**
 * A panel of the people section: a card titled `<part>.title` (its anchor `hr-people-<part>`, which is
 * also its test id), with `<part>.intro` as a muted first line where `intro` is set, over a stack of what
 * the panel shows.
 */
export function PeoplePanel({
  part,
  intro = false,
  children,
}: {
  part: PeoplePart;
  intro?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation('hr-people');
  const layout = useLayoutStyles();
  const id = `hr-people-${part}`;
  return (
    <Section title={t(`${part}.title`)} id={id} testId={id}>
      <div className={layout.stack}>
        {intro ? (
          <p className={layout.muted} style={{ margin: 0 }}>
            {t(`${part}.intro`)}
          </p>
        ) : null}
        {children}
      </div>
    </Section>
  );
}
