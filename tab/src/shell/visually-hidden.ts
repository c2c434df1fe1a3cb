import type { GriffelStyle } from '@fluentui/react-components';

/**
 * Out of sight but read by screen readers: for text that only repeats what the layout shows (a table's
 * column names on a narrow screen, a mark's meaning beside its symbol). Spread into a makeStyles block.
 */
export const visuallyHidden: GriffelStyle = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};
