// The self-check page's styles, shared by its components.
import { makeStyles, tokens } from '@fluentui/react-components';
import { visuallyHidden } from '../shell/visually-hidden.ts';

export const useStyles = makeStyles({
  item: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: '12px',
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    minWidth: 0,
    // A control that gets focus (Tab) is scrolled into view clear of the sticky actions below it, not
    // under them (WCAG 2.4.11, focus not obscured): the footer is under 128 px tall at 360 px.
    '& input, & textarea': { scrollMarginBottom: '128px' },
  },
  itemHeading: { fontSize: tokens.fontSizeBase400, margin: 0 },
  mark: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
    marginLeft: '8px',
    padding: '0 8px',
    borderRadius: tokens.borderRadiusCircular,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
    whiteSpace: 'nowrap',
  },
  scale: { display: 'flex', flexWrap: 'wrap', columnGap: '4px' },
  scaleList: { margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px' },
  scaleTerm: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  scaleDesc: { margin: 0 },
  readValue: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  feedback: {
    borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    padding: '8px 12px',
  },
  feedbackHeading: { fontSize: tokens.fontSizeBase300, margin: '0 0 4px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  // Stays in view while the person scrolls through the items; in the flow (sticky, not fixed), so at the
  // end of the page it sits below the last item and covers nothing.
  footer: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    flexWrap: 'wrap',
    gap: '8px',
    alignItems: 'center',
    padding: '8px 12px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow8,
  },
  progress: { fontWeight: tokens.fontWeightSemibold, flexBasis: '100%' },
  missingList: { margin: '4px 0 0', paddingLeft: '20px' },
  visuallyHidden,
  textarea: { width: '100%' },
  // A native select is as wide as its longest option; on a phone it must shrink to the screen.
  picker: { width: '100%', maxWidth: '520px', minWidth: 0 },
  pickerSelect: { width: '100%', minWidth: 0 },
});
