import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../shell/error-text.ts';
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
    <MessageBar intent="warning" role="alert" data-testid="version-conflict" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('conflictTitle')}</MessageBarTitle>
        {t('conflictBody')}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onReload} disabled={disabled} data-testid="conflict-reload">
          {t('reload')}
        </Button>
        <Button onClick={onOverwrite} disabled={disabled} data-testid="conflict-overwrite">
          {t('overwrite')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** A write failed; what was typed stays in the form. */
export function SaveError({ error }: { error: unknown }) {
  const { t } = useTranslation('selfCheck');
  const errorText = useErrorText();
  return (
    <MessageBar intent="error" role="alert" data-testid="save-error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('errorTitle')}</MessageBarTitle>
        {`${errorText(error)} `}
        {t('errorKept')}
      </MessageBarBody>
    </MessageBar>
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
