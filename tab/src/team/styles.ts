import { makeStyles, tokens } from '@fluentui/react-components';
import { brandStripe, plainList } from '../shell/style-fragments.ts';

/** The list a supervisor gives feedback in, item by item: a person's goals and their self-check. */
export const useFeedbackStyles = makeStyles({
  items: { ...plainList, gap: '16px' },
  item: {
    ...brandStripe,
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    minWidth: 0,
  },
  itemHead: { display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'baseline' },
  itemName: { fontWeight: tokens.fontWeightSemibold },
  given: {
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    padding: '4px 8px',
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center', marginTop: '12px' },
  // A goal's comment box, beside its stage picker.
  commentForm: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'end', marginTop: '8px' },
  grow: { flexGrow: 1, flexBasis: '220px', minWidth: 0 },
  // The competency guide above the self-check's items.
  guide: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 12px',
    marginBottom: '12px',
  },
});
