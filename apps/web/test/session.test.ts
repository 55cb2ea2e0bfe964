import { SignInError } from '../src/errors';
import { idTokenProvider, jwtClaims } from '../src/session';
import claimsFixture from './tokens/cognito-id-token-claims.json';

/** A token shaped like a Cognito ID token (header.payload.signature, base64url) with the fixture's claims. */
function token(overrides: Record<string, unknown> = {}): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ kid: 'key-1', alg: 'RS256' })}.${part({ ...structuredClone(claimsFixture), ...overrides })}.c2lnbmF0dXJl`;
}

const EXP_MS = claimsFixture.exp * 1000;

describe('Function: jwtClaims', () => {
  it('reads the claims of an ID token, non-ASCII text included', () => {
    // Act
    const claims = jwtClaims(token());

    // Assess
    expect(claims).toMatchObject({ sub: claimsFixture.sub, name: 'Zoë Ångström', token_use: 'id', exp: claimsFixture.exp });
  });

  it('refuses what is not a JWT', () => {
    // Act + Assess
    expect(() => jwtClaims('not-a-token')).toThrow(new SignInError('The ID token is not a JWT'));
    expect(() => jwtClaims('a.bm90IGpzb24.c')).toThrow('The ID token carries no readable claims');
  });
});

describe('Function: idTokenProvider', () => {
  it('gives the sign-in token while it is fresh', async () => {
    // Prepare
    const refresh = jest.fn(async () => token({ iat: 2 }));
    const first = token();
    const provider = idTokenProvider({ idToken: first, refreshToken: 'refresh-1', refresh, now: () => EXP_MS - 300_001 });

    // Act
    const tokens = [await provider(), await provider()];

    // Assess
    expect(tokens).toEqual([first, first]);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes once near expiry for concurrent callers, then keeps the new token', async () => {
    // Prepare
    let now = EXP_MS - 299_999;
    const fresh = token({ exp: claimsFixture.exp + 3600, iat: claimsFixture.iat + 3600 });
    const refresh = jest.fn(async () => fresh);
    const provider = idTokenProvider({ idToken: token(), refreshToken: 'refresh-1', refresh, now: () => now });

    // Act
    const concurrent = await Promise.all([provider(), provider(), provider()]);
    now += 60_000;
    const later = await provider();

    // Assess
    expect(concurrent).toEqual([fresh, fresh, fresh]);
    expect(later).toBe(fresh);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('refresh-1');
  });

  it('fails with a clear error when the refresh fails, and tries again on the next call', async () => {
    // Prepare
    const cause = new Error('NotAuthorizedException: Refresh Token has expired');
    const fresh = token({ exp: claimsFixture.exp + 3600 });
    const refresh = jest.fn<Promise<string>, [string]>().mockRejectedValueOnce(cause).mockResolvedValueOnce(fresh);
    const provider = idTokenProvider({ idToken: token(), refreshToken: 'refresh-1', refresh, now: () => EXP_MS });

    // Act
    const error = await provider().catch((e: unknown) => e);
    const retried = await provider();

    // Assess
    expect(error).toBeInstanceOf(SignInError);
    expect(error).toMatchObject({ message: 'The sign-in could not be refreshed: sign in again', cause });
    expect(retried).toBe(fresh);
  });

  it('keeps the sign-in token when there is no refresh token', async () => {
    // Prepare
    const refresh = jest.fn(async () => 'unused');
    const first = token();
    const provider = idTokenProvider({ idToken: first, refresh, now: () => EXP_MS + 1 });

    // Act
    const result = await provider();

    // Assess
    expect(result).toBe(first);
    expect(refresh).not.toHaveBeenCalled();
  });
});
