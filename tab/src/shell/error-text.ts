import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

type Translate = (key: string, options?: { defaultValue: string }) => string;

/**
 * What to tell a person about a failure, in the UI's language. The API's messages are English and
 * specific; in Japanese the error's stable code picks a sentence of ours, and the English text stays for
 * English users (and for support, with the request id).
 */
export function describeError(error: unknown, language: string, t: Translate): string {
  if (language === 'en') return error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError) return t(`apiError.${error.code}`, { defaultValue: t('apiError.unknown') });
  return t('apiError.network');
}

export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => describeError(error, i18n.language, t);
}
