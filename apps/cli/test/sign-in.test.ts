import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignInError } from '../src/errors';
import { signIn, type SignInOptions } from '../src/sign-in';

// A stand-in for the two Cognito services over AWS JSON 1.1, as the SDK clients speak it.
interface Call {
  target: string;
  body: Record<string, unknown>;
}

describe('Function: signIn', () => {
  let server: Server;
  let endpoint: string;
  let calls: Call[];
  let answer: (call: Call) => { status: number; body: unknown };
  let now: number;

  const options = (): SignInOptions => ({
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_pool',
    clientId: 'app-client',
    identityPoolId: 'eu-west-1:identity-pool',
    username: 'ada',
    password: 'correct horse',
    userPoolEndpoint: endpoint,
    identityPoolEndpoint: endpoint,
    now: () => now,
  });

  const cognito = (call: Call): { status: number; body: unknown } => {
    switch (call.target) {
      case 'AWSCognitoIdentityProviderService.InitiateAuth':
        return {
          status: 200,
          body: {
            AuthenticationResult: {
              IdToken: `id-token-${calls.filter((c) => c.target === call.target).length}`,
              RefreshToken: call.body.AuthFlow === 'USER_PASSWORD_AUTH' ? 'refresh-token' : undefined,
              ExpiresIn: 3600,
              TokenType: 'Bearer',
            },
          },
        };
      case 'AWSCognitoIdentityService.GetId':
        return { status: 200, body: { IdentityId: 'eu-west-1:identity-ada' } };
      case 'AWSCognitoIdentityService.GetCredentialsForIdentity':
        return {
          status: 200,
          body: {
            IdentityId: 'eu-west-1:identity-ada',
            Credentials: { AccessKeyId: 'ASIAADA', SecretKey: 'secret', SessionToken: 'token', Expiration: 1795000000 },
          },
        };
      default:
        return { status: 400, body: { __type: 'UnknownOperationException' } };
    }
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const call = { target: String(req.headers['x-amz-target']), body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') };
        calls.push(call);
        const { status, body } = answer(call);
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    calls = [];
    answer = cognito;
    now = Date.parse('2026-11-27T14:00:00Z');
  });

  it('signs in with USER_PASSWORD_AUTH, gets the identity id and hands out its credentials', async () => {
    // Act
    const signedIn = await signIn(options());
    const credentials = await signedIn.credentials();

    // Assess
    expect(signedIn.identityId).toBe('eu-west-1:identity-ada');
    expect(credentials).toEqual({ accessKeyId: 'ASIAADA', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date(1795000000 * 1000) });
    expect(calls.map((c) => c.target.split('.')[1])).toEqual(['InitiateAuth', 'GetId', 'GetCredentialsForIdentity']);
    expect(calls[0]?.body).toEqual({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'app-client', AuthParameters: { USERNAME: 'ada', PASSWORD: 'correct horse' } });
    expect(calls[1]?.body).toEqual({ IdentityPoolId: 'eu-west-1:identity-pool', Logins: { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool': 'id-token-1' } });
  });

  it('renews the ID token with the refresh token before asking for new credentials once it nears expiry', async () => {
    // Prepare
    const signedIn = await signIn(options());
    now += 3_600_000 - 30_000;

    // Act
    await signedIn.credentials();

    // Assess
    expect(calls.map((c) => c.target.split('.')[1])).toEqual(['InitiateAuth', 'GetId', 'InitiateAuth', 'GetCredentialsForIdentity']);
    expect(calls[2]?.body).toEqual({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'app-client', AuthParameters: { REFRESH_TOKEN: 'refresh-token' } });
    expect((calls[3]?.body.Logins as Record<string, string>)['cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool']).toBe('id-token-2');
  });

  it('reports a wrong password with the service error name', async () => {
    // Prepare
    answer = () => ({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } });

    // Act and Assess
    await expect(signIn(options())).rejects.toThrow(SignInError);
    await expect(signIn(options())).rejects.toThrow('Signing in as ada failed: NotAuthorizedException: Incorrect username or password.');
  });

  it('refuses a challenge it cannot answer', async () => {
    // Prepare
    answer = () => ({ status: 200, body: { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' } });

    // Act and Assess
    await expect(signIn(options())).rejects.toThrow(/needs NEW_PASSWORD_REQUIRED, which this CLI does not answer/);
  });
});
