import { Spinner } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return <Spinner style={{ padding: 48 }} label={t('loading')} />;
}
