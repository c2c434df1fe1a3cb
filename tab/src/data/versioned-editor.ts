// The state of a long editor that saves a whole versioned document with PUT (the career design, an
// interview record): what the server last gave, the form being typed, whether it differs (guarded
// against leaving the page) and what the last save said. A stale version (409) keeps every typed
// character; the person decides when to load the newer one. Given the server's input schema, a save
// first runs it over the body: what it refuses is said, in the UI language, without a request.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';
import { useUnsavedChanges } from '../shell/unsaved-changes.tsx';
import { useCheckedBody } from './form-check.ts';

export type EditorNotice = { kind: 'saved' } | { kind: 'conflict' } | { kind: 'error'; error: unknown };

export function useVersionedEditor<Saved extends { version: number }, Form extends object>({
  initial,
  formOf,
  cleaned,
  queryKey,
  put,
  onSaved,
  schema,
}: {
  initial: Saved;
  /** The form for what the server gave. */
  formOf: (saved: Saved) => Form;
  /** What is sent: rows left blank dropped; also what "unsaved" compares. */
  cleaned: (form: Form) => Form;
  /** The query that read `initial`: it is given each saved response. */
  queryKey: readonly unknown[];
  put: (body: Form & { version: number }, saved: Saved) => Promise<Saved>;
  /** Anything else to tell once saved (other lists that show the document). */
  onSaved?: () => void;
  /** The request body's schema from the contract: checked before sending (form-check.ts). */
  schema: z.ZodType;
}) {
  const checked = useCheckedBody();
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState<Form>(() => formOf(initial));
  const [notice, setNotice] = useState<EditorNotice>();
  const dirty = useMemo(
    () => JSON.stringify(cleaned(form)) !== JSON.stringify(cleaned(formOf(saved))),
    [form, saved, cleaned, formOf],
  );
  useUnsavedChanges(dirty);

  const update = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setNotice((current) => (current?.kind === 'saved' ? undefined : current));
  };

  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (body: Form & { version: number }) => put(checked(schema, body), saved),
    onMutate: () => setNotice(undefined),
    onSuccess: (response) => {
      queryClient.setQueryData(queryKey, response);
      onSaved?.();
      setSaved(response);
      setForm(formOf(response));
      setNotice({ kind: 'saved' });
    },
    onError: (error) =>
      setNotice(
        error instanceof ApiError && error.status === 409 ? { kind: 'conflict' } : { kind: 'error', error },
      ),
  });
  const save = () => mutation.mutate({ version: saved.version, ...cleaned(form) });

  return { saved, form, setForm, update, dirty, notice, mutation, save };
}
