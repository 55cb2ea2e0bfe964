import { LanguageCode as TranscribeLanguageCode, type LanguageCode } from '@aws-sdk/client-transcribe';
import { GraphqlUrlSchema, readConfig, type Environment } from '@notifier/lambda-kit';
import * as z from 'zod/mini';

/** Default look-back of the sweep, in hours, when `SWEEP_WINDOW_HOURS` is unset. */
export const DEFAULT_SWEEP_WINDOW_HOURS = 24;

/** Configuration of the start handler. */
export interface StartConfig {
  /** Bucket Transcribe writes the transcript JSON to (`TRANSCRIPTS_BUCKET`). */
  transcriptsBucket: string;
  /**
   * Language of every job (`LANGUAGE_CODE`, e.g. `en-US`); when unset Transcribe identifies the language.
   * @default undefined (IdentifyLanguage: true)
   */
  languageCode?: LanguageCode;
}

/** Configuration of the complete and sweep handlers. */
export interface NotifyConfig {
  /** AppSync GraphQL endpoint (`GRAPHQL_URL`). */
  graphqlUrl: string;
}

/** Configuration of the sweep handler. */
export interface SweepConfig extends NotifyConfig {
  /** Finished jobs younger than this many hours are re-checked (`SWEEP_WINDOW_HOURS`, 1-2160). @default 24 */
  windowHours: number;
}

// S3 bucket naming rules (3-63 characters, lower case, digits, dots and hyphens).
const BucketName = z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name'));
// Exactly the language codes Transcribe batch jobs accept (en-US, de-CH, ...).
const LanguageCodeSchema = z.enum(Object.values(TranscribeLanguageCode) as [LanguageCode, ...LanguageCode[]]);

/**
 * Reads the start handler's configuration; throws lambda-kit's `ConfigError` naming every bad variable.
 *
 * @example
 * const config = loadStartConfig(process.env);
 */
export function loadStartConfig(env: Environment = process.env): StartConfig {
  const values = readConfig(z.object({ TRANSCRIPTS_BUCKET: BucketName, LANGUAGE_CODE: z.optional(LanguageCodeSchema) }), env);
  return { transcriptsBucket: values.TRANSCRIPTS_BUCKET, ...(values.LANGUAGE_CODE ? { languageCode: values.LANGUAGE_CODE } : {}) };
}

/**
 * Reads the complete handler's configuration (`GRAPHQL_URL`).
 *
 * @example
 * const config = loadNotifyConfig(process.env);
 */
export function loadNotifyConfig(env: Environment = process.env): NotifyConfig {
  return { graphqlUrl: readConfig(z.object({ GRAPHQL_URL: GraphqlUrlSchema }), env).GRAPHQL_URL };
}

/**
 * Reads the sweep handler's configuration (`GRAPHQL_URL`, `SWEEP_WINDOW_HOURS`).
 *
 * @example
 * const config = loadSweepConfig(process.env);
 */
export function loadSweepConfig(env: Environment = process.env): SweepConfig {
  const values = readConfig(
    z.object({
      GRAPHQL_URL: GraphqlUrlSchema,
      SWEEP_WINDOW_HOURS: z._default(z.coerce.number().check(z.gt(0), z.lte(2160)), DEFAULT_SWEEP_WINDOW_HOURS),
    }),
    env,
  );
  return { graphqlUrl: values.GRAPHQL_URL, windowHours: values.SWEEP_WINDOW_HOURS };
}
