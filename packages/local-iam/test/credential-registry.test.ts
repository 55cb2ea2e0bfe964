import {
  ExpiredTokenError,
  LocalIamConfigError,
  UnrecognizedClientError,
  cognitoAuthProvider,
  createCredentialRegistry,
  roleIdFor,
  toAppSyncIdentity,
  verifySigV4Request,
  type RoleRef,
} from '../src';
import { smithySign } from './helpers/sign';

const ACCOUNT = '111122223333';
const LAMBDA_ROLE: RoleRef = { roleName: 'ImageTaggerRole', roleArn: `arn:aws:iam::${ACCOUNT}:role/ImageTaggerRole`, accountId: ACCOUNT };
const AUTH_ROLE: RoleRef = { roleName: 'IdentityPoolAuthRole', roleArn: `arn:aws:iam::${ACCOUNT}:role/IdentityPoolAuthRole`, accountId: ACCOUNT };
const IDENTITY = {
  identityId: 'us-east-1:59ec6a11-3585-4ad0-9eb6-c9b7a58295b1',
  identityPoolId: 'us-east-1:1cb638b4-0f0c-4078-9fe0-4dbd3582783d',
  sub: 'f531f541-2254-4b4a-b44a-f640c2a2e6b7',
};
const START = new Date('2026-03-14T09:00:00Z');

function clock() {
  let t = START.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

async function sign(creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, at: Date) {
  const body = '{"query":"{ me { id } }"}';
  const headers = await smithySign({ body, headers: { 'content-type': 'application/json' } }, creds, { signingDate: at });
  return { method: 'POST', path: '/graphql', headers, body };
}

describe('Function: createCredentialRegistry', () => {
  it('mints ASIA temporary credentials for a role that the verifier accepts as an assumed role', async () => {
    // Prepare
    const c = clock();
    const registry = createCredentialRegistry({ now: c.now });

    // Act
    const creds = registry.mintForRole(LAMBDA_ROLE, { sessionName: 'image-tagger' });
    const principal = verifySigV4Request(await sign(creds, START), { credentials: registry, region: 'us-east-1', now: c.now });

    // Assess
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.secretAccessKey).toHaveLength(40);
    expect(creds.sessionToken.length).toBeGreaterThan(100);
    expect(creds.expiration).toEqual(new Date('2026-03-14T10:00:00Z'));
    expect(principal).toEqual({
      kind: 'role',
      accountId: ACCOUNT,
      roleName: 'ImageTaggerRole',
      roleArn: LAMBDA_ROLE.roleArn,
      roleId: roleIdFor(LAMBDA_ROLE.roleArn),
      sessionName: 'image-tagger',
      userArn: `arn:aws:sts::${ACCOUNT}:assumed-role/ImageTaggerRole/image-tagger`,
      user: `${roleIdFor(LAMBDA_ROLE.roleArn)}:image-tagger`,
    });
  });

  it('mints distinct keys, secrets and tokens on every call', () => {
    // Prepare
    const registry = createCredentialRegistry();

    // Act
    const a = registry.mintForRole(LAMBDA_ROLE);
    const b = registry.mintForRole(LAMBDA_ROLE);

    // Assess
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.secretAccessKey).not.toBe(b.secretAccessKey);
    expect(a.sessionToken).not.toBe(b.sessionToken);
    expect(registry.lookup(a.accessKeyId)?.principal.sessionName).toBe('ImageTaggerRole');
  });

  it('mints identity-pool credentials whose principal carries the Cognito identity', async () => {
    // Prepare
    const c = clock();
    const registry = createCredentialRegistry({ now: c.now });
    const authProvider = `cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc,cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:CognitoSignIn:${IDENTITY.sub}`;

    // Act
    const creds = registry.mintForIdentity({ role: AUTH_ROLE, identityId: IDENTITY.identityId, identityPoolId: IDENTITY.identityPoolId, authProvider, authType: 'authenticated' });
    const principal = verifySigV4Request(await sign(creds, START), { credentials: registry, region: 'us-east-1', now: c.now });

    // Assess
    expect(principal).toEqual(
      expect.objectContaining({
        kind: 'identity',
        cognitoIdentityId: IDENTITY.identityId,
        cognitoIdentityPoolId: IDENTITY.identityPoolId,
        cognitoIdentityAuthType: 'authenticated',
        cognitoIdentityAuthProvider: cognitoAuthProvider({ region: 'us-east-1', userPoolId: 'us-east-1_Abc', sub: IDENTITY.sub }),
        roleArn: AUTH_ROLE.roleArn,
        userArn: `arn:aws:sts::${ACCOUNT}:assumed-role/IdentityPoolAuthRole/CognitoIdentityCredentials`,
      }),
    );
  });

  it('keeps expired credentials known so the verifier answers ExpiredTokenException', async () => {
    // Prepare
    const c = clock();
    const registry = createCredentialRegistry({ now: c.now, defaultDurationSeconds: 900 });
    const creds = registry.mintForRole(LAMBDA_ROLE);
    c.advance(900_000);

    // Act
    const request = await sign(creds, c.now());
    const act = () => verifySigV4Request(request, { credentials: registry, region: 'us-east-1', now: c.now });

    // Assess
    expect(act).toThrow(ExpiredTokenError);
  });

  it('forgets revoked credentials', async () => {
    // Prepare
    const registry = createCredentialRegistry();
    const creds = registry.mintForRole(LAMBDA_ROLE);

    // Act
    const revoked = registry.revoke(creds.accessKeyId);
    const request = await sign(creds, new Date());
    const act = () => verifySigV4Request(request, { credentials: registry, region: 'us-east-1' });

    // Assess
    expect(revoked).toBe(true);
    expect(act).toThrow(UnrecognizedClientError);
  });

  const invalid: Array<[string, () => unknown]> = [
    ['a role ARN from another account', () => createCredentialRegistry().mintForRole({ ...LAMBDA_ROLE, accountId: '999999999999' })],
    ['a role name that differs from the ARN', () => createCredentialRegistry().mintForRole({ ...LAMBDA_ROLE, roleName: 'Other' })],
    ['a non-role ARN', () => createCredentialRegistry().mintForRole({ ...LAMBDA_ROLE, roleArn: `arn:aws:iam::${ACCOUNT}:user/ImageTaggerRole` })],
    ['a session name with spaces', () => createCredentialRegistry().mintForRole(LAMBDA_ROLE, { sessionName: 'image tagger' })],
    ['a duration below 900 seconds', () => createCredentialRegistry().mintForRole(LAMBDA_ROLE, { durationSeconds: 60 })],
    ['a default duration above 12 hours', () => createCredentialRegistry({ defaultDurationSeconds: 50_000 })],
    ['an identity without an identity id', () => createCredentialRegistry().mintForIdentity({ role: AUTH_ROLE, identityId: '', identityPoolId: IDENTITY.identityPoolId, authProvider: 'x', authType: 'authenticated' })],
    ['an unknown auth type', () => createCredentialRegistry().mintForIdentity({ role: AUTH_ROLE, identityId: IDENTITY.identityId, identityPoolId: IDENTITY.identityPoolId, authProvider: 'x', authType: 'guest' as 'authenticated' })],
  ];
  it.each(invalid)('refuses %s with LocalIamConfigError', (_name, act) => {
    // Prepare / Act / Assess
    expect(act).toThrow(LocalIamConfigError);
  });
});

