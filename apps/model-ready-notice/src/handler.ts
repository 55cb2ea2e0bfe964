import { appSync, logger } from './clients';
import { createModelReadyNoticeHandler } from './notice';

/**
 * EventBridge target: a completed SageMaker training job, or an artifact uploaded under
 * `models/<name>/<version>/`, becomes one `notifyModelReady` keyed `modelName#version`.
 */
export const handler = createModelReadyNoticeHandler({ client: appSync, logger });
