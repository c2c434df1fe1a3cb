import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../src/framework/framework.contract.ts';

/** Picks the policy text in the UI's language. */
export function useLocalized(): (text: LocalizedText) => string {
  const { i18n } = useTranslation();
  return (text) => (i18n.language === 'en' ? text.en : text.ja);
}
