import {
  AppSyncTimeoutError,
  createAppSyncClient,
  CredentialsProviderError,
  DeadlineExceededError,
  type AppSyncClientOptions,
  type AwsCredentialIdentity,
  type AwsCredentialIdentityProvider,
} from '../src';
import { failureOf } from './helpers/failure';
import { DATASET_INPUT, NOTIFY_DATASET_REFRESHED } from './helpers/fixtures';
import { REGION, ROLE, useVerifyingAppSync } from './helpers/verifying-appsync';

// Credential providers that are slow or failing, against a local server that verifies every signature.

/** A provider call that never settles, like an SDK provider stuck on an unreachable endpoint. */
const never = (): Promise<AwsCredentialIdentity> => new Promise<AwsCredentialIdentity>(() => {});

describe('Class: AppSyncClient waiting for credentials', () => {
  const appsync = useVerifyingAppSync();

  const clientWith = (credentials: AwsCredentialIdentityProvider, options: Partial<AppSyncClientOptions> = {}) =>
    createAppSyncClient({ url: appsync.url, region: REGION, credentials, ...options });

  it('throws DeadlineExceededError at the deadline while the provider has not answered', async () => {
    // Prepare
    const client = clientWith(never, { timeoutMs: 60_000 });
    const started = Date.now();

    // Act
    const error = await failureOf(
      client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { deadline: started + 150 }),
    );

    // Assess
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as Error).cause).toBeInstanceOf(AppSyncTimeoutError);
    expect(elapsed).toBeLessThan(1500);
    expect(appsync.server.requests).toHaveLength(0);
  });

  it('rejects with the caller signal reason while the provider has not answered', async () => {
    // Prepare
    const client = clientWith(never, { timeoutMs: 60_000 });
    const controller = new AbortController();
    const reason = new Error('invocation cancelled');
    const started = Date.now();

    // Act
    const pending = client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    const error = await failureOf(pending);

    // Assess
    expect(error).toBe(reason);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(appsync.server.requests).toHaveLength(0);
  });

  it('counts the wait for credentials in the attempt timeout and retries on a new attempt', async () => {
    // Prepare
    const minted = appsync.registry.mintForRole(ROLE);
    const provider = jest.fn<Promise<AwsCredentialIdentity>, []>().mockImplementationOnce(never).mockResolvedValue(minted);
    const client = clientWith(provider, { timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });

    // Act
    const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(result.outcome).toBe('delivered');
    expect(provider).toHaveBeenCalledTimes(2);
    expect(appsync.server.requests.map((r) => r.outcome)).toEqual(['verified']);
  });

  it('retries a transient provider failure and sends one verified request', async () => {
    // Prepare: SDK providers reject like this when the credentials endpoint times out.
    const minted = appsync.registry.mintForRole(ROLE);
    const transient = Object.assign(new Error('connect ETIMEDOUT 169.254.170.2:80'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    const provider = jest.fn<Promise<AwsCredentialIdentity>, []>().mockRejectedValueOnce(transient).mockResolvedValue(minted);
    const logger = { debug: jest.fn(), warn: jest.fn() };
    const client = clientWith(provider, { retry: { baseDelayMs: 1, maxDelayMs: 1 }, logger });

    // Act
    const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(result.outcome).toBe('delivered');
    expect(provider).toHaveBeenCalledTimes(2);
    expect(appsync.server.requests.map((r) => r.outcome)).toEqual(['verified']);
    expect(logger.warn).toHaveBeenCalledWith(
      'AppSync request failed, retrying',
      expect.objectContaining({ attempt: 1, cause: expect.objectContaining({ name: 'CredentialsProviderError' }) }),
    );
  });

  it('does not back off past the deadline after a provider failure', async () => {
    // Prepare
    const transient = new Error('connect ECONNREFUSED 127.0.0.1:1338');
    const client = clientWith(() => Promise.reject(transient), {
      retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      random: () => 0.5,
    });
    const started = Date.now();

    // Act
    const error = await failureOf(
      client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { deadline: started + 1000 }),
    );

    // Assess
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as Error).cause).toBeInstanceOf(CredentialsProviderError);
    expect(((error as Error).cause as Error).cause).toBe(transient);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(appsync.server.requests).toHaveLength(0);
  });
});
