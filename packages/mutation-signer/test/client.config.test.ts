import { createAppSyncClient, CredentialsProviderError, SignerConfigError } from '../src';
import { DATASET_INPUT, ENDPOINT, NOTIFICATION, NOTIFY_DATASET_REFRESHED, STATIC_CREDENTIALS, TEMPORARY_CREDENTIALS } from './helpers/fixtures';
import { fakeFetch, json } from './helpers/fake-fetch';

const ENV_KEYS = ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

describe('Function: createAppSyncClient', () => {
  const saved: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

  beforeEach(() => {
    for (const key of ENV_KEYS) {
      saved[key] = process.env[key];
      delete process.env[key];
    }
  });

  afterEach(() => {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  describe('configuration', () => {
    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['not a URL', 'appsync endpoint'],
      ['not http(s)', 'ftp://abc.appsync-api.eu-west-1.amazonaws.com/graphql'],
      ['carrying user info', 'https://user:pass@abc.appsync-api.eu-west-1.amazonaws.com/graphql'],
    ])('throws SignerConfigError at construction when the url is %s', (_case, url) => {
      // Act & Assess
      expect(() => createAppSyncClient({ url: url as string })).toThrow(SignerConfigError);
    });

    it('throws SignerConfigError when called without options', () => {
      // Act & Assess
      expect(() => createAppSyncClient(undefined as never)).toThrow(/options are required/);
    });

    it('takes the region from the option first', () => {
      // Prepare
      process.env.AWS_REGION = 'us-east-1';

      // Act
      const client = createAppSyncClient({ url: ENDPOINT, region: 'ap-south-1' });

      // Assess
      expect(client.region).toBe('ap-south-1');
    });

    it('takes the region from AWS_REGION before the host name', () => {
      // Prepare
      process.env.AWS_REGION = 'us-east-1';

      // Act
      const client = createAppSyncClient({ url: ENDPOINT });

      // Assess
      expect(client.region).toBe('us-east-1');
    });

    it('derives the region from an appsync-api host name', () => {
      // Act
      const client = createAppSyncClient({ url: ENDPOINT });

      // Assess
      expect(client.region).toBe('eu-west-1');
    });

    it('throws SignerConfigError when no region can be determined', () => {
      // Act & Assess
      expect(() => createAppSyncClient({ url: 'https://api.example.com/graphql' })).toThrow(
        /cannot determine the region/,
      );
    });

    it.each([
      ['maxAttempts 0', { retry: { maxAttempts: 0 } }],
      ['fractional maxAttempts', { retry: { maxAttempts: 1.5 } }],
      ['negative baseDelayMs', { retry: { baseDelayMs: -1 } }],
      ['infinite maxDelayMs', { retry: { maxDelayMs: Infinity } }],
      ['negative maxRetryAfterMs', { retry: { maxRetryAfterMs: -1 } }],
      ['timeoutMs 0', { timeoutMs: 0 }],
      ['an empty region', { region: ' ' }],
      ['static credentials without a secret', { credentials: { accessKeyId: 'AKID', secretAccessKey: '' } }],
    ])('throws SignerConfigError for %s', (_case, options) => {
      // Act & Assess
      expect(() => createAppSyncClient({ url: ENDPOINT, ...options })).toThrow(SignerConfigError);
    });
  });

  describe('credentials', () => {
    const deliver = json(200, { data: { notifyDatasetRefreshed: NOTIFICATION } });

    it('reads the Lambda environment at each request so rotated credentials are used', async () => {
      // Prepare
      const { fetch, calls } = fakeFetch(deliver);
      const client = createAppSyncClient({ url: ENDPOINT, fetch });
      process.env.AWS_ACCESS_KEY_ID = TEMPORARY_CREDENTIALS.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = TEMPORARY_CREDENTIALS.secretAccessKey;
      process.env.AWS_SESSION_TOKEN = TEMPORARY_CREDENTIALS.sessionToken;

      // Act
      await client.mutate(NOTIFY_DATASET_REFRESHED, DATASET_INPUT);
      process.env.AWS_ACCESS_KEY_ID = 'ASIAROTATED';
      process.env.AWS_SESSION_TOKEN = 'rotated-token';
      await client.mutate(NOTIFY_DATASET_REFRESHED, DATASET_INPUT);

      // Assess
      expect(calls[0]?.headers.authorization).toContain(`Credential=${TEMPORARY_CREDENTIALS.accessKeyId}/`);
      expect(calls[0]?.headers['x-amz-security-token']).toBe(TEMPORARY_CREDENTIALS.sessionToken);
      expect(calls[1]?.headers.authorization).toContain('Credential=ASIAROTATED/');
      expect(calls[1]?.headers['x-amz-security-token']).toBe('rotated-token');
    });

    it('rejects with SignerConfigError and sends nothing when the environment has no credentials', async () => {
      // Prepare
      const { fetch, calls } = fakeFetch(deliver);
      const client = createAppSyncClient({ url: ENDPOINT, fetch });

      // Act & Assess
      await expect(client.mutate(NOTIFY_DATASET_REFRESHED, DATASET_INPUT)).rejects.toThrow(
        expect.objectContaining({ name: 'SignerConfigError', message: expect.stringMatching(/AWS_ACCESS_KEY_ID/) }),
      );
      expect(calls).toHaveLength(0);
    });

    it('calls a credential provider before every attempt', async () => {
      // Prepare
      const { fetch, calls } = fakeFetch(json(503, {}), deliver);
      const provider = jest
        .fn()
        .mockResolvedValueOnce(TEMPORARY_CREDENTIALS)
        .mockResolvedValueOnce(STATIC_CREDENTIALS);
      const client = createAppSyncClient({ url: ENDPOINT, fetch, credentials: provider, sleep: async () => {} });

      // Act
      await client.mutate(NOTIFY_DATASET_REFRESHED, DATASET_INPUT);

      // Assess
      expect(provider).toHaveBeenCalledTimes(2);
      expect(calls[0]?.headers['x-amz-security-token']).toBe(TEMPORARY_CREDENTIALS.sessionToken);
      expect(calls[1]?.headers.authorization).toContain(`Credential=${STATIC_CREDENTIALS.accessKeyId}/`);
      expect(calls[1]?.headers['x-amz-security-token']).toBeUndefined();
    });

    it('wraps a failing credential provider in CredentialsProviderError with the cause after every attempt', async () => {
      // Prepare
      const failure = new Error('Could not load credentials from any providers');
      const { fetch, calls } = fakeFetch(deliver);
      const provider = jest.fn(() => Promise.reject(failure));
      const client = createAppSyncClient({ url: ENDPOINT, fetch, credentials: provider, sleep: async () => {} });

      // Act
      const error = await client.mutate(NOTIFY_DATASET_REFRESHED, DATASET_INPUT).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(CredentialsProviderError);
      expect(error).not.toBeInstanceOf(SignerConfigError);
      expect((error as Error).cause).toBe(failure);
      expect(provider).toHaveBeenCalledTimes(3);
      expect(calls).toHaveLength(0);
    });

    it('passes a SignerConfigError thrown by a provider through without retrying', async () => {
      // Prepare
      const failure = new SignerConfigError('no profile named "prod"');
      const { fetch, calls } = fakeFetch(deliver);
      const provider = jest.fn(() => Promise.reject(failure));
      const client = createAppSyncClient({ url: ENDPOINT, fetch, credentials: provider, sleep: async () => {} });

      // Act
      const error = await client.mutate(NOTIFY_DATASET_REFRESHED, DATASET_INPUT).catch((e: unknown) => e);

      // Assess
      expect(error).toBe(failure);
      expect(provider).toHaveBeenCalledTimes(1);
      expect(calls).toHaveLength(0);
    });

    it('rejects with SignerConfigError when a provider returns no secret', async () => {
      // Prepare
      const { fetch } = fakeFetch(deliver);
      const client = createAppSyncClient({
        url: ENDPOINT,
        fetch,
        credentials: async () => ({ accessKeyId: 'AKID' }) as never,
      });

      // Act & Assess
      await expect(client.mutate(NOTIFY_DATASET_REFRESHED, DATASET_INPUT)).rejects.toThrow(SignerConfigError);
    });
  });
});
