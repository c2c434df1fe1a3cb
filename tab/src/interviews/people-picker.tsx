// The booking panel's choice of people: the team by depth (direct reports first), each group with "all".
import { Checkbox } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { TeamMember } from '../../../src/growth/team.contract.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { useBookingStyles } from './booking-styles.ts';

export function PeoplePicker({
  members,
  selected,
  onChange,
}: {
  members: TeamMember[];
  selected: Set<string>;
  onChange: (next: Set<string>) => void;
}) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useBookingStyles();
  const depths = [...new Set(members.map((member) => member.depth))].sort((a, b) => a - b);
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };
  return (
    <div className={layout.stack}>
      <div>
        <h3 className={layout.h3}>{t('book.people')}</h3>
        <span className={layout.muted}>{t('book.peopleHint')}</span>
      </div>
      {depths.map((depth) => {
        const group = members.filter((member) => member.depth === depth);
        const ids = group.map((member) => member.id);
        const count = ids.filter((id) => selected.has(id)).length;
        const legend = depth === 1 ? t('book.depth1') : t('book.depthN', { depth });
        return (
          <fieldset key={depth} className={styles.fieldset} data-testid={`booking-depth-${depth}`}>
            <legend className={styles.legend}>{legend}</legend>
            <Checkbox
              checked={count === 0 ? false : count === ids.length ? true : 'mixed'}
              onChange={(_, data) => toggle(ids, data.checked === true)}
              label={t('book.selectAll', { count: ids.length })}
              data-testid={`booking-select-all-${depth}`}
            />
            <div className={styles.members}>
              {group.map((member) => (
                <Checkbox
                  key={member.id}
                  checked={selected.has(member.id)}
                  onChange={(_, data) => toggle([member.id], data.checked === true)}
                  label={member.jobTitle ? `${member.displayName}（${member.jobTitle}）` : member.displayName}
                  data-testid={`booking-person-${member.id}`}
                />
              ))}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
