import { useState } from 'react';
import { registerBundle } from '../../i18n/i18n.ts';
import { DisagreementsPanel } from '../people/disagreements-panel.tsx';
import { HistoryPanel } from '../people/history-panel.tsx';
import { ImportPanel } from '../people/import-panel.tsx';
import messages from '../people/messages.ts';
import { StaffListPanel } from '../people/staff-list-panel.tsx';
import { SyncPanel } from '../people/sync-panel.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';

registerBundle('hr-people', messages);

/**
 * 職員・職層: the staff list (search and filters, one head count), a person's history, HR's import of
 * levels (all rows or none, with who changes and how), where HR's 課 and the directory's disagree, and
 * directory sync on demand.
 */
export default function PeopleSection({ api, base }: HrSectionProps) {
  const [personId, setPersonId] = useState('');
  // A person opened from the list clears what was typed in the history's own picker.
  const [pickerKey, setPickerKey] = useState(0);
  return (
    <SectionFrame section="people">
      <StaffListPanel
        api={api}
        base={base}
        onOpen={(person) => {
          setPersonId(person.id);
          setPickerKey((key) => key + 1);
          // The history is below the list: bring it into view (and focus, for keyboard and screen readers).
          requestAnimationFrame(() => {
            const heading = document.getElementById('hr-people-history');
            heading?.scrollIntoView({ block: 'start' });
            heading?.setAttribute('tabindex', '-1');
            heading?.focus({ preventScroll: true });
          });
        }}
      />
      <HistoryPanel api={api} base={base} personId={personId} onPick={setPersonId} pickerKey={pickerKey} />
      <ImportPanel api={api} framework={base.framework} />
      <DisagreementsPanel api={api} />
      <SyncPanel api={api} />
    </SectionFrame>
  );
}
