import { registerBundle } from '../../i18n/i18n.ts';
import { ErasurePanel } from '../audit/erasure-panel.tsx';
import messages from '../audit/messages.ts';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';

registerBundle('hr-audit', messages);

/** 退職者のデータ削除: its own place in the console, apart from reading the audit log. */
export default function ErasureSection({ api }: HrSectionProps) {
  return (
    <SectionFrame section="erasure">
      <ErasurePanel api={api} />
    </SectionFrame>
  );
}
