import { GraphqlUrlSchema, readConfig, type Environment } from '@notifier/lambda-kit';
import * as z from 'zod/mini';

/** Default `MaxLabels` for `DetectLabels` when `MAX_LABELS` is unset. */
export const DEFAULT_MAX_LABELS = 10;
/** Default `MinConfidence` (percent) for `DetectLabels` when `MIN_CONFIDENCE` is unset. */
export const DEFAULT_MIN_CONFIDENCE = 70;

const EnvSchema = z.object({
  GRAPHQL_URL: GraphqlUrlSchema,
  MAX_LABELS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), DEFAULT_MAX_LABELS),
  MIN_CONFIDENCE: z._default(z.coerce.number().check(z.gte(0), z.lte(100)), DEFAULT_MIN_CONFIDENCE),
});

/** image-tagger's configuration, read once from the environment. */
export interface ImageTaggerConfig {
  /** AppSync GraphQL endpoint (`GRAPHQL_URL`). */
  graphqlUrl: string;
  /** `MaxLabels` for `DetectLabels` (`MAX_LABELS`, integer 1-1000). @default 10 */
  maxLabels: number;
  /** `MinConfidence` for `DetectLabels` (`MIN_CONFIDENCE`, percent 0-100). @default 70 */
  minConfidence: number;
}

/**
 * Reads and validates the configuration; throws lambda-kit's `ConfigError` naming every bad variable. Empty variables
 * count as unset, so a blank `MAX_LABELS` takes the default.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Environment = process.env): ImageTaggerConfig {
  const values = readConfig(EnvSchema, env);
  return { graphqlUrl: values.GRAPHQL_URL, maxLabels: values.MAX_LABELS, minConfidence: values.MIN_CONFIDENCE };
}
