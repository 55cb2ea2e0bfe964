import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { TranscriptLinkError } from './errors';

/** How long a transcript link signed on click stays valid, in seconds: enough to start the download, no more. */
export const TRANSCRIPT_LINK_EXPIRY_SECONDS = 60;

/** Options of {@link createTranscriptLinker}. */
export interface TranscriptLinkerOptions {
  /** Region of the uploads bucket (the page's region). */
  region: string;
  /** The signed-in user's identity-pool credentials (a provider: renewed credentials are picked up on each click). */
  credentials: NonNullable<S3ClientConfig['credentials']>;
  /** The uploads bucket, the only bucket the user's role may read. */
  uploadsBucket: string;
  /** The user's identity id: only locations under `private/<identityId>/` are theirs to open. */
  identityId: string;
  /**
   * Local S3 endpoint (path-style), as the local stack's page configuration gives it.
   * @default undefined: the bucket's regional AWS endpoint
   */
  s3Endpoint?: string;
  /**
   * Validity of each link, in seconds.
   * @default TRANSCRIPT_LINK_EXPIRY_SECONDS (60)
   */
  expiresInSeconds?: number;
  /**
   * Clock used as the signing date.
   * @default () => new Date()
   */
  now?: () => Date;
}

/**
 * The bucket and key of an `s3://bucket/key` location, or undefined when it is not one.
 *
 * @example
 * parseS3Location('s3://uploads/private/eu-west-1:abc/transcripts/job.json'); // { bucket: 'uploads', key: 'private/eu-west-1:abc/transcripts/job.json' }
 */
export function parseS3Location(location: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

/**
 * Builds what the "Full transcript" link calls when clicked: a GET of the transcript presigned with the user's own
 * identity-pool credentials, valid for a minute, answered as a JSON download. Nothing is signed before the click and
 * no credential is written into the page; the URL carries only the signature and the session token S3 requires.
 * Locations outside the user's `private/<identityId>/` folder of the uploads bucket are refused with
 * {@link TranscriptLinkError} (their role could not read them anyway).
 *
 * @example
 * const linkFor = createTranscriptLinker({ region, credentials: session.credentials, uploadsBucket, identityId: session.identityId });
 * window.location.assign(await linkFor(notification.transcriptReady.transcriptLocation));
 */
export function createTranscriptLinker(options: TranscriptLinkerOptions): (location: string) => Promise<string> {
  const s3 = new S3Client({
    region: options.region,
    credentials: options.credentials,
    // No checksum headers: a signed header the browser does not send would invalidate the link.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.s3Endpoint ? { endpoint: options.s3Endpoint, forcePathStyle: true } : {}),
  });
  const ownFolder = `private/${options.identityId}/`;
  return async (location) => {
    const target = parseS3Location(location);
    if (!target || target.bucket !== options.uploadsBucket || !target.key.startsWith(ownFolder)) {
      throw new TranscriptLinkError(`${location} is not in your private folder of ${options.uploadsBucket}`);
    }
    const fileName = (target.key.split('/').pop() ?? 'transcript.json').replace(/[^\w.-]/g, '_');
    const command = new GetObjectCommand({
      Bucket: target.bucket,
      Key: target.key,
      ResponseContentType: 'application/json',
      ResponseContentDisposition: `attachment; filename="${fileName}"`,
    });
    try {
      return await getSignedUrl(s3, command, {
        expiresIn: options.expiresInSeconds ?? TRANSCRIPT_LINK_EXPIRY_SECONDS,
        ...(options.now ? { signingDate: options.now() } : {}),
      });
    } catch (error) {
      throw new TranscriptLinkError(`Cannot sign the link to ${location}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
}
