import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ConflictBar } from '../shell/conflict-bar.tsx';
import { useStyles } from './styles.ts';

/** Saved elsewhere meanwhile: load theirs, or save what is on this page over it. */
export function VersionConflict({
  disabled,
  onReload,
  onOverwrite,
}: {
  disabled: boolean;
  onReload: () => void;
  onOverwrite: () => void;
}) {
  const { t } = useTranslation('selfCheck');
  return (
    <ConflictBar title={t('conflictTitle')} body={t('conflictBody')} testId="version-conflict" multiline>
      <Button onClick={onReload} disabled={disabled} data-testid="conflict-reload">
        {t('reload')}
      </Button>
      <Button onClick={onOverwrite} disabled={disabled} data-testid="conflict-overwrite">
        {t('overwrite')}
      </Button>
    </ConflictBar>
  );
}

/** Items still to rate before submitting, each a link to its rating. */
export function MissingRatings({
  missing,
  nameOf,
  onFocus,
}: {
  missing: string[];
  nameOf: (id: string) => string;
  onFocus: (id: string) => void;
}) {
  const { t } = useTranslation('selfCheck');
  const styles = useStyles();
  return (
    <MessageBar intent="error" role="alert" data-testid="missing-ratings" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('missingTitle')}</MessageBarTitle>
        {t('missingBody', { count: missing.length })}
        <ul className={styles.missingList}>
          {missing.map((id) => (
            <li key={id}>
              <Link as="button" onClick={() => onFocus(id)}>
                {nameOf(id)}
              </Link>
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
