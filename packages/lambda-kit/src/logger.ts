import { Logger } from '@aws-lambda-powertools/logger';

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /**
   * The `service` field of every log line.
   * @default `POWERTOOLS_SERVICE_NAME` (infra sets it to the app folder), else `notifier`
   */
  serviceName?: string;
  /**
   * Lowest level printed.
   * @default `POWERTOOLS_LOG_LEVEL` / `LOG_LEVEL` / `AWS_LAMBDA_LOG_LEVEL`, else `INFO`
   */
  logLevel?: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'CRITICAL' | 'SILENT';
  /**
   * Keys added to every log line.
   * @default none
   */
  persistentKeys?: Record<string, unknown>;
}

/**
 * Creates the Powertools Logger of a function: structured JSON lines on stdout, one per call.
 *
 * @example
 * ```ts
 * export const logger = createLogger();
 * logger.info('notification sent', { notificationId, eventId });
 * ```
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  return new Logger({
    serviceName: options.serviceName ?? nonEmpty(process.env.POWERTOOLS_SERVICE_NAME) ?? 'notifier',
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.persistentKeys ? { persistentKeys: options.persistentKeys } : {}),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

export type { Logger };
