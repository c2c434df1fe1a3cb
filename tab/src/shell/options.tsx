// The options of a <Select>: one a value, which is both the option's key and its value.
import type { ReactNode } from 'react';

export function Options<Value extends string | number>({
  values,
  labelOf,
}: {
  values: readonly Value[];
  /** The option's text. */
  labelOf: (value: Value) => ReactNode;
}) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {labelOf(value)}
        </option>
      ))}
    </>
  );
}
