// The image-tagger app: uploads under private/ -> Rekognition DetectLabels -> notifyImageTagged.
import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AppStack, type AppStackProps } from './app-stack';
import { keysWithExtensions, objectCreatedPattern } from './constructs/event-patterns';
import { bindMutation, NotifierFunction } from './constructs/notifier-function';

/**
 * Extensions routed to the image-tagger. Rekognition reads JPEG and PNG; the others are images it
 * cannot read, routed anyway so their owner gets a SKIPPED notification saying why instead of silence.
 */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'bmp', 'tif', 'tiff'] as const;

/** Options of {@link ImageTaggerStack}. */
export interface ImageTaggerStackProps extends AppStackProps {
  /** Users' uploads (`private/<identityId>/...`). */
  readonly uploadsBucket: IBucket;
  /**
   * `MAX_LABELS` of DetectLabels.
   * @default 10
   */
  readonly maxLabels?: number;
  /**
   * `MIN_CONFIDENCE` of DetectLabels (0-100).
   * @default 75
   */
  readonly minConfidence?: number;
}

/**
 * The image-tagger function, its EventBridge rule on uploads, dead-letter queue and alarms.
 *
 * @example
 * new ImageTaggerStack(app, 'Notifier-dev-ImageTagger', { config, api, alarmTopic, uploadsBucket });
 */
export class ImageTaggerStack extends AppStack {
  constructor(scope: Construct, id: string, props: ImageTaggerStackProps) {
    super(scope, id, 'image-tagger', props);
    const fn = this.addFunction(
      new NotifierFunction(this, 'Handler', {
        app: this.app,
        handler: 'handler',
        description: 'Tags images uploaded under private/<identityId>/ and notifies their owner',
        // Room for DetectLabels retries under throttling.
        timeout: Duration.seconds(60),
        api: props.api,
        config: props.config,
        environment: {
          MAX_LABELS: String(props.maxLabels ?? 10),
          MIN_CONFIDENCE: String(props.minConfidence ?? 75),
        },
      }),
    );
    bindMutation(fn, 'notifyImageTagged');
    // The handler checks type, size and magic bytes; Rekognition reads the object with this role.
    fn.readObjects(props.uploadsBucket, 'private/*', 'Images of every owner under private/ (the owner is the key segment).');
    fn.allow(['rekognition:DetectLabels'], ['*'], 'rekognition:DetectLabels has no resource-level permissions');

    const rule = new Rule(this, 'ImageUploadedRule', {
      // Any case of the extension (IMG.Jpg); the uploads bucket holds nothing outside private/ (StorageStack).
      description: 'Images uploaded under private/ in the uploads bucket (extension in any case)',
      eventPattern: objectCreatedPattern(props.uploadsBucket.bucketName, keysWithExtensions(IMAGE_EXTENSIONS)),
    });
    rule.addTarget(this.operations.target(fn));
    this.operations.watchAsync(fn);
    this.outputDeadLetterQueue();
  }
}
