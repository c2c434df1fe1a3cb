// One guard for every form of the tab: a form says whether it holds unsaved changes, and leaving the page
// — closing or reloading (beforeunload) or moving inside the tab (navigation bar, links, back button) —
// asks first. In-app moves ask with a Fluent dialog rather than window.confirm, which Teams clients
// may not show inside a tab's iframe.
import { lazy, Suspense, useEffect, useState } from 'react';

// The dialog's code (Fluent's Dialog and its focus trap) loads only when a page is left with unsaved
// changes: the home, which everyone opens, does not pay for it.
const UnsavedChangesDialog = lazy(() => import('./unsaved-changes-dialog.tsx'));

const dirtyForms = new Set<symbol>();
let ask: (() => Promise<boolean>) | undefined;

export function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0;
}

/** Marks the calling form as holding unsaved changes while `dirty` is true (and it is mounted). */
export function useUnsavedChanges(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const form = Symbol('form');
    dirtyForms.add(form);
    return () => {
      dirtyForms.delete(form);
    };
  }, [dirty]);
}

/**
 * Resolves true when the page may be left: nothing unsaved, or the person chose to leave without saving
 * (then the forms' marks are dropped, as the forms are about to go).
 */
export async function confirmLeave(): Promise<boolean> {
  if (!hasUnsavedChanges()) return true;
  // Without the guard mounted there is nobody to ask: keep the changes.
  if (!ask) return false;
  const leave = await ask();
  if (leave) dirtyForms.clear();
  return leave;
}

const onBeforeUnload = (event: BeforeUnloadEvent) => {
  if (!hasUnsavedChanges()) return;
  // Browsers show their own text; both calls are needed across them.
  event.preventDefault();
  event.returnValue = '';
};

/** Mounted once by the shell: the dialog that in-app navigation waits on, and the beforeunload hook. */
export function UnsavedChangesGuard() {
  const [answer, setAnswer] = useState<((leave: boolean) => void) | null>(null);
  useEffect(() => {
    ask = () => new Promise<boolean>((resolve) => setAnswer(() => resolve));
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      ask = undefined;
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);
  if (answer === null) return null;
  const decide = (leave: boolean) => {
    answer(leave);
    setAnswer(null);
  };
  return (
    <Suspense fallback={null}>
      <UnsavedChangesDialog onDecide={decide} />
    </Suspense>
  );
}
