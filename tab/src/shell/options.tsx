// The options of a <Select>: one a value (scalars) or one a record (anything with a value and a text).
import type { ReactNode } from 'react';

function optionsOf<Entry>(
  entries: readonly Entry[],
  idOf: (entry: Entry) => string | number,
  labelOf: (entry: Entry) => ReactNode,
) {
  return entries.map((entry) => (
    <option key={idOf(entry)} value={idOf(entry)}>
      {labelOf(entry)}
    </option>
  ));
}

/** One option a value, which is both the option's key and its value. */
export function Options<Value extends string | number>({
  values,
  labelOf,
}: {
  values: readonly Value[];
  /** The option's text. */
  labelOf: (value: Value) => ReactNode;
}) {
  return <>{optionsOf(values, (value) => value, labelOf)}</>;
}

type RecordOptionsProps<Entry> = {
  records: readonly Entry[];
  /** The option's text. */
  labelOf: (record: Entry) => ReactNode;
  /** The text of a first option with the value '' ("none", "choose…"); no such option when undefined. */
  none?: ReactNode | undefined;
} & (Entry extends { id: string }
  ? {
      /** The option's value, also its key: the record's id unless given. */ idOf?: (record: Entry) => string;
    }
  : { idOf: (record: Entry) => string });

/** One option a record, after an optional first option with the value ''. */
export function RecordOptions<Entry>({ records, labelOf, none, idOf }: RecordOptionsProps<Entry>) {
  return (
    <>
      {none === undefined ? null : <option value="">{none}</option>}
      {optionsOf(records, idOf ?? ((record) => (record as { id: string }).id), labelOf)}
    </>
  );
}
