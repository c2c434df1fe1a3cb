// A 課's leads: its 課長 and 係長 run its workplace training (職場内研修, policy 7(4)②) and read its
// やりがい pulse and write its actions (docs/pulse.md). One rule for the server, which enforces it, and the
// tab, which shows those pages only to whom the server lets in. Shared by the server and the tab.

/** The framework levels that lead a 課: 課長 and 係長. */
export const DEPARTMENT_LEAD_LEVELS: readonly string[] = ['kacho', 'kakaricho'];

/** The 課 a person leads: their own 課 (`department` in force) if they are its 課長 or 係長; else null. */
export function ledDepartmentOf(
  person: { levelId: string | null; department: string | null } | undefined,
): string | null {
  if (!person?.department || !person.levelId) return null;
  return DEPARTMENT_LEAD_LEVELS.includes(person.levelId) ? person.department : null;
}
