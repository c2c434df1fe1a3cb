// The proposed plan: one slot per person, each with the times it may be swapped for, and who got none.
import { MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { OrEmpty, useLayoutStyles } from '../shell/layout.tsx';
import { RecordOptions } from '../shell/options.tsx';
import { useBookingStyles } from './booking-styles.ts';
import type { Planned } from './booking-types.ts';
import { formatSlot, optionsFor } from './schedule.ts';

export function PlanView({
  planned,
  stale,
  onChoose,
}: {
  planned: Planned;
  stale: boolean;
  onChoose: (personId: string, slot: { start: string; end: string }) => void;
}) {
  const { t, i18n } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useBookingStyles();
  const { plan, choices } = planned;
  const heading = useRef<HTMLHeadingElement>(null);
  // A new proposal appears below the form: keyboard and screen reader users are taken to it.
  useEffect(() => heading.current?.focus(), [plan]);
  return (
    <section className={layout.stack} aria-labelledby="interviews-plan" data-testid="plan">
      <h3 className={layout.h3} id="interviews-plan" ref={heading} tabIndex={-1}>
        {t('plan.title', { type: t(`types.${planned.settings.type}`) })}
      </h3>
      {stale ? (
        <MessageBar intent="info" data-testid="plan-stale">
          <MessageBarBody>{t('plan.stale')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <OrEmpty empty={plan.slots.length === 0} text={t('plan.none')} testId="plan-empty">
        <>
          <p className={layout.muted}>{t('plan.intro')}</p>
          <ul className={styles.planList}>
            {plan.slots.map((slot) => {
              const current = choices[slot.personId]!;
              const options = optionsFor(slot, choices, planned.settings.bufferMinutes);
              const id = `plan-swap-${slot.personId}`;
              return (
                <li
                  key={slot.personId}
                  className={styles.planRow}
                  data-testid={`plan-row-${slot.personId}`}
                  data-start={current.start}
                >
                  <label className={styles.name} htmlFor={id}>
                    {slot.displayName}
                  </label>
                  <Select
                    id={id}
                    className={styles.select}
                    aria-label={t('plan.swap', { name: slot.displayName })}
                    value={`${current.start}|${current.end}`}
                    onChange={(_, data) => {
                      const [start, end] = data.value.split('|');
                      onChoose(slot.personId, { start: start!, end: end! });
                    }}
                    data-testid={`plan-swap-${slot.personId}`}
                  >
                    <RecordOptions
                      records={options}
                      idOf={(option) => `${option.start}|${option.end}`}
                      labelOf={(option) => formatSlot(option, i18n.language)}
                    />
                  </Select>
                </li>
              );
            })}
          </ul>
        </>
      </OrEmpty>
      {plan.unplaced.length > 0 ? (
        <div data-testid="plan-unplaced">
          <h4 className={layout.h3}>{t('plan.unplaced')}</h4>
          <ul>
            {plan.unplaced.map((entry) => (
              <li key={entry.personId} data-testid={`unplaced-${entry.personId}`} data-reason={entry.reason}>
                <strong>{entry.displayName}</strong>: {t(`plan.reasons.${entry.reason}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
