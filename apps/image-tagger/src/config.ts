import * as z from 'zod/mini';
import { ImageTaggerConfigError } from './errors';
import { describeIssues } from './s3-event';

/** Default `MaxLabels` for `DetectLabels` when `MAX_LABELS` is unset. */
export const DEFAULT_MAX_LABELS = 10;
/** Default `MinConfidence` (percent) for `DetectLabels` when `MIN_CONFIDENCE` is unset. */
export const DEFAULT_MIN_CONFIDENCE = 70;

const EnvSchema = z.object({
  GRAPHQL_URL: z.url({ protocol: /^https?$/ }),
  MAX_LABELS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), DEFAULT_MAX_LABELS),
  MIN_CONFIDENCE: z._default(z.coerce.number().check(z.gte(0), z.lte(100)), DEFAULT_MIN_CONFIDENCE),
});

/** image-tagger's configuration, read once from the environment. */
export interface ImageTaggerConfig {
  /** AppSync GraphQL endpoint (`GRAPHQL_URL`). */
  graphqlUrl: string;
  /** `MaxLabels` for `DetectLabels` (`MAX_LABELS`, integer 1-1000). @default 10 */
  maxLabels: number;
  /** `MinConfidence` for `DetectLabels` (`MIN_CONFIDENCE`, 0-100). @default 70 */
  minConfidence: number;
}

/**
 * Reads and validates the configuration; throws {@link ImageTaggerConfigError} naming every bad variable.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): ImageTaggerConfig {
  // An empty variable is treated as unset, so a blank MAX_LABELS takes the default instead of coercing to 0.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ImageTaggerConfigError(`invalid image-tagger configuration: ${describeIssues(parsed.error.issues)}`);
  }
  return {
    graphqlUrl: parsed.data.GRAPHQL_URL,
    maxLabels: parsed.data.MAX_LABELS,
    minConfidence: parsed.data.MIN_CONFIDENCE,
  };
}
