import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Redaction is a second line of defence: code should not log secrets at all. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'hagukumi' },
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
        'token',
        '*.token',
        'accessToken',
        '*.accessToken',
        'clientSecret',
        '*.clientSecret',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
