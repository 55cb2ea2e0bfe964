import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { WebConfig } from './config';
import type { Session } from './session';

/**
 * The key an upload gets: the user's own `private/<identityId>/` folder (Amplify Storage's layout, the
 * only place the authenticated role may write), a time prefix so names never collide, and the file
 * name kept readable.
 *
 * @example
 * uploadKey('eu-west-1:abc', 'My photo.png', new Date(0)); // 'private/eu-west-1:abc/19700101T000000Z-My photo.png'
 */
export function uploadKey(identityId: string, fileName: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const safe =
    Array.from(fileName, (c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 ? '_' : c))
      .join('')
      .slice(-150) || 'upload';
  return `private/${identityId}/${stamp}-${safe}`;
}

/**
 * Uploads a file to the user's private folder of the uploads bucket with their own credentials.
 *
 * @example
 * const key = await uploadFile(config, session, file);
 */
export async function uploadFile(config: WebConfig, session: Session, file: File): Promise<string> {
  const s3 = new S3Client({
    region: config.region,
    credentials: session.credentials,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
  });
  const key = uploadKey(session.identityId, file.name, new Date());
  await s3.send(
    new PutObjectCommand({
      Bucket: config.uploadsBucket,
      Key: key,
      Body: new Uint8Array(await file.arrayBuffer()),
      ContentType: file.type || 'application/octet-stream',
    }),
  );
  return key;
}
