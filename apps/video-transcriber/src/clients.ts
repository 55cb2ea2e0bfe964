import { S3Client } from '@aws-sdk/client-s3';
import { TranscribeClient } from '@aws-sdk/client-transcribe';

// Built once per cold start and reused by every invocation. Region and credentials come from the Lambda environment;
// endpoints follow the SDK's standard AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_TRANSCRIBE, so the same code runs against
// the local stand-ins.

/** S3 client; path-style addressing when `S3_FORCE_PATH_STYLE=true`. */
export const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });

/** Transcribe client. */
export const transcribe = new TranscribeClient({});
