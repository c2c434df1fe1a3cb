// The navigation's その他 menu (navigation.tsx): the pages that did not fit, in their order. Loaded on
// demand, once the overflow manager finds a page that does not fit.
import {
  Button,
  makeStyles,
  Menu,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  useIsOverflowItemVisible,
  useOverflowMenu,
} from '@fluentui/react-components';
import { ChevronDownRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { navigate, type PageId } from './router.ts';

const useStyles = makeStyles({
  more: { flexShrink: 0, whiteSpace: 'nowrap', minWidth: 'auto' },
});

/** The その他 menu: the pages that did not fit, in their order (mounted only while some do not fit). */
export default function MoreMenu({ pages, current }: { pages: readonly PageId[]; current: PageId }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { ref, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  return (
    <Menu
      checkedValues={{ page: [current] }}
      onCheckedValueChange={(_, data) => {
        const page = data.checkedItems[0];
        if (page) navigate(page as PageId);
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <Button
          ref={ref}
          appearance="transparent"
          className={styles.more}
          icon={<ChevronDownRegular />}
          iconPosition="after"
          aria-label={t('navMore.count', { count: overflowCount })}
          role="tab"
          data-testid="nav-more"
        >
          {t('navMore.label')}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList data-testid="nav-more-menu">
          {pages.map((page) => (
            <MoreMenuItem key={page} page={page} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

function MoreMenuItem({ page }: { page: PageId }) {
  const { t } = useTranslation();
  const hidden = !useIsOverflowItemVisible(page);
  if (!hidden) return null;
  return (
    <MenuItemRadio name="page" value={page} data-testid={`nav-more-${page}`}>
      {t(`nav.${page}`)}
    </MenuItemRadio>
  );
}
