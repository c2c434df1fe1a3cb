import type { z } from 'zod';
import { AppError, type ErrorDetail } from './app-error.ts';

export function zodDetails(error: z.ZodError, prefix: string): ErrorDetail[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** Parses outside input; on failure throws a 400 that names every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError(
      'validation_failed',
      `The request's ${where} is not valid.`,
      zodDetails(result.error, where),
    );
  }
  return result.data;
}
