import { useTranslation } from 'react-i18next';

export function OutsideTeams() {
  const { t } = useTranslation();
  return (
    <main style={{ fontFamily: 'sans-serif', maxWidth: 560, margin: '48px auto', padding: 16 }}>
      <h1>{t('outside.title')}</h1>
      <p>{t('outside.body')}</p>
    </main>
  );
}
