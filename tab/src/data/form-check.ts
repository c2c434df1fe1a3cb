// Forms check what was typed with the same zod schema the server validates the request with
// (src/**/*.contract.ts), so a limit changed there changes in the form too. The schema's issues become
// one message per field in the UI language; the server's own answer (fieldErrorsOf) stays the last word.
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';

/** Field name → the message to show under it (the first issue found for that field). */
export type FieldErrors = Record<string, string>;

/** Runs `schema` over the form's values; an empty object means the server would accept them. */
export function checkForm(schema: z.ZodType, values: Record<string, unknown>, t: TFunction): FieldErrors {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    // A field left empty is "fill this in", whatever rule the empty text then breaks (a format, a minimum).
    errors[field] ??= values[field] === '' ? t('form.required') : messageOf(issue, t);
  }
  return errors;
}

/** checkForm with the messages of the UI language. */
export function useFormCheck(): (schema: z.ZodType, values: Record<string, unknown>) => FieldErrors {
  const { t } = useTranslation();
  return useCallback((schema, values) => checkForm(schema, values, t), [t]);
}

function messageOf(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return t('form.required');
      if (issue.origin === 'array') return t('form.tooFew', { min: Number(issue.minimum) });
      return t('form.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('form.tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return t('form.tooMany', { max: Number(issue.maximum) });
      return t('form.tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      return t('form.invalidFormat');
    case 'custom':
      // The shared refinements carry a message written for people (e.g. text that cannot be stored).
      return issue.message;
    default:
      return t('form.invalid');
  }
}
