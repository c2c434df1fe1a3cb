// A list the person edits row by row (interests, qualifications, agenda items): each row holds its
// fields and a button that removes it, and a button below adds a blank row until the list is full.
import { Button, makeStyles } from '@fluentui/react-components';
import type { Key, ReactNode } from 'react';
import { withoutAt } from './list-edit.ts';

export const useEditableListStyles = makeStyles({
  list: {
    listStyle: 'none',
    padding: 0,
    margin: '0 0 8px',
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
  },
  row: { display: 'flex', gap: '8px', alignItems: 'end', flexWrap: 'wrap' },
});

export function EditableList<Item>({
  items,
  onChange,
  blank,
  max,
  keyOf = (_item, index) => index,
  removeText,
  removeLabel,
  addText,
  testId,
  addTestId,
  children,
}: {
  items: readonly Item[];
  onChange: (items: Item[]) => void;
  /** The row the add button appends. */
  blank: () => Item;
  max: number;
  keyOf?: (item: Item, index: number) => Key;
  removeText: string;
  /** The remove button's accessible name: which row it removes. */
  removeLabel: (index: number) => string;
  addText: string;
  testId?: string;
  addTestId: string;
  /** A row's fields. */
  children: (item: Item, index: number) => ReactNode;
}) {
  const styles = useEditableListStyles();
  return (
    <>
      <ul className={styles.list} data-testid={testId}>
        {items.map((item, index) => (
          <li key={keyOf(item, index)} className={styles.row}>
            {children(item, index)}
            <Button aria-label={removeLabel(index)} onClick={() => onChange(withoutAt(items, index))}>
              {removeText}
            </Button>
          </li>
        ))}
      </ul>
      <Button
        disabled={items.length >= max}
        onClick={() => onChange([...items, blank()])}
        data-testid={addTestId}
      >
        {addText}
      </Button>
    </>
  );
}
