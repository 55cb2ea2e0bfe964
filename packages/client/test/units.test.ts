import { createBackoff } from '../src/backoff';
import { CredentialsCache } from '../src/credentials';
import { RecentIds } from '../src/dedupe';
import { NotifierConfigError, NotifierCredentialsError, NotifierProtocolError } from '../src/errors';
import { base64Url, parseServerMessage } from '../src/protocol';

describe('Function: createBackoff', () => {
  it('grows exponentially up to the cap, scaled by the jitter draw', () => {
    // Prepare
    const backoff = createBackoff({ initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2 }, () => 0.999);

    // Act
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => backoff.delay(attempt));

    // Assess
    expect(delays).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('draws from zero (full jitter)', () => {
    // Act and Assess
    expect(createBackoff({}, () => 0).delay(3)).toBe(0);
  });

  it('refuses negative and non-growing settings', () => {
    // Act and Assess
    expect(() => createBackoff({ initialDelayMs: -1 })).toThrow(NotifierConfigError);
    expect(() => createBackoff({ multiplier: 0.5 })).toThrow(/multiplier/);
  });
});

describe('Class: RecentIds', () => {
  it('reports an id the first time only, forgetting the first delivered beyond capacity', () => {
    // Prepare
    const seen = new RecentIds(2);

    // Act
    const results = [seen.add('a'), seen.add('b'), seen.add('a'), seen.add('c'), seen.add('b'), seen.add('a')];

    // Assess
    // Seeing 'a' again does not move it: 'c' pushes out 'a', the first delivered, and 'b' stays.
    expect(results).toEqual([true, true, false, true, false, true]);
    expect(seen.size).toBe(2);
    expect([seen.has('a'), seen.has('b'), seen.has('c')]).toEqual([true, false, true]);
  });
});

describe('Class: CredentialsCache', () => {
  const now = Date.parse('2026-11-27T14:00:00Z');

  it('calls the provider again only within the refresh margin of the expiry', async () => {
    // Prepare
    let clock = now;
    const provider = jest
      .fn()
      .mockResolvedValueOnce({ accessKeyId: 'A', secretAccessKey: 's', expiration: new Date(now + 600_000) })
      .mockResolvedValueOnce({ accessKeyId: 'B', secretAccessKey: 's', expiration: new Date(now + 3_600_000) });
    const cache = new CredentialsCache(provider, { refreshMarginMs: 300_000, minRefreshDelayMs: 10_000, now: () => clock });

    // Act
    const first = await cache.get();
    clock = now + 299_000;
    const stillFirst = await cache.get();
    clock = now + 300_000;
    const second = await cache.get();

    // Assess
    expect([first.accessKeyId, stillFirst.accessKeyId, second.accessKeyId]).toEqual(['A', 'A', 'B']);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('refreshes credentials issued for less than twice the margin at half their lifetime', async () => {
    // Prepare
    let clock = now;
    let calls = 0;
    const provider = jest.fn(async () => {
      calls += 1;
      return { accessKeyId: `K${calls}`, secretAccessKey: 's', expiration: new Date(clock + 240_000) };
    });
    const cache = new CredentialsCache(provider, { refreshMarginMs: 300_000, minRefreshDelayMs: 10_000, now: () => clock });

    // Act
    const first = await cache.get();
    const refreshAt = cache.refreshAt(first);
    clock = now + 119_000;
    const stillFirst = await cache.get();
    clock = now + 120_000;
    const second = await cache.get();

    // Assess
    expect(refreshAt).toBe(now + 120_000);
    expect([first.accessKeyId, stillFirst.accessKeyId, second.accessKeyId]).toEqual(['K1', 'K1', 'K2']);
    expect(cache.refreshAt(second)).toBe(now + 240_000);
  });

  it('waits at least minRefreshDelayMs before a planned refresh, but replaces expired credentials when asked', async () => {
    // Prepare
    let clock = now;
    let calls = 0;
    const provider = jest.fn(async () => {
      calls += 1;
      return { accessKeyId: `K${calls}`, secretAccessKey: 's', expiration: new Date(clock + 4_000) };
    });
    const cache = new CredentialsCache(provider, { refreshMarginMs: 300_000, minRefreshDelayMs: 10_000, now: () => clock });

    // Act
    const first = await cache.get();
    clock = now + 3_999;
    const stillFirst = await cache.get();
    clock = now + 4_000;
    const second = await cache.get();

    // Assess
    expect(cache.refreshAt(first)).toBe(now + 10_000);
    expect([first.accessKeyId, stillFirst.accessKeyId, second.accessKeyId]).toEqual(['K1', 'K1', 'K2']);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('shares one provider call between concurrent callers', async () => {
    // Prepare
    const provider = jest.fn(async () => ({ accessKeyId: 'A', secretAccessKey: 's' }));
    const cache = new CredentialsCache(provider, { refreshMarginMs: 0, minRefreshDelayMs: 0, now: () => now });

    // Act
    await Promise.all([cache.get(), cache.get(), cache.get({ forceRefresh: true })]);

    // Assess
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('wraps a failing provider and refuses expired or incomplete credentials', async () => {
    // Prepare
    const failing = new CredentialsCache(async () => Promise.reject(new Error('NotAuthorizedException')), { refreshMarginMs: 0, minRefreshDelayMs: 0, now: () => now });
    const expired = new CredentialsCache(async () => ({ accessKeyId: 'A', secretAccessKey: 's', expiration: new Date(now - 1) }), {
      refreshMarginMs: 0,
      minRefreshDelayMs: 0,
      now: () => now,
    });
    const incomplete = new CredentialsCache(async () => ({ accessKeyId: 'A', secretAccessKey: '' }), { refreshMarginMs: 0, minRefreshDelayMs: 0, now: () => now });

    // Act and Assess
    await expect(failing.get()).rejects.toThrow(NotifierCredentialsError);
    await expect(failing.get()).rejects.toMatchObject({ cause: new Error('NotAuthorizedException') });
    await expect(expired.get()).rejects.toThrow(/expired/);
    await expect(incomplete.get()).rejects.toThrow(/secretAccessKey/);
    expect(() => new CredentialsCache({ accessKeyId: '', secretAccessKey: 's' }, { refreshMarginMs: 0, minRefreshDelayMs: 0, now: () => now })).toThrow(NotifierConfigError);
  });

  it('keeps static credentials as given and never schedules a refresh for them', async () => {
    // Prepare
    const credentials = { accessKeyId: 'A', secretAccessKey: 's', expiration: new Date(now + 1000) };
    const cache = new CredentialsCache(credentials, { refreshMarginMs: 300_000, minRefreshDelayMs: 10_000, now: () => now });

    // Act
    const got = await cache.get({ forceRefresh: true });

    // Assess
    expect(got).toBe(credentials);
    expect(cache.refreshable).toBe(false);
    expect(cache.refreshAt(got)).toBeUndefined();
  });
});

describe('Function: parseServerMessage', () => {
  it('parses AppSync messages from text and bytes', () => {
    // Act and Assess
    expect(parseServerMessage('{"type":"ka"}')).toEqual({ type: 'ka' });
    expect(parseServerMessage(new TextEncoder().encode('{"type":"start_ack","id":"1"}'))).toEqual({ type: 'start_ack', id: '1' });
  });

  it.each([
    ['not json', /not JSON/],
    ['{"id":"1"}', /without a type/],
    ['{"type":"gql_data","id":"1"}', /unknown message type/],
    ['{"type":"data","payload":{}}', /without an id/],
    ['{"type":"data","id":"1"}', /without a payload/],
  ])('refuses %s with a protocol error', (raw, message) => {
    // Act and Assess
    expect(() => parseServerMessage(raw)).toThrow(NotifierProtocolError);
    expect(() => parseServerMessage(raw)).toThrow(message);
  });
});

describe('Function: base64Url', () => {
  it('encodes UTF-8 without padding or URL-unsafe characters', () => {
    // Act
    const encoded = base64Url('{"host":"é?>"}');

    // Assess
    expect(encoded).not.toMatch(/[+/=]/);
    expect(Buffer.from(encoded, 'base64url').toString('utf8')).toBe('{"host":"é?>"}');
  });
});
