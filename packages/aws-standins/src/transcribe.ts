import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ServiceError } from './errors';
import { startJsonService, type RunningService } from './json-protocol';
import { matchesFormat, MEDIA_FORMATS, type MediaFormat } from './media';
import { createS3Client, isMissing, objectUrl, type S3Target } from './s3';

/** Transcript text used when the media has no `<media key>.txt` sidecar object. */
export const DEFAULT_TRANSCRIPT = 'This is a transcript from the notifier Transcribe stand-in.';

/** The EventBridge event the stand-in emits when a job reaches COMPLETED or FAILED. */
export interface TranscribeJobStateChangeEvent {
  version: '0';
  id: string;
  'detail-type': 'Transcribe Job State Change';
  source: 'aws.transcribe';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: { TranscriptionJobName: string; TranscriptionJobStatus: 'COMPLETED' | 'FAILED' };
}

/** Options of {@link startTranscribeStandin}. */
export interface TranscribeStandinOptions {
  /** Where media are read and transcripts written. */
  s3: S3Target;
  /**
   * Endpoint written into `TranscriptFileUri` (path style, as Transcribe reports `https://s3.<region>.amazonaws.com/...`).
   * @default s3.endpoint
   */
  transcriptEndpoint?: string;
  /** Time from StartTranscriptionJob to COMPLETED/FAILED, in ms. @default 50 */
  completionDelayMs?: number;
  /** Receives the `Transcribe Job State Change` event of each finished job (route it like EventBridge would). @default none */
  onEvent?: (event: TranscribeJobStateChangeEvent) => unknown;
  /** Account id in events and output files. @default '000000000000' */
  accountId?: string;
  /** Region in events. @default 'us-east-1' */
  region?: string;
  /** Language reported for jobs started with `IdentifyLanguage`. @default 'en-US' */
  identifiedLanguage?: string;
  /** Clock (epoch ms). @default Date.now */
  now?: () => number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 lets the OS choose. @default 0 */
  port?: number;
}

/** A job as the stand-in keeps it (the `TranscriptionJob` shape, times in epoch ms). */
export interface StandinJob {
  TranscriptionJobName: string;
  TranscriptionJobStatus: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  LanguageCode?: string;
  IdentifyLanguage?: boolean;
  IdentifiedLanguageScore?: number;
  MediaFormat: MediaFormat;
  Media: { MediaFileUri: string };
  Transcript?: { TranscriptFileUri: string };
  FailureReason?: string;
  Tags?: Array<{ Key: string; Value: string }>;
  CreationTime: number;
  StartTime: number;
  CompletionTime?: number;
  outputBucket: string;
  outputKey: string;
}

/** A running Transcribe stand-in. */
export interface TranscribeStandin extends RunningService {
  /** Snapshot of every job, newest first. */
  jobs(): StandinJob[];
  /** Resolves once every started job has finished and its event was handed to `onEvent`. */
  idle(): Promise<void>;
}

const bad = (message: string) => new ServiceError('BadRequestException', message);
const JOB_NAME = /^[0-9a-zA-Z._-]+$/;
const OUTPUT_KEY = /^[a-zA-Z0-9-_.!*'()/]{1,1024}$/;
const BUCKET = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;
const TAG = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function str(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw bad(`${name} must be a string`);
  return value;
}

function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw bad(`The S3 URI ${uri} is not valid. Specify a URI of the form s3://<bucket>/<key>.`);
  return { bucket: match[1]!, key: match[2]! };
}

