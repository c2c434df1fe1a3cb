import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };

export type Language = 'ja' | 'en';

/** Japanese first; English when Teams runs in English. */
export function languageFor(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'ja';
}

export async function setUpI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'ja',
    resources: { ja: { translation: ja }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
}

export interface Bundle {
  ja: Record<string, unknown>;
  en: Record<string, unknown>;
}

/**
 * Adds a view's own messages under its namespace (`useTranslation('goals')`). Views load lazily, so
 * their texts travel with them instead of weighing on the home.
 */
export function registerBundle(namespace: string, bundle: Bundle): void {
  i18next.addResourceBundle('ja', namespace, bundle.ja, true, true);
  i18next.addResourceBundle('en', namespace, bundle.en, true, true);
}
