import { createLogger } from '@notifier/lambda-kit';
import { createAppSyncClient } from '@notifier/mutation-signer';
import type { Context } from 'aws-lambda';
import { createCompleteHandler } from './app';
import { s3, transcribe } from './clients';
import { loadNotifyConfig } from './config';
import { appSyncNotifier } from './notify';

const config = loadNotifyConfig();
const logger = createLogger();
const complete = createCompleteHandler({
  s3,
  transcribe,
  notify: appSyncNotifier(createAppSyncClient({ url: config.graphqlUrl, logger })),
  logger,
});

/**
 * Lambda entry point of video-transcriber complete: EventBridge `Transcribe Job State Change` -> `GetTranscriptionJob`
 * -> `notifyTranscriptReady` to the job's owner.
 *
 * @example
 * // Bundled by esbuild to dist/complete.mjs; Lambda calls handler(event, context).
 */
export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  return complete(event, context);
};
