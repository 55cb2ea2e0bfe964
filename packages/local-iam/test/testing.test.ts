import { request } from 'node:http';
import { createVerifyingServer, type VerifyingServer } from '../src/testing';
import type { CredentialRecord, RolePrincipal } from '../src';
import { smithySign } from './helpers/sign';

const PRINCIPAL: RolePrincipal = {
  kind: 'role',
  accountId: '111122223333',
  roleName: 'ModelReadyRole',
  roleArn: 'arn:aws:iam::111122223333:role/ModelReadyRole',
  roleId: 'AROAEXAMPLEROLEID0002',
  sessionName: 'model-ready-notice',
  userArn: 'arn:aws:sts::111122223333:assumed-role/ModelReadyRole/model-ready-notice',
  user: 'AROAEXAMPLEROLEID0002:model-ready-notice',
};
const CREDS = { accessKeyId: 'ASIAVERIFYINGSERVER1', secretAccessKey: 'server-secret', sessionToken: 'server-token' };

describe('Function: createVerifyingServer', () => {
  let server: VerifyingServer<RolePrincipal>;
  const table = new Map<string, CredentialRecord<RolePrincipal>>([
    [CREDS.accessKeyId, { secretAccessKey: CREDS.secretAccessKey, sessionToken: CREDS.sessionToken, principal: PRINCIPAL }],
  ]);

  beforeAll(async () => {
    server = await createVerifyingServer<RolePrincipal>({
      credentials: (id) => table.get(id),
      region: 'eu-west-1',
      handler: (_req, principal, bodyText) => ({ status: 200, body: { data: { caller: principal.userArn, echoed: JSON.parse(bodyText) } } }),
    });
  });

  afterAll(async () => {
    await server.close();
  });

  async function post(body: string, creds = CREDS): Promise<Response> {
    const host = new URL(server.url).host;
    const headers = await smithySign({ host, path: '/graphql', headers: { 'content-type': 'application/json' }, body }, creds, { region: 'eu-west-1', signingDate: new Date() });
    const { host: _host, ...sendable } = headers;
    return fetch(`${server.url}/graphql`, { method: 'POST', headers: sendable, body });
  }

  it('passes a correctly signed request to the handler with its principal and body', async () => {
    // Prepare
    const before = server.requests.length;
    const body = JSON.stringify({ query: '{ me { id } }', variables: { note: 'naïve ☕' } });

    // Act
    const response = await post(body);

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { caller: PRINCIPAL.userArn, echoed: JSON.parse(body) } });
    const recorded = server.requests[before];
    expect(recorded?.outcome).toBe('verified');
    expect(recorded?.principal).toEqual(PRINCIPAL);
    expect(recorded?.bodyText).toBe(body);
  });

  it('verifies a header sent as repeated lines against its SigV4 canonical value joined with ","', async () => {
    // Prepare
    const url = new URL(server.url);
    const body = JSON.stringify({ query: '{ me { id } }' });
    const headers = await smithySign({ host: url.host, path: '/graphql', headers: { 'content-type': 'application/json', 'x-amz-meta-tag': 'a,b' }, body }, CREDS, { region: 'eu-west-1', signingDate: new Date() });

    // Act
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { ...headers, 'x-amz-meta-tag': ['a', 'b'] } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });

    // Assess
    expect(status).toBe(200);
  });

  it('answers a wrongly signed request the way AppSync does and records why', async () => {
    // Prepare
    const before = server.requests.length;

    // Act
    const response = await post('{"query":"{ me { id } }"}', { ...CREDS, secretAccessKey: 'not-the-secret' });

    // Assess
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    const body = (await response.json()) as { errors: Array<{ errorType: string; message: string }> };
    expect(body.errors[0]?.errorType).toBe('InvalidSignatureException');
    expect(body.errors[0]?.message).toMatch(/^The request signature we calculated does not match/);
    expect(server.requests[before]).toEqual(expect.objectContaining({ outcome: 'rejected', status: 403 }));
  });

  it('refuses an unsigned request with 401 UnauthorizedException', async () => {
    // Prepare
    const before = server.requests.length;

    // Act
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', body: '{}' });

    // Assess
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] });
    expect(server.requests[before]?.error?.errorType).toBe('UnauthorizedException');
  });
});
