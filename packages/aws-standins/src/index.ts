/**
 * `@notifier/aws-standins`: local Amazon Rekognition (`DetectLabels`) and Amazon Transcribe (batch jobs) servers that
 * speak the AWS JSON 1.1 wire protocol, so unmodified AWS SDK v3 clients work against them through an endpoint
 * override. Both read and write S3 through the S3 endpoint they are given (s3rver locally).
 *
 * @example
 * const rekognition = await startRekognitionStandin({ s3: { endpoint: s3Url } });
 * const transcribe = await startTranscribeStandin({ s3: { endpoint: s3Url }, onEvent: (event) => route(event) });
 * process.env.AWS_ENDPOINT_URL_REKOGNITION = rekognition.url;
 * process.env.AWS_ENDPOINT_URL_TRANSCRIBE = transcribe.url;
 */
export { startRekognitionStandin, MAX_S3_IMAGE_BYTES, MAX_INLINE_IMAGE_BYTES } from './rekognition';
export type { RekognitionStandin, RekognitionStandinOptions } from './rekognition';
export { startTranscribeStandin, DEFAULT_TRANSCRIPT } from './transcribe';
export type { StandinJob, TranscribeJobStateChangeEvent, TranscribeStandin, TranscribeStandinOptions } from './transcribe';
export { inspectImage, labelsFor, colourName, COLOUR_LABEL_MIN_SHARE, MAX_DECODED_PIXELS } from './image';
export type { ImageFacts, StandinLabel } from './image';
export { detectMediaFormat, MEDIA_FORMATS } from './media';
export type { MediaFormat } from './media';
export { startJsonService } from './json-protocol';
export type { JsonOperation, JsonServiceOptions, RunningService } from './json-protocol';
export { createS3Client } from './s3';
export type { S3Target } from './s3';
export { AwsStandinError, StandinConfigError, ServiceError } from './errors';
