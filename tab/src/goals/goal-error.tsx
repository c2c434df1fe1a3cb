import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../shell/error-text.ts';

/** A goal write that failed: what went wrong, and that what was typed is kept. */
export function GoalError({ failure }: { failure: unknown }) {
  const { t } = useTranslation('goals');
  const errorText = useErrorText();
  return (
    <MessageBar intent="error" role="alert" layout="multiline" data-testid="goal-error">
      <MessageBarBody>
        <MessageBarTitle>{t('errorTitle')}</MessageBarTitle>
        {`${errorText(failure)} `}
        {t('errorKept')}
      </MessageBarBody>
    </MessageBar>
  );
}
