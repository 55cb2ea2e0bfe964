import { localApiId, startLocalAppSync, type AppSyncModel, type LocalAppSync } from '../src';

const model: AppSyncModel = {
  apiId: localApiId('HeadApi'),
  apiName: 'head',
  accountId: '000000000000',
  region: 'us-east-1',
  schema: 'type Query { a: String }',
  dataSources: [],
  functions: [],
  resolvers: [],
  tables: [],
  roles: [],
};

describe('Function: createHttpHandler (response framing)', () => {
  let appsync: LocalAppSync;

  beforeAll(async () => {
    appsync = await startLocalAppSync({ model: structuredClone(model), tls: false });
  });
  afterAll(async () => {
    await appsync.stop();
  });

  it('answers with a Content-Length matching the UTF-8 body instead of chunked transfer encoding', async () => {
    // Act
    const response = await fetch(appsync.graphqlUrl, { method: 'POST', body: '{}' });
    const body = Buffer.from(await response.arrayBuffer());

    // Assess
    expect(response.status).toBe(401);
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(JSON.parse(body.toString('utf8'))).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] });
  });

  it('answers an unknown path with a Content-Length as well', async () => {
    // Act
    const response = await fetch(appsync.graphqlUrl.replace('/graphql', '/nowhere'), { method: 'POST', body: 'x' });
    const body = Buffer.from(await response.arrayBuffer());

    // Assess
    expect(response.status).toBe(404);
    expect(response.headers.get('content-length')).toBe(String(body.length));
  });
});
