import { registerBundle } from '../../i18n/i18n.ts';
import { useLayoutStyles } from '../../shell/layout.tsx';
import { DisagreementsPanel } from '../people/disagreements-panel.tsx';
import { HistoryPanel } from '../people/history-panel.tsx';
import { ImportPanel } from '../people/import-panel.tsx';
import messages from '../people/messages.ts';
import { SyncPanel } from '../people/sync-panel.tsx';
import type { HrSectionProps } from '../section-props.ts';

registerBundle('hr-people', messages);

/**
 * 職員・職層: HR's import of levels (all rows or none), a person's level history, where HR's 課 and the
 * directory's disagree, and directory sync on demand.
 */
export default function PeopleSection({ api, base }: HrSectionProps) {
  const layout = useLayoutStyles();
  return (
    <div className={layout.stack} data-testid="hr-section-people">
      <ImportPanel api={api} />
      <HistoryPanel api={api} base={base} />
      <DisagreementsPanel api={api} />
      <SyncPanel api={api} />
    </div>
  );
}
