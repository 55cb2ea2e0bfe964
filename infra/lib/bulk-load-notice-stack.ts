// The bulk-load-notice app: a `_SUCCESS` marker or `manifest.json` under <dataset>/<version>/ in the
// data bucket, or a `Bulk Load Completed` event -> notifyDatasetRefreshed (broadcast).
import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AppStack, type AppStackProps } from './app-stack';
import { objectCreatedPattern } from './constructs/event-patterns';
import { bindMutation, NotifierFunction } from './constructs/notifier-function';

/** The `source` of custom bulk-load events on the default event bus. */
export const BULK_LOAD_EVENT_SOURCE = 'notifier.bulk-load';
/** The `detail-type` of custom bulk-load events. */
export const BULK_LOAD_DETAIL_TYPE = 'Bulk Load Completed';

/** Options of {@link BulkLoadNoticeStack}. */
export interface BulkLoadNoticeStackProps extends AppStackProps {
  /** The bulk-load data bucket. */
  readonly dataBucket: IBucket;
}

/**
 * The bulk-load-notice function, its two rules (data bucket markers, custom event), dead-letter queue
 * and alarms.
 *
 * @example
 * new BulkLoadNoticeStack(app, 'Notifier-dev-BulkLoadNotice', { config, api, alarmTopic, dataBucket });
 */
export class BulkLoadNoticeStack extends AppStack {
  constructor(scope: Construct, id: string, props: BulkLoadNoticeStackProps) {
    super(scope, id, 'bulk-load-notice', props);
    const fn = this.addFunction(
      new NotifierFunction(this, 'Handler', {
        app: this.app,
        handler: 'handler',
        description: 'Announces a completed bulk load to every signed-in user',
        timeout: Duration.seconds(30),
        api: props.api,
        config: props.config,
      }),
    );
    bindMutation(fn, 'notifyDatasetRefreshed');
    fn.readObjects(props.dataBucket, '*/manifest.json', 'Manifests of every dataset version (recordCount).');

    new Rule(this, 'LoadMarkerRule', {
      description: 'A _SUCCESS marker or manifest.json under <dataset>/<version>/ in the data bucket',
      eventPattern: objectCreatedPattern(props.dataBucket.bucketName, [{ suffix: '/_SUCCESS' }, { suffix: '/manifest.json' }]),
    }).addTarget(this.operations.target(fn));

    new Rule(this, 'LoadEventRule', {
      description: `${BULK_LOAD_DETAIL_TYPE} events from ${BULK_LOAD_EVENT_SOURCE}`,
      eventPattern: { source: [BULK_LOAD_EVENT_SOURCE], detailType: [BULK_LOAD_DETAIL_TYPE] },
    }).addTarget(this.operations.target(fn));

    this.operations.watchAsync(fn);
    this.outputDeadLetterQueue();
  }
}
