// A list of short entries beside or under the form (the person's context, their result): each with a
// rule at its start, a bold first line and wrapped text.
import { makeStyles, tokens } from '@fluentui/react-components';
import { plainList } from '../shell/style-fragments.ts';

export const useEntryStyles = makeStyles({
  list: { ...plainList, gap: '8px' },
  entry: {
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    paddingLeft: '8px',
    overflowWrap: 'anywhere',
  },
  title: { fontWeight: tokens.fontWeightSemibold, margin: 0 },
  text: { margin: 0, whiteSpace: 'pre-line', overflowWrap: 'anywhere' },
});
