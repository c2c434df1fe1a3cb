import { useTranslation } from 'react-i18next';
import type { PageProps } from '../shell/app.tsx';
import { Page } from '../shell/layout.tsx';

// Placeholder until this page is built (issue 5).
export default function SelfCheckView(_props: PageProps) {
  const { t } = useTranslation();
  return (
    <Page title={t('nav.self-check')} testId="self-check">
      <p>…</p>
    </Page>
  );
}
