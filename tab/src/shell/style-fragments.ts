import { tokens, type GriffelStyle } from '@fluentui/react-components';

// Looks that several pages give the same kind of element. Spread into a makeStyles block; a page adds
// or overrides what is its own after the spread.

/** A card's surface: the page's panels and the home's cards (each sets its own padding). */
export const cardSurface: GriffelStyle = {
  backgroundColor: tokens.colorNeutralBackground1,
  border: `1px solid ${tokens.colorNeutralStroke2}`,
  borderRadius: tokens.borderRadiusLarge,
  minWidth: 0,
};

/** A list without bullets, one entry under another: the page adds the gap between them. */
export const plainList: GriffelStyle = {
  listStyle: 'none',
  padding: 0,
  margin: 0,
  display: 'flex',
  flexDirection: 'column',
};

/** A thin rounded frame: a form's fieldset around a group of choices, or an entry of a list. */
export const groupBox: GriffelStyle = {
  border: `1px solid ${tokens.colorNeutralStroke2}`,
  borderRadius: tokens.borderRadiusMedium,
  padding: '8px 12px',
  margin: 0,
  minWidth: 0,
};

/** The legend of a groupBox fieldset. */
export const groupLegend: GriffelStyle = { fontWeight: tokens.fontWeightSemibold, padding: '0 4px' };

/** A chart's key below it: the entries side by side as a list without bullets, wrapping on narrow screens. */
export const chartKey: GriffelStyle = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: '4px 16px',
  listStyle: 'none',
  padding: 0,
  margin: '8px 0 0',
};

/** A select that shrinks with a phone's width: a long option is cut with an ellipsis, not the page widened. */
export const shrinkingSelect: GriffelStyle = {
  minWidth: 0,
  width: '100%',
  '& select': { minWidth: 0, textOverflow: 'ellipsis' },
};

/** An entry marked by the brand's stripe on its left: a goal, a guideline, a wish, an item given feedback. */
export const brandStripe: GriffelStyle = {
  borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
  paddingLeft: '12px',
};
