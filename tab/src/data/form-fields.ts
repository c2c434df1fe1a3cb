// The state of a form that holds its fields in one object: set one field, and tie a text field to an
// input (Fluent's Input, Textarea and Select, the shell's DateInput and TimeInput all hand back
// `data.value`), so a field's markup says only what is particular to it.
import { useState } from 'react';

/** The keys of the fields that hold plain text (not a union of literals, not a list or a flag). */
export type TextKey<Fields> = {
  [K in keyof Fields]-?: string extends Fields[K] ? (Fields[K] extends string ? K : never) : never;
}[keyof Fields];

export function useFormFields<Fields extends object>(initial: Fields | (() => Fields)) {
  const [fields, setFields] = useState<Fields>(initial);
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) =>
    setFields((previous) => ({ ...previous, [key]: value }));
  /** `value` and `onChange` for an input of the text field `key`. */
  const text = <K extends TextKey<Fields>>(key: K) => ({
    value: fields[key] as string,
    onChange: (_event: unknown, data: { value: string }) => set(key, data.value as Fields[K]),
  });
  return { fields, setFields, set, text };
}
