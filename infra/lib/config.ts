// Stage settings, read once from CDK context (`-c stage=prod`, `-c alarmEmail=ops@example.com`, ...).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { InfraConfigError } from './errors';

/** Deployment stages: `dev` destroys its data on teardown, `prod` keeps it. */
export const STAGES = ['dev', 'prod'] as const;

/** A deployment stage. */
export type Stage = (typeof STAGES)[number];

/**
 * Which SageMaker training jobs reach model-ready-notice: `tagged-or-named` routes every finished job of
 * the account (the handler skips, with a WARN log, jobs that carry neither the `notifier:model-name` tag
 * nor a `<name>-v<digits>` name); `tagged` routes only jobs tagged `notifier:model-name`, so other
 * teams' jobs cost no invocation, and job names alone no longer announce a model.
 */
export const TRAINING_JOB_SELECTIONS = ['tagged-or-named', 'tagged'] as const;

/** A selection of SageMaker training jobs (see {@link TRAINING_JOB_SELECTIONS}). */
export type TrainingJobSelection = (typeof TRAINING_JOB_SELECTIONS)[number];

/** Origins the web client is served from during development (Vite and common dev servers). */
export const DEFAULT_WEB_ORIGINS = ['http://localhost:5173', 'http://localhost:3000', 'http://127.0.0.1:5173'];

/** Everything that differs between stages, resolved from context. */
export interface StageConfig {
  /** The stage name, part of every stack name (`Notifier-<stage>-<Part>`). */
  readonly stage: Stage;
  /** Removal policy of stateful resources (tables, buckets, user pool, log groups). */
  readonly removalPolicy: RemovalPolicy;
  /** Whether dev buckets are emptied on stack deletion (a custom resource does it). */
  readonly autoDeleteObjects: boolean;
  /** Retention of every log group (functions and the API). */
  readonly logRetention: RetentionDays;
  /** `LOG_LEVEL` of every function. */
  readonly logLevel: string;
  /** Origins allowed by the uploads bucket's CORS rules. */
  readonly webOrigins: readonly string[];
  /** Optional email subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /** SageMaker training jobs routed to model-ready-notice (context `trainingJobs`, default `tagged-or-named`). */
  readonly trainingJobs: TrainingJobSelection;
  /** How long dev uploads and transcripts live before lifecycle expiry (prod keeps them). */
  readonly mediaExpiration?: Duration;
}

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'];

/**
 * Reads the stage settings from CDK context, failing on values that would deploy something unintended.
 *
 * @example
 * const config = readStageConfig(app.node); // `cdk synth -c stage=prod`
 */
export function readStageConfig(node: Node): StageConfig {
  const stage = readString(node, 'stage') ?? 'dev';
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new InfraConfigError(`context "stage" must be one of ${STAGES.join(', ')}; got "${stage}"`);
  }
  const prod = stage === 'prod';

  const logLevel = (readString(node, 'logLevel') ?? 'INFO').toUpperCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new InfraConfigError(`context "logLevel" must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`);
  }

  const webOrigins = readList(node, 'webOrigins') ?? DEFAULT_WEB_ORIGINS;
  for (const origin of webOrigins) {
    if (!/^https?:\/\/[^\s/]+$/.test(origin)) {
      throw new InfraConfigError(
        `context "webOrigins" must list origins like https://app.example.com (scheme and host, no path); got "${origin}"`,
      );
    }
  }

  const alarmEmail = readString(node, 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(alarmEmail)) {
    throw new InfraConfigError(`context "alarmEmail" is not an email address: "${alarmEmail}"`);
  }

  const trainingJobs = readString(node, 'trainingJobs') ?? 'tagged-or-named';
  if (!(TRAINING_JOB_SELECTIONS as readonly string[]).includes(trainingJobs)) {
    throw new InfraConfigError(
      `context "trainingJobs" must be one of ${TRAINING_JOB_SELECTIONS.join(', ')}; got "${trainingJobs}"`,
    );
  }

  return {
    stage: stage as Stage,
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    autoDeleteObjects: !prod,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK,
    logLevel,
    webOrigins,
    trainingJobs: trainingJobs as TrainingJobSelection,
    ...(alarmEmail === undefined ? {} : { alarmEmail }),
    ...(prod ? {} : { mediaExpiration: Duration.days(30) }),
  };
}

function readString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new InfraConfigError(`context "${key}" must be a string; got ${JSON.stringify(value)}`);
  }
  return value.trim();
}

/** A list from context: a JSON array (cdk.json) or a comma-separated string (`-c key=a,b`). */
function readList(node: Node, key: string): string[] | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map((v) => v.trim());
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  throw new InfraConfigError(`context "${key}" must be a list of strings; got ${JSON.stringify(value)}`);
}
