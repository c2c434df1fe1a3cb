import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.ts';

/**
 * Tests keep logs quiet unless TEST_LOG_LEVEL asks for them. The service's own logger, so what tests
 * log goes through the same error serializer as production.
 */
export const testLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export interface CapturedLogs {
  /** The service's logger (src/logger.ts), writing into memory at every level. */
  logger: Logger;
  /** Every line written so far, exactly as it would reach stdout. */
  text(): string;
  /** The lines, parsed. */
  lines(): Array<Record<string, unknown>>;
}

/** A logger whose output a test can read back: for asserting what reaches a log and what never does. */
export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger('trace', sink);
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
