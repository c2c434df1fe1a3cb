// The booking panel's styles, shared by its parts (the panel, the people picker, the plan, the result).
import { makeStyles, tokens } from '@fluentui/react-components';
import { groupBox, groupLegend } from '../shell/style-fragments.ts';

export const useBookingStyles = makeStyles({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
    gap: '8px 12px',
    alignItems: 'end',
    // A grid item is as wide as its content by default: a long interview type would push past the card.
    '& > *': { minWidth: 0 },
  },
  fieldset: { ...groupBox, padding: '8px 12px 12px' },
  legend: groupLegend,
  members: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: '0 12px',
  },
  typeField: { maxWidth: '480px', minWidth: 0 },
  breakRow: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'end' },
  planList: {
    listStyle: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
  },
  planRow: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8em, 1fr) minmax(0, 2fr)',
    gap: '4px 12px',
    alignItems: 'center',
    padding: '8px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 599px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  // Fluent's Field is a grid whose cell grows to the select's longest option unless allowed to shrink.
  select: { minWidth: 0 },
  bookedRow: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '4px 12px',
    alignItems: 'center',
    padding: '6px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});
