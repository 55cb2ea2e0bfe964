import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';

// Built once per cold start and reused by every invocation (connection reuse). Region and credentials come from the
// Lambda environment; endpoints follow the SDK's standard AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_REKOGNITION, so the
// same code runs against the local stand-ins.

/** S3 client (HeadObject, ranged GetObject); path-style addressing when `S3_FORCE_PATH_STYLE=true`. */
export const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });

/** Rekognition client (DetectLabels). */
export const rekognition = new RekognitionClient({});
