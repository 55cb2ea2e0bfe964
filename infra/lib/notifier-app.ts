// The whole system: every stack of one stage, wired together.
import { Tags, type App } from 'aws-cdk-lib';
import type { ResolverManifest } from '@notifier/schema';
import { ApiStack } from './api-stack';
import { AuthStack } from './auth-stack';
import { BulkLoadNoticeStack } from './bulk-load-notice-stack';
import { readStageConfig, type StageConfig } from './config';
import { InfraConfigError } from './errors';
import { ImageTaggerStack } from './image-tagger-stack';
import { ModelReadyNoticeStack } from './model-ready-notice-stack';
import { stackName } from './names';
import { StorageStack } from './storage-stack';
import { VideoTranscriberStack } from './video-transcriber-stack';

/** Options of {@link createNotifierStacks}. */
export interface NotifierStacksOptions {
  /**
   * Stage settings.
   * @default read from the app's context (`stage`, `webOrigins`, `alarmEmail`, `logLevel`)
   */
  readonly config?: StageConfig;
  /**
   * The resolver manifest.
   * @default `schema/dist/resolvers.json`
   */
  readonly manifest?: ResolverManifest;
}

/** Every stack of one stage. */
export interface NotifierStacks {
  readonly config: StageConfig;
  readonly storage: StorageStack;
  readonly api: ApiStack;
  readonly auth: AuthStack;
  readonly imageTagger: ImageTaggerStack;
  readonly videoTranscriber: VideoTranscriberStack;
  readonly bulkLoadNotice: BulkLoadNoticeStack;
  readonly modelReadyNotice: ModelReadyNoticeStack;
}

/**
 * Creates every stack of the stage named by context (`Notifier-<stage>-<Part>`).
 *
 * @example
 * const app = new App();
 * const stacks = createNotifierStacks(app);
 * stacks.imageTagger.stackName // 'Notifier-dev-ImageTagger'
 */
export function createNotifierStacks(app: App, options: NotifierStacksOptions = {}): NotifierStacks {
  const config = options.config ?? readStageConfig(app.node);
  const name = (part: Parameters<typeof stackName>[1]) => stackName(config.stage, part);
  const description = (what: string) => `notifier ${config.stage}: ${what}`;

  const storage = new StorageStack(app, name('Storage'), {
    config,
    description: description('buckets (uploads, transcripts, bulk-load data, models) with EventBridge notifications'),
  });
  const api = new ApiStack(app, name('Api'), {
    config,
    description: description('AppSync API (AWS_IAM), resolvers, DynamoDB tables, alarm topic'),
    ...(options.manifest ? { manifest: options.manifest } : {}),
  });
  const apiRef = api.api;
  const alarmTopic = api.alarmTopic;
  const auth = new AuthStack(app, name('Auth'), {
    config,
    description: description('Cognito user pool with the post-auth trigger, identity pool and roles'),
    api: apiRef,
    uploadsBucket: storage.uploads,
    alarmTopic,
  });
  const common = { config, api: apiRef, alarmTopic };
  const imageTagger = new ImageTaggerStack(app, name('ImageTagger'), {
    ...common,
    description: description('image-tagger app'),
    uploadsBucket: storage.uploads,
    ...readNumber(app, 'maxLabels', 'maxLabels'),
    ...readNumber(app, 'minConfidence', 'minConfidence'),
  });
  const videoTranscriber = new VideoTranscriberStack(app, name('VideoTranscriber'), {
    ...common,
    description: description('video-transcriber app'),
    uploadsBucket: storage.uploads,
    transcriptsBucket: storage.transcripts,
  });
  const bulkLoadNotice = new BulkLoadNoticeStack(app, name('BulkLoadNotice'), {
    ...common,
    description: description('bulk-load-notice app'),
    dataBucket: storage.data,
  });
  const modelReadyNotice = new ModelReadyNoticeStack(app, name('ModelReadyNotice'), {
    ...common,
    description: description('model-ready-notice app'),
    modelsBucket: storage.models,
  });

  Tags.of(app).add('notifier:stage', config.stage);
  return { config, storage, api, auth, imageTagger, videoTranscriber, bulkLoadNotice, modelReadyNotice };
}

function readNumber(app: App, key: string, prop: string): Record<string, number> {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined) return {};
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(parsed)) throw new InfraConfigError(`context "${key}" must be a number; got ${JSON.stringify(value)}`);
  return { [prop]: parsed };
}