/** Transcribe's output item list for a transcript: one pronunciation item per word (0.5 s each), punctuation apart. */
function outputItems(text: string) {
  const items: unknown[] = [];
  let time = 0;
  for (const token of text.match(/[\p{L}\p{N}'’-]+|[.,!?;:]/gu) ?? []) {
    const id = items.length;
    if (/^[.,!?;:]$/.test(token)) items.push({ id, type: 'punctuation', alternatives: [{ confidence: '0.0', content: token }] });
    else {
      items.push({ id, type: 'pronunciation', alternatives: [{ confidence: '0.99', content: token }], start_time: time.toFixed(2), end_time: (time + 0.5).toFixed(2) });
      time += 0.5;
    }
  }
  return items;
}

/**
 * Starts a local Transcribe speaking AWS JSON 1.1 (`Transcribe.StartTranscriptionJob`, `GetTranscriptionJob`,
 * `ListTranscriptionJobs`, `DeleteTranscriptionJob`, `TagResource`, `ListTagsForResource` of jobs), so an unmodified `TranscribeClient` works against it through an
 * endpoint override. Jobs live in memory. After `completionDelayMs` a job whose media object exists and whose first
 * bytes match its format COMPLETES: the transcript (the text of the `<media key>.txt` sidecar object, else
 * {@link DEFAULT_TRANSCRIPT}) is written in Transcribe's output format to `OutputBucketName`/`OutputKey`; otherwise it
 * FAILS with Transcribe's reason. Either way the `Transcribe Job State Change` event goes to `onEvent`.
 *
 * @example
 * const transcribe = await startTranscribeStandin({ s3: { endpoint: s3rverUrl }, onEvent: (e) => route(e) });
 * const client = new TranscribeClient({ endpoint: transcribe.url, region: 'us-east-1' });
 */
export async function startTranscribeStandin(options: TranscribeStandinOptions): Promise<TranscribeStandin> {
  const s3 = createS3Client(options.s3);
  const now = options.now ?? Date.now;
  const account = options.accountId ?? '000000000000';
  const region = options.region ?? 'us-east-1';
  const delay = options.completionDelayMs ?? 50;
  const jobs = new Map<string, StandinJob>();
  const timers = new Set<NodeJS.Timeout>();
  const pending = new Set<Promise<void>>();
  const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

  const publicJob = (job: StandinJob) => ({
    TranscriptionJobName: job.TranscriptionJobName,
    TranscriptionJobStatus: job.TranscriptionJobStatus,
    LanguageCode: job.LanguageCode,
    IdentifyLanguage: job.IdentifyLanguage,
    IdentifiedLanguageScore: job.IdentifiedLanguageScore,
    MediaFormat: job.MediaFormat,
    Media: job.Media,
    Transcript: job.Transcript ?? {},
    FailureReason: job.FailureReason,
    Tags: job.Tags,
    CreationTime: seconds(job.CreationTime),
    StartTime: seconds(job.StartTime),
    CompletionTime: seconds(job.CompletionTime),
  });

  const readText = async (bucket: string, key: string): Promise<string | undefined> => {
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await object.Body?.transformToString('utf-8'))?.trim();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };

  const finish = async (job: StandinJob): Promise<void> => {
    const media = parseS3Uri(job.Media.MediaFileUri);
    let failure: string | undefined;
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: media.bucket, Key: media.key, Range: 'bytes=0-63' }));
      const head = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      if (!matchesFormat(head, job.MediaFormat)) {
        failure = 'The media format provided does not match the detected media format. Check that the media format you specified is correct and try your request again.';
      }
    } catch (error) {
      if (!isMissing(error)) throw error;
      failure = "The URI that you provided doesn't point to an S3 object. Make sure that the object exists and try your request again.";
    }
    if (failure === undefined) {
      const transcript = (await readText(media.bucket, `${media.key}.txt`)) || DEFAULT_TRANSCRIPT;
      const languageCode = job.LanguageCode ?? options.identifiedLanguage ?? 'en-US';
      const output = {
        jobName: job.TranscriptionJobName,
        accountId: account,
        status: 'COMPLETED',
        results: {
          language_code: languageCode,
          transcripts: [{ transcript }],
          ...(job.IdentifyLanguage ? { language_identification: [{ score: '0.99', code: languageCode }] } : {}),
          items: outputItems(transcript),
        },
      };
      await s3.send(new PutObjectCommand({ Bucket: job.outputBucket, Key: job.outputKey, Body: JSON.stringify(output), ContentType: 'application/json' }));
      Object.assign(job, {
        TranscriptionJobStatus: 'COMPLETED',
        LanguageCode: languageCode,
        ...(job.IdentifyLanguage ? { IdentifiedLanguageScore: 0.99 } : {}),
        Transcript: { TranscriptFileUri: objectUrl(options.transcriptEndpoint ?? options.s3.endpoint, job.outputBucket, job.outputKey) },
        CompletionTime: now(),
      });
    } else {
      Object.assign(job, { TranscriptionJobStatus: 'FAILED', FailureReason: failure, CompletionTime: now() });
    }
    const event: TranscribeJobStateChangeEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Transcribe Job State Change',
      source: 'aws.transcribe',
      account,
      time: new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region,
      resources: [],
      detail: { TranscriptionJobName: job.TranscriptionJobName, TranscriptionJobStatus: job.TranscriptionJobStatus as 'COMPLETED' | 'FAILED' },
    };
    // EventBridge delivery is best effort: a failing consumer does not change the job.
    await Promise.resolve()
      .then(() => options.onEvent?.(event))
      .catch((error: unknown) => console.error('transcribe stand-in: onEvent failed', error));
  };

  const schedule = (job: StandinJob) => {
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    pending.add(done);
    const timer = setTimeout(() => {
      timers.delete(timer);
      finish(job)
        .catch((error: unknown) => {
          Object.assign(job, { TranscriptionJobStatus: 'FAILED', FailureReason: `Internal failure: ${(error as Error).message}`, CompletionTime: now() });
        })
        .finally(() => {
          pending.delete(done);
          settle();
        });
    }, delay);
    timers.add(timer);
  };

  const start = (input: Record<string, unknown>) => {
    const name = str(input, 'TranscriptionJobName');
    if (!name || name.length > 200 || !JOB_NAME.test(name)) {
      throw bad('TranscriptionJobName must be 1-200 characters of [0-9a-zA-Z._-].');
    }
    if (jobs.has(name)) throw new ServiceError('ConflictException', 'The requested job name already exists. Use a different job name.');
    const media = input.Media as { MediaFileUri?: unknown } | undefined;
    if (!media || typeof media.MediaFileUri !== 'string') throw bad('Media.MediaFileUri is required.');
    const { key } = parseS3Uri(media.MediaFileUri);
    const declared = str(input, 'MediaFormat');
    const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
    const format = (declared ?? extension) as MediaFormat;
    if (!MEDIA_FORMATS.includes(format)) throw bad(`The media format ${declared ?? extension} isn't supported. Use one of ${MEDIA_FORMATS.join(', ')}.`);
    const languageCode = str(input, 'LanguageCode');
    const identify = input.IdentifyLanguage === true;
    const identifyMultiple = input.IdentifyMultipleLanguages === true;
    if ([languageCode !== undefined, identify, identifyMultiple].filter(Boolean).length !== 1) {
      throw bad('Specify exactly one of LanguageCode, IdentifyLanguage or IdentifyMultipleLanguages.');
    }
    if (languageCode !== undefined && !/^[a-z]{2,3}-[A-Z]{2}$/.test(languageCode)) throw bad(`The language code ${languageCode} isn't valid.`);
    const outputBucket = str(input, 'OutputBucketName');
    if (!outputBucket || !BUCKET.test(outputBucket)) throw bad('OutputBucketName must name an S3 bucket (this stand-in has no service-managed output bucket).');
    const outputKey = str(input, 'OutputKey');
    if (outputKey !== undefined && !OUTPUT_KEY.test(outputKey)) throw bad(`OutputKey ${outputKey} contains characters that aren't allowed ([a-zA-Z0-9-_.!*'()/]).`);
    const tags = input.Tags === undefined ? undefined : validTags(input.Tags);
    const resolvedKey = outputKey === undefined ? `${name}.json` : outputKey.endsWith('/') ? `${outputKey}${name}.json` : outputKey.endsWith('.json') ? outputKey : `${outputKey}.json`;
    const time = now();
    const job: StandinJob = {
      TranscriptionJobName: name,
      TranscriptionJobStatus: 'IN_PROGRESS',
      ...(languageCode ? { LanguageCode: languageCode } : {}),
      ...(identify || identifyMultiple ? { IdentifyLanguage: true } : {}),
      MediaFormat: format,
      Media: { MediaFileUri: media.MediaFileUri },
      ...(tags ? { Tags: tags } : {}),
      CreationTime: time,
      StartTime: time,
      outputBucket,
      outputKey: resolvedKey,
    };
    jobs.set(name, job);
    schedule(job);
    return { TranscriptionJob: publicJob(job) };
  };

  const get = (input: Record<string, unknown>) => {
    const name = str(input, 'TranscriptionJobName');
    const job = name ? jobs.get(name) : undefined;
    if (!job) throw bad("The requested job couldn't be found. Check the job name and try your request again.");
    return { TranscriptionJob: publicJob(job) };
  };

  const list = (input: Record<string, unknown>) => {
    const status = str(input, 'Status');
    if (status !== undefined && !['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED'].includes(status)) throw bad(`Status ${status} isn't valid.`);
    const contains = str(input, 'JobNameContains')?.toLowerCase();
    const max = input.MaxResults === undefined ? 5 : input.MaxResults;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100) throw bad('MaxResults must be an integer between 1 and 100.');
    const token = str(input, 'NextToken');
    const offset = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw bad('NextToken is not valid.');
    const matching = [...jobs.values()]
      .filter((job) => (status === undefined || job.TranscriptionJobStatus === status) && (!contains || job.TranscriptionJobName.toLowerCase().includes(contains)))
      .sort((a, b) => b.CreationTime - a.CreationTime || a.TranscriptionJobName.localeCompare(b.TranscriptionJobName));
    const page = matching.slice(offset, offset + max);
    return {
      ...(status ? { Status: status } : {}),
      ...(offset + max < matching.length ? { NextToken: Buffer.from(String(offset + max)).toString('base64url') } : {}),
      TranscriptionJobSummaries: page.map((job) => ({
        TranscriptionJobName: job.TranscriptionJobName,
        CreationTime: seconds(job.CreationTime),
        StartTime: seconds(job.StartTime),
        CompletionTime: seconds(job.CompletionTime),
        LanguageCode: job.LanguageCode,
        TranscriptionJobStatus: job.TranscriptionJobStatus,
        FailureReason: job.FailureReason,
        OutputLocationType: 'CUSTOMER_BUCKET',
        IdentifyLanguage: job.IdentifyLanguage,
      })),
    };
  };

  const validTags = (input: unknown): Array<{ Key: string; Value: string }> => {
    const tags = input as Array<{ Key?: unknown; Value?: unknown }> | undefined;
    if (!Array.isArray(tags) || tags.length > 200) throw bad('Tags must be a list of at most 200 tags.');
    for (const tag of tags) {
      if (typeof tag.Key !== 'string' || tag.Key.length < 1 || tag.Key.length > 128 || !TAG.test(tag.Key)) throw bad(`Tag key ${String(tag.Key)} isn't valid.`);
      if (typeof tag.Value !== 'string' || tag.Value.length > 256 || !TAG.test(tag.Value)) throw bad(`Tag value for ${tag.Key} isn't valid.`);
    }
    return tags as Array<{ Key: string; Value: string }>;
  };

  /** The job a `TagResource` / `ListTagsForResource` ARN names: `arn:<partition>:transcribe:<region>:<account>:transcription-job/<name>`. */
  const jobOfArn = (input: Record<string, unknown>): StandinJob => {
    const arn = str(input, 'ResourceArn');
    const match = arn === undefined ? null : /^arn:aws(?:-[a-z-]+)?:transcribe:([a-z0-9-]+):(\d{12}):transcription-job\/([0-9a-zA-Z._-]+)$/.exec(arn);
    if (!match) throw bad(`ResourceArn ${String(arn)} isn't a transcription job ARN.`);
    const [, arnRegion, arnAccount, name] = match;
    const job = arnRegion === region && arnAccount === account ? jobs.get(name!) : undefined;
    if (!job) throw new ServiceError('NotFoundException', "We can't find the requested resource. Check that the specified name is correct and try your request again.");
    return job;
  };

  const tag = (input: Record<string, unknown>) => {
    const job = jobOfArn(input);
    const added = validTags(input.Tags);
    const merged = new Map((job.Tags ?? []).map((t) => [t.Key, t.Value]));
    for (const t of added) merged.set(t.Key, t.Value);
    if (merged.size > 200) throw bad('A resource can have at most 200 tags.');
    job.Tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
    return {};
  };

  const listTags = (input: Record<string, unknown>) => {
    const job = jobOfArn(input);
    return { ResourceArn: str(input, 'ResourceArn'), Tags: job.Tags ?? [] };
  };

  const remove = (input: Record<string, unknown>) => {
    const name = str(input, 'TranscriptionJobName');
    if (!name || !jobs.delete(name)) throw bad("The requested job couldn't be found. Check the job name and try your request again.");
    return {};
  };

  const service = await startJsonService({
    targetPrefix: 'Transcribe',
    operations: {
      StartTranscriptionJob: start,
      GetTranscriptionJob: get,
      ListTranscriptionJobs: list,
      DeleteTranscriptionJob: remove,
      TagResource: tag,
      ListTagsForResource: listTags,
    },
    host: options.host,
    port: options.port,
  });
  const idle = async () => {
    while (pending.size > 0) await Promise.all([...pending]);
  };
  return {
    ...service,
    jobs: () => [...jobs.values()].sort((a, b) => b.CreationTime - a.CreationTime).map((job) => structuredClone(job)),
    idle,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...pending]);
      s3.destroy();
      await service.close();
    },
  };
}
