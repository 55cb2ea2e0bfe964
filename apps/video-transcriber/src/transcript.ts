import { parse } from '@notifier/lambda-kit';
import * as z from 'zod/mini';

/** Longest excerpt, in characters (plus an ellipsis when cut): far below AppSync's 240 KB subscription limit. */
export const EXCERPT_MAX_CHARS = 1000;

/**
 * The part of Transcribe's output JSON the notification needs (`results.transcripts[].transcript`); the rest
 * (`items`, `audio_segments`, language identification) is accepted and ignored.
 */
export const TranscriptFileSchema = z.object({
  jobName: z.string(),
  accountId: z.optional(z.string()),
  status: z.optional(z.string()),
  results: z.object({
    transcripts: z.array(z.object({ transcript: z.string() })),
  }),
});

/**
 * The transcript text of a Transcribe output file (its transcripts joined by a space); throws lambda-kit's
 * `ValidationError` naming what is missing when the file is not Transcribe's format.
 *
 * @example
 * transcriptText(JSON.parse(body)); // 'Hello and welcome.'
 */
export function transcriptText(file: unknown): string {
  const { results } = parse(TranscriptFileSchema, file, 'Transcribe output file');
  return results.transcripts
    .map((t) => t.transcript.trim())
    .filter((t) => t !== '')
    .join(' ');
}

/**
 * The beginning of a transcript, at most {@link EXCERPT_MAX_CHARS} characters: cut at the last word boundary when one
 * falls in the second half of that length (else mid-word), never inside a surrogate pair, with `…` appended when cut.
 *
 * @example
 * transcriptExcerpt('short text'); // 'short text'
 */
export function transcriptExcerpt(text: string, maxChars: number = EXCERPT_MAX_CHARS): string {
  const normalized = text.replace(/\s+/g, ' ').trim();
  if (normalized.length <= maxChars) return normalized;
  let cut = normalized.slice(0, maxChars + 1);
  const boundary = cut.lastIndexOf(' ');
  cut = boundary >= maxChars / 2 ? cut.slice(0, boundary) : cut.slice(0, maxChars);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s.,;:!?-]+$/, '')}…`;
}

/**
 * The bucket and key of a transcript location as Transcribe reports it (`TranscriptFileUri`): path-style
 * `https://s3.<region>.amazonaws.com/<bucket>/<key>` (what Transcribe returns for an `OutputBucketName`),
 * virtual-hosted `https://<bucket>.s3.<region>.amazonaws.com/<key>`, `s3://<bucket>/<key>`, or any other
 * endpoint in path style (a local S3). Undefined when the URI is none of these.
 *
 * @example
 * s3LocationOf('https://s3.eu-west-1.amazonaws.com/transcripts/transcripts/job.json');
 * // { bucket: 'transcripts', key: 'transcripts/job.json' }
 */
export function s3LocationOf(uri: string): { bucket: string; key: string } | undefined {
  if (uri.startsWith('s3://')) {
    // Transcribe echoes MediaFileUri as given: the raw key, not URL-encoded (it may hold %, # or ?).
    const rest = uri.slice('s3://'.length);
    const slash = rest.indexOf('/');
    return slash > 0 && slash < rest.length - 1 ? { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) } : undefined;
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const decode = (path: string) => {
    try {
      return decodeURIComponent(path);
    } catch {
      return undefined;
    }
  };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const virtualHost = /^(.+)\.s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com(?:\.cn)?$/.exec(url.hostname);
  if (virtualHost && virtualHost[1]) {
    const key = decode(url.pathname.replace(/^\//, ''));
    return key ? { bucket: virtualHost[1], key } : undefined;
  }
  const [, bucket, ...rest] = url.pathname.split('/');
  const key = decode(rest.join('/'));
  return bucket && key ? { bucket, key } : undefined;
}
