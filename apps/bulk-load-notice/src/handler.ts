import { appSync, logger, s3 } from './clients';
import { createBulkLoadNoticeHandler } from './notice';

/**
 * EventBridge target: a `_SUCCESS` marker or `manifest.json` under `<dataset>/<version>/` (S3 `Object
 * Created`), or a `notifier.bulk-load` `Bulk Load Completed` event, becomes one `notifyDatasetRefreshed`.
 */
export const handler = createBulkLoadNoticeHandler({ client: appSync, s3, logger });
