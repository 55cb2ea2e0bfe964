// The video-transcriber app: start (uploads -> StartTranscriptionJob), complete (Transcribe Job State
// Change -> notifyTranscriptReady) and sweep (schedule: finished jobs whose event was lost).
import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AppStack, type AppStackProps } from './app-stack';
import { keysWithExtensions, objectCreatedPattern } from './constructs/event-patterns';
import { bindMutation, NotifierFunction } from './constructs/notifier-function';

/** Media formats Transcribe accepts (`MediaFormat`), routed to `start` by file extension. */
export const MEDIA_EXTENSIONS = ['amr', 'flac', 'm4a', 'mp3', 'mp4', 'ogg', 'webm', 'wav'] as const;

/** Key prefix Transcribe writes job output under in the transcripts bucket (`transcripts/<jobName>.json`). */
export const TRANSCRIPTS_PREFIX = 'transcripts/';

/** Every job the start handler creates is named `notifier-...`. */
export const JOB_NAME_PREFIX = 'notifier-';

/**
 * The owners' copies of transcripts in the uploads bucket, `private/<identityId>/transcripts/<jobName>.json`, which
 * complete and sweep write so that each owner can read their full transcript with their own identity-pool role.
 */
export const OWNER_TRANSCRIPT_KEYS = `private/*/transcripts/${JOB_NAME_PREFIX}*.json`;

/** How often `sweep` looks for finished jobs that were never notified. */
export const SWEEP_INTERVAL = Duration.minutes(15);

/** Options of {@link VideoTranscriberStack}. */
export interface VideoTranscriberStackProps extends AppStackProps {
  /** Users' uploads (`private/<identityId>/...`). */
  readonly uploadsBucket: IBucket;
  /** Where Transcribe writes job output. */
  readonly transcriptsBucket: IBucket;
}

/**
 * The three video-transcriber functions, their rules (uploads, job state changes, schedule),
 * dead-letter queue and alarms.
 *
 * @example
 * new VideoTranscriberStack(app, 'Notifier-dev-VideoTranscriber', { config, api, alarmTopic, uploadsBucket, transcriptsBucket });
 */
export class VideoTranscriberStack extends AppStack {
  constructor(scope: Construct, id: string, props: VideoTranscriberStackProps) {
    super(scope, id, 'video-transcriber', props);
    const common = { app: this.app, singleHandler: false, api: props.api, config: props.config };
    const transcriptsReason = 'Transcript JSON of every job, written under transcripts/ by Transcribe.';
    const transcriptKeys = `${TRANSCRIPTS_PREFIX}*`;
    const ownerCopyReason =
      "The owner's copy of each transcript, private/<identityId>/transcripts/<jobName>.json: the owner and the job name are known per job only.";

    // start: calls no mutation, so it gets no appsync:GraphQL statement at all.
    const start = this.addFunction(
      new NotifierFunction(this, 'Start', {
        ...common,
        handler: 'start',
        description: 'Starts a Transcribe job for media uploaded under private/<identityId>/',
        timeout: Duration.seconds(30),
        environment: { TRANSCRIPTS_BUCKET: props.transcriptsBucket.bucketName },
      }),
    );
    // Transcribe reads the media and writes the output with the caller's permissions.
    start.readObjects(props.uploadsBucket, 'private/*', 'Media of every owner under private/ (the owner is the key segment).');
    start.writeObjects(props.transcriptsBucket, transcriptKeys, transcriptsReason);
    start.allow(['transcribe:StartTranscriptionJob'], ['*'], 'transcribe:StartTranscriptionJob has no resource-level permissions');
    // The owner travels as a job tag; tagging at creation is authorized as TagResource on the job.
    const appJobs = this.formatArn({ service: 'transcribe', resource: 'transcription-job', resourceName: `${JOB_NAME_PREFIX}*` });
    const appJobsReason = 'Job names derive from object keys (notifier-<key>-<hash>), so the jobs of this app are known only by pattern.';
    start.allow(['transcribe:TagResource'], [appJobs], appJobsReason);

    const complete = this.addFunction(
      new NotifierFunction(this, 'Complete', {
        ...common,
        handler: 'complete',
        description: 'Notifies the owner when a transcription job completes or fails',
        timeout: Duration.seconds(60),
      }),
    );
    bindMutation(complete, 'notifyTranscriptReady');
    complete.allow(['transcribe:GetTranscriptionJob'], ['*'], 'transcribe:GetTranscriptionJob has no resource-level permissions');
    // A notified job is tagged notifier:notified, so the sweep skips it without reading its transcript.
    complete.allow(['transcribe:TagResource'], [appJobs], appJobsReason);
    complete.readObjects(props.transcriptsBucket, transcriptKeys, transcriptsReason);
    complete.writeObjects(props.uploadsBucket, OWNER_TRANSCRIPT_KEYS, ownerCopyReason);

    const sweep = this.addFunction(
      new NotifierFunction(this, 'Sweep', {
        ...common,
        handler: 'sweep',
        description: 'Notifies finished transcription jobs whose state-change event was lost',
        timeout: Duration.minutes(5),
        memorySize: 512,
      }),
    );
    bindMutation(sweep, 'notifyTranscriptReady');
    sweep.allow(
      ['transcribe:ListTranscriptionJobs', 'transcribe:GetTranscriptionJob'],
      ['*'],
      'transcribe:ListTranscriptionJobs/GetTranscriptionJob have no resource-level permissions',
    );
    sweep.allow(['transcribe:TagResource'], [appJobs], appJobsReason);
    sweep.readObjects(props.transcriptsBucket, transcriptKeys, transcriptsReason);
    sweep.writeObjects(props.uploadsBucket, OWNER_TRANSCRIPT_KEYS, ownerCopyReason);

    new Rule(this, 'MediaUploadedRule', {
      // Any case of the extension (talk.Mp4); the uploads bucket holds nothing outside private/ (StorageStack).
      description: 'Media of a format Transcribe accepts uploaded under private/ in the uploads bucket (extension in any case)',
      eventPattern: objectCreatedPattern(props.uploadsBucket.bucketName, keysWithExtensions(MEDIA_EXTENSIONS)),
    }).addTarget(this.operations.target(start));

    new Rule(this, 'JobStateChangeRule', {
      description: 'Transcription jobs of this app (notifier-*) that completed or failed',
      eventPattern: {
        source: ['aws.transcribe'],
        detailType: ['Transcribe Job State Change'],
        // Only this app's jobs: other Transcribe users of the account do not invoke it.
        detail: { TranscriptionJobName: [{ prefix: JOB_NAME_PREFIX }], TranscriptionJobStatus: ['COMPLETED', 'FAILED'] },
      },
    }).addTarget(this.operations.target(complete));

    new Rule(this, 'SweepScheduleRule', {
      description: 'Catches finished transcription jobs whose state-change event never arrived',
      schedule: Schedule.rate(SWEEP_INTERVAL),
    }).addTarget(this.operations.target(sweep));

    for (const fn of [start, complete, sweep]) this.operations.watchAsync(fn);
    this.outputDeadLetterQueue();
  }
}
