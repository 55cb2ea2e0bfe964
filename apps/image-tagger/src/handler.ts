import { createLogger } from '@notifier/lambda-kit';
import { createAppSyncClient } from '@notifier/mutation-signer';
import type { Context } from 'aws-lambda';
import { createImageTaggerHandler } from './app';
import { rekognition, s3 } from './clients';
import { loadConfig } from './config';
import { appSyncNotifier } from './notify';

const config = loadConfig();
const logger = createLogger();
const tagImages = createImageTaggerHandler({
  config,
  s3,
  rekognition,
  notify: appSyncNotifier(createAppSyncClient({ url: config.graphqlUrl, logger })),
  logger,
});

/**
 * Lambda entry point of image-tagger: EventBridge S3 `Object Created` (or S3 notification `Records`) for uploads under
 * `private/<identityId>/` -> checks, Rekognition `DetectLabels` -> `notifyImageTagged` to the owner.
 *
 * @example
 * // Bundled by esbuild to dist/handler.mjs; Lambda calls handler(event, context).
 */
export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  return tagImages(event, context);
};
