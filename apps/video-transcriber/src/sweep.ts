import { createLogger } from '@notifier/lambda-kit';
import { createAppSyncClient } from '@notifier/mutation-signer';
import type { Context } from 'aws-lambda';
import { createSweepHandler } from './app';
import { s3, transcribe } from './clients';
import { loadSweepConfig } from './config';
import { appSyncNotifier } from './notify';

const config = loadSweepConfig();
const logger = createLogger();
const sweep = createSweepHandler({
  config,
  s3,
  transcribe,
  notify: appSyncNotifier(createAppSyncClient({ url: config.graphqlUrl, logger })),
  logger,
});

/**
 * Lambda entry point of video-transcriber sweep (EventBridge schedule): notifies every notifier job that finished within
 * the window, so a lost completion event loses nothing (repeats are no-ops thanks to idempotency).
 *
 * @example
 * // Bundled by esbuild to dist/sweep.mjs; Lambda calls handler(event, context).
 */
export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  return sweep(event, context);
};
