import { GetObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { createLogger } from '@notifier/lambda-kit';
import { createFakeAppSync, type FakeReply } from '@notifier/lambda-kit/testing';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { mockClient } from 'aws-sdk-client-mock';
import { createBulkLoadNoticeHandler } from '../src/notice';
import type { S3ClientProvider } from '../src/s3';

export const URL = 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql';
export const credentials = { accessKeyId: 'ASIABULKLOADEXAMPLE', secretAccessKey: 'bulk-load-secret', sessionToken: 'bulk-load-token' };

/** A GetObject answer whose body is `text`, as the SDK's stream mixin exposes it. */
export function objectBody(text: string): GetObjectCommandOutput {
  return {
    $metadata: {},
    ContentLength: Buffer.byteLength(text),
    Body: { transformToString: async () => text } as unknown as GetObjectCommandOutput['Body'],
  };
}

/**
 * The handler wired to a SigV4-verifying fake AppSync and a mocked S3 client, given by `s3Provider`
 * (by default a `jest.fn` resolving to the mocked client; `s3Of` replaces it, e.g. with a real provider).
 */
export function setup(reply?: (index: number) => FakeReply | Promise<FakeReply>, s3Of?: (s3: S3Client) => S3ClientProvider) {
  const appSync = createFakeAppSync({ credentials, reply: reply && ((_r, i) => reply(i)) });
  const client = createAppSyncClient({
    url: URL,
    region: 'eu-west-1',
    credentials,
    fetch: appSync.fetch,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 500,
  });
  const s3 = new S3Client({ region: 'eu-west-1', credentials });
  const s3Mock = mockClient(s3);
  const s3Provider = jest.fn(s3Of ? s3Of(s3) : async () => s3);
  const handler = createBulkLoadNoticeHandler({ client, s3: s3Provider, logger: createLogger({ serviceName: 'bulk-load-notice', logLevel: 'DEBUG' }) });
  return { appSync, s3Mock, s3Provider, handler, GetObjectCommand };
}
