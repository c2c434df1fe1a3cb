import type { ComponentProps } from 'react';
import { PersonPicker } from '../shell/person-picker.tsx';

/**
 * The shell's person picker under a visible label, in a group that screen readers name by it. A new
 * `key` clears the picker's text.
 */
export function LabelledPersonPicker({
  label,
  ...picker
}: { label: string } & ComponentProps<typeof PersonPicker>) {
  return (
    <div role="group" aria-label={label}>
      <span>{label}</span>
      <PersonPicker {...picker} />
    </div>
  );
}
