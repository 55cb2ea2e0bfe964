// Every bucket of notifier, in one stack that no app stack writes to: apps subscribe to bucket events
// through their own EventBridge rules, so the buckets never reference an app (no cross-stack cycle).
import { CfnOutput, Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
  type BucketProps,
  type CfnBucket,
  type LifecycleRule,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageConfig } from './config';
import { acknowledge } from './nag';

/** The only folder of the uploads bucket: `private/<identityId>/` (Amplify Storage's private level). */
export const UPLOADS_PREFIX = 'private/';

/** Options of {@link StorageStack}. */
export interface StorageStackProps extends StackProps {
  /** Stage settings (removal, CORS origins, dev expiry). */
  readonly config: StageConfig;
}

/**
 * The buckets: uploads (users' media under `private/<identityId>/`), transcripts (Transcribe
 * output), data (bulk loads), models (artifacts), and the access-log bucket they log to.
 *
 * @example
 * const storage = new StorageStack(app, 'Notifier-dev-Storage', { config });
 */
export class StorageStack extends Stack {
  /** Users' uploads: `private/<identityId>/<file>` (Amplify Storage layout). */
  public readonly uploads: Bucket;
  /** Transcribe job output (`transcripts/<jobName>.json`), read by the video-transcriber. */
  public readonly transcripts: Bucket;
  /** Bulk-load data sets: `<dataset>/<version>/...` with `_SUCCESS` or `manifest.json`. */
  public readonly data: Bucket;
  /** Model artifacts: `models/<name>/<version>/...`. */
  public readonly models: Bucket;
  /** Server access logs of the four buckets above. */
  public readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    const { config } = props;

    const abortUploads: LifecycleRule = { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) };
    const mediaLifecycle: LifecycleRule[] = config.mediaExpiration
      ? [abortUploads, { id: 'expire-dev-media', expiration: config.mediaExpiration }]
      : [abortUploads, { id: 'tier-media', transitions: [{ storageClass: StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(30) }] }];

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...this.commonProps(config),
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(config.mediaExpiration ? 30 : 365) }],
    });
    acknowledge(this.accessLogs, 'AwsSolutions-S1', 'This is the access-log bucket itself: logging it into itself would loop.');

    this.uploads = this.eventBucket('Uploads', config, {
      lifecycleRules: mediaLifecycle,
      cors: [
        {
          // Amplify Storage uploads from the browser (PUT, multipart POST) and reads back (GET/HEAD).
          allowedOrigins: [...config.webOrigins],
          allowedMethods: [HttpMethods.GET, HttpMethods.HEAD, HttpMethods.PUT, HttpMethods.POST],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'x-amz-request-id', 'x-amz-id-2', 'x-amz-server-side-encryption', 'x-amz-version-id'],
          maxAge: 3000,
        },
      ],
    });
    // Nothing may create an object outside the owner folders, whoever asks: the app rules match uploads by
    // extension in any case, which EventBridge cannot AND with a key prefix, so this statement is what keeps
    // every upload event they receive under private/ (keysWithExtensions in constructs/event-patterns.ts).
    this.uploads.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OwnerFoldersOnly',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject', 's3:ReplicateObject'],
        notResources: [this.uploads.arnForObjects(`${UPLOADS_PREFIX}*`)],
      }),
    );
    // Read by the video-transcriber only: owners read their copy under private/<identityId>/transcripts/ of uploads.
    this.transcripts = this.eventBucket('Transcripts', config, { lifecycleRules: mediaLifecycle });
    this.data = this.eventBucket('Data', config, {
      lifecycleRules: [
        abortUploads,
        { id: 'tier-data', transitions: [{ storageClass: StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(30) }] },
      ],
    });
    this.models = this.eventBucket('Models', config, {
      versioned: true,
      lifecycleRules: [
        abortUploads,
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(90) },
      ],
    });

    const outputs: Record<string, Bucket> = {
      UploadsBucketName: this.uploads,
      TranscriptsBucketName: this.transcripts,
      DataBucketName: this.data,
      ModelsBucketName: this.models,
      AccessLogsBucketName: this.accessLogs,
    };
    for (const [name, bucket] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value: bucket.bucketName });
    }
  }

  private commonProps(config: StageConfig): BucketProps {
    return {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: config.removalPolicy,
      autoDeleteObjects: config.autoDeleteObjects,
    };
  }

  /** A bucket that sends all its events to EventBridge and logs access to {@link accessLogs}. */
  private eventBucket(id: string, config: StageConfig, props: BucketProps): Bucket {
    const bucket = new Bucket(this, id, {
      ...this.commonProps(config),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: `${id.toLowerCase()}/`,
      ...props,
    });
    // Set on the L1 bucket rather than with `eventBridgeEnabled`, which adds a custom resource (a
    // Lambda function calling PutBucketNotificationConfiguration) for what CloudFormation does natively.
    (bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
    Tags.of(bucket).add('notifier:bucket', id.toLowerCase());
    return bucket;
  }
}
