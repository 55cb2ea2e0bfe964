import { createLogger } from '@notifier/lambda-kit';
import type { Context } from 'aws-lambda';
import { createStartHandler } from './app';
import { s3, transcribe } from './clients';
import { loadStartConfig } from './config';

const logger = createLogger();
const start = createStartHandler({ config: loadStartConfig(), s3, transcribe, logger });

/**
 * Lambda entry point of video-transcriber start: EventBridge S3 `Object Created` (or S3 notification `Records`) for
 * media uploads under `private/<identityId>/` -> `StartTranscriptionJob`.
 *
 * @example
 * // Bundled by esbuild to dist/start.mjs; Lambda calls handler(event, context).
 */
export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  return start(event, context);
};