describe('Function: toAppSyncIdentity', () => {
  it("builds AppSync's ctx.identity for an identity-pool caller", () => {
    // Prepare
    const registry = createCredentialRegistry();
    const creds = registry.mintForIdentity({
      role: AUTH_ROLE,
      identityId: IDENTITY.identityId,
      identityPoolId: IDENTITY.identityPoolId,
      authProvider: cognitoAuthProvider({ region: 'us-east-1', userPoolId: 'us-east-1_Abc', sub: IDENTITY.sub }),
      authType: 'authenticated',
    });
    const principal = registry.lookup(creds.accessKeyId)?.principal;
    if (!principal) throw new Error('minted credentials not found');

    // Act
    const identity = toAppSyncIdentity(principal, '127.0.0.1');

    // Assess
    expect(identity).toEqual({
      accountId: ACCOUNT,
      cognitoIdentityAuthProvider: `"cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc","cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:CognitoSignIn:${IDENTITY.sub}"`,
      cognitoIdentityAuthType: 'authenticated',
      cognitoIdentityId: IDENTITY.identityId,
      cognitoIdentityPoolId: IDENTITY.identityPoolId,
      sourceIp: ['127.0.0.1'],
      userArn: `arn:aws:sts::${ACCOUNT}:assumed-role/IdentityPoolAuthRole/CognitoIdentityCredentials`,
      username: `${roleIdFor(AUTH_ROLE.roleArn)}:CognitoIdentityCredentials`,
    });
  });

  it('builds ctx.identity for a role caller with null Cognito fields', () => {
    // Prepare
    const registry = createCredentialRegistry();
    const creds = registry.mintForRole(LAMBDA_ROLE, { sessionName: 'image-tagger' });
    const principal = registry.lookup(creds.accessKeyId)?.principal;
    if (!principal) throw new Error('minted credentials not found');

    // Act
    const identity = toAppSyncIdentity(principal, ['10.0.0.1', '10.0.0.2']);

    // Assess
    expect(identity).toEqual({
      accountId: ACCOUNT,
      cognitoIdentityAuthProvider: null,
      cognitoIdentityAuthType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      sourceIp: ['10.0.0.1', '10.0.0.2'],
      userArn: `arn:aws:sts::${ACCOUNT}:assumed-role/ImageTaggerRole/image-tagger`,
      username: `${roleIdFor(LAMBDA_ROLE.roleArn)}:image-tagger`,
    });
  });
});
