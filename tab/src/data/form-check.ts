// Forms check what was typed with the same zod schema the server validates the request with
// (src/**/*.contract.ts), so a limit changed there changes in the form too. The schema's issues become
// one message per field in the UI language; the server's own answer (fieldErrorsOf) stays the last word.
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';

/** Field name → the message to show under it (the first issue found for that field). */
export type FieldErrors = Record<string, string>;

/** Runs `schema` over the form's values; an empty object means the server would accept them. */
export function checkForm(schema: z.ZodType, values: Record<string, unknown>, t: TFunction): FieldErrors {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issueText(issue, values[field], t);
  }
  return errors;
}

/**
 * A request body the server's schema refuses, found before sending: it reads as the server's 400 would
 * (`validation_failed`, a detail per field at `body.<path>`), in the UI language, so a form shows it where
 * it shows the server's refusal. No request was made: there is no request id.
 */
export class FormCheckError extends ApiError {
  constructor(message: string, details: Array<{ path: string; message: string }>) {
    super(400, 'validation_failed', message, undefined, details);
    this.name = 'FormCheckError';
  }
}

/** Runs `schema` over a whole request body (nested lists too); undefined when the server would accept it. */
export function checkBody(schema: z.ZodType, body: unknown, t: TFunction): FormCheckError | undefined {
  const result = schema.safeParse(body);
  if (result.success) return undefined;
  const details = result.error.issues.map((issue) => ({
    path: ['body', ...issue.path.map(String)].join('.'),
    message: issueText(issue, valueAt(body, issue.path), t),
  }));
  return new FormCheckError(t('form.checkFailed'), details);
}

/**
 * checkBody for a mutation: `checked(schema, body)` answers the body, or throws what the schema refuses (a
 * FormCheckError) for the mutation's error handling to show as it shows the server's 400.
 */
export function useCheckedBody(): <Body>(schema: z.ZodType, body: Body) => Body {
  const { t } = useTranslation();
  return useCallback(
    <Body>(schema: z.ZodType, body: Body): Body => {
      const refused = checkBody(schema, body, t);
      if (refused) throw refused;
      return body;
    },
    [t],
  );
}

/**
 * An ErrorDetails `labelOf` from the form's labels (message keys) by field of the request body: `title`,
 * or `title.ja` for a nested one. `body.title.ja` reads as t('…titleJa'), `body.agenda.2.text` as the
 * list's label; a path the table lacks is shown as it is.
 */
export function labelsByField(
  labels: Record<string, string>,
  t: (key: string) => string,
): (path: string) => string {
  return (path) => {
    const [, first = '', second] = path.split('.');
    const key = labels[`${first}.${second}`] ?? labels[first];
    return key ? t(key) : path;
  };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (current, key) =>
      current !== null && typeof current === 'object'
        ? (current as Record<PropertyKey, unknown>)[key]
        : undefined,
    value,
  );
}

/**
 * A field left blank is "fill this in", whatever rule the blank text then breaks (a format, a minimum, a
 * refinement's "must not be blank").
 */
function issueText(issue: z.core.$ZodIssue, value: unknown, t: TFunction): string {
  return typeof value === 'string' && value.trim() === '' ? t('form.required') : messageOf(issue, t);
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
