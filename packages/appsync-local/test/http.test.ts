import { request } from 'node:http';
import { AddUserDocument, NotifyModelReadyDocument } from '@notifier/schema';
import { signedInUser, startLocalAppSyncStack, type LocalAppSyncStack } from '../testing';
import { signPost, signedGraphQL } from './helpers/signing';

// What each role of the synthesized template may call: written out here, not read from the policies.
const OPERATIONS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  'Query.me': { query: 'query { me { id } }' },
  'Query.notifications': { query: 'query { notifications { hasMore } }' },
  'Mutation.updateUser': { query: 'mutation { updateUser(userDetails: { displayName: "A" }) { id } }' },
  'Mutation.addUser': { query: 'mutation { addUser(userId: "matrix-user", userDetails: { displayName: "M" }) { id } }' },
  'Mutation.notifyImageTagged': {
    query: 'mutation($i: ImageTaggedInput!) { notifyImageTagged(input: $i) { id } }',
    variables: { i: { idempotencyKey: 'm-img', ownerId: 'us-east-1:x', bucket: 'b', key: 'k.jpg', status: 'TAGGED', labels: [] } },
  },
  'Mutation.notifyTranscriptReady': {
    query: 'mutation($i: TranscriptReadyInput!) { notifyTranscriptReady(input: $i) { id } }',
    variables: { i: { idempotencyKey: 'm-tr', ownerId: 'us-east-1:x', mediaKey: 'v.mp4', status: 'COMPLETED' } },
  },
  'Mutation.notifyDatasetRefreshed': {
    query: 'mutation($i: DatasetRefreshedInput!) { notifyDatasetRefreshed(input: $i) { id } }',
    variables: { i: { idempotencyKey: 'm-ds', dataset: 'd', version: '1', completedAt: '2026-01-01T00:00:00Z' } },
  },
  'Mutation.notifyModelReady': {
    query: 'mutation($i: ModelReadyInput!) { notifyModelReady(input: $i) { id } }',
    variables: { i: { idempotencyKey: 'm-mr', modelName: 'm', version: '1', artifactLocation: 's3://b/m', metrics: [] } },
  },
};
const ALLOWED: Record<string, string[]> = {
  authRole: ['Query.me', 'Query.notifications', 'Mutation.updateUser'],
  unauthRole: [],
  'post-auth': ['Mutation.addUser'],
  'image-tagger': ['Mutation.notifyImageTagged'],
  'video-transcriber-start': [],
  'video-transcriber-complete': ['Mutation.notifyTranscriptReady'],
  'video-transcriber-sweep': ['Mutation.notifyTranscriptReady'],
  'bulk-load-notice': ['Mutation.notifyDatasetRefreshed'],
  'model-ready-notice': ['Mutation.notifyModelReady'],
};

describe('Function: startLocalAppSync (HTTP)', () => {
  let stack: LocalAppSyncStack;
  let clock: number;

  beforeAll(async () => {
    clock = Date.parse('2026-06-01T12:00:00Z');
    stack = await startLocalAppSyncStack({ now: () => new Date(clock) });
  });
  afterAll(async () => {
    await stack.stop();
  });
  afterEach(() => {
    clock = Date.parse('2026-06-01T12:00:00Z');
  });

  const call = (credentials: Parameters<typeof signedGraphQL>[1], request: Parameters<typeof signedGraphQL>[3], tamper?: Parameters<typeof signedGraphQL>[4]) =>
    signedGraphQL(stack.appsync.graphqlUrl, credentials, stack.appsync.region, request, { signingDate: new Date(clock), ...tamper });

  const credentialsFor = (role: string) =>
    role === 'authRole' ? signedInUser(stack.appsync, 9).credentials : stack.appsync.mintForRole(role);

  describe.each(Object.entries(ALLOWED))('role %s', (role, allowed) => {
    it.each(Object.keys(OPERATIONS))('may call %s only if the template grants it', async (field) => {
      // Prepare
      const credentials = credentialsFor(role);

      // Act
      const result = await call(credentials, OPERATIONS[field]!);

      // Assess
      if (allowed.includes(field)) {
        expect(result.status).toBe(200);
        expect(result.body).toHaveProperty('data');
      } else {
        expect(result.status).toBe(401);
        expect(result.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'Permission denied' }] });
      }
    });
  });

  it('refuses a request whose body was changed after signing', async () => {
    // Prepare
    const credentials = stack.appsync.mintForRole('model-ready-notice');

    // Act
    const result = await call(credentials, OPERATIONS['Mutation.notifyModelReady']!, { body: (b) => b.replace('"m"', '"evil"') });

    // Assess
    expect(result.status).toBe(403);
    expect((result.body.errors as { errorType: string }[])[0]!.errorType).toBe('InvalidSignatureException');
  });

  it('refuses a signature made with the wrong secret', async () => {
    // Prepare
    const credentials = { ...stack.appsync.mintForRole('model-ready-notice'), secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret00' };

    // Act
    const result = await call(credentials, OPERATIONS['Mutation.notifyModelReady']!);

    // Assess
    expect(result.status).toBe(403);
    expect((result.body.errors as { errorType: string }[])[0]!.errorType).toBe('InvalidSignatureException');
  });

  it('refuses a request signed more than five minutes away from the server clock', async () => {
    // Prepare
    const credentials = stack.appsync.mintForRole('model-ready-notice');

    // Act
    const result = await call(credentials, OPERATIONS['Mutation.notifyModelReady']!, { signingDate: new Date(clock - 6 * 60 * 1000) });

    // Assess
    expect(result.status).toBe(400);
    expect((result.body.errors as { errorType: string; message: string }[])[0]).toMatchObject({ errorType: 'BadRequestException', message: expect.stringContaining('Signature expired') });
  });

  it('refuses an unknown access key', async () => {
    // Prepare
    const credentials = { accessKeyId: 'ASIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40), sessionToken: 'token' };

    // Act
    const result = await call(credentials, OPERATIONS['Mutation.notifyModelReady']!);

    // Assess
    expect(result.status).toBe(403);
    expect(result.body).toEqual({ errors: [{ errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }] });
  });

  it('refuses temporary credentials sent without their session token', async () => {
    // Prepare
    const { accessKeyId, secretAccessKey } = stack.appsync.mintForRole('model-ready-notice');

    // Act
    const result = await call({ accessKeyId, secretAccessKey }, OPERATIONS['Mutation.notifyModelReady']!);

    // Assess
    expect(result.status).toBe(403);
    expect((result.body.errors as { errorType: string }[])[0]!.errorType).toBe('UnrecognizedClientException');
  });

  it('refuses expired credentials', async () => {
    // Prepare
    const credentials = stack.appsync.mintForRole('model-ready-notice', { durationSeconds: 900 });
    clock += 901 * 1000;

    // Act
    const result = await call(credentials, OPERATIONS['Mutation.notifyModelReady']!);

    // Assess
    expect(result.status).toBe(403);
    expect((result.body.errors as { errorType: string }[])[0]!.errorType).toBe('ExpiredTokenException');
  });

  it.each(['constructor', '__proto__'])('refuses a signature listing a %s header it did not send with InvalidSignatureException', async (name) => {
    // Prepare
    const body = JSON.stringify({ query: '{ me { id } }' });
    const headers = await signPost({ url: stack.appsync.graphqlUrl, body, credentials: credentialsFor('authRole'), region: stack.appsync.region, signingDate: new Date(clock) });
    headers.authorization = headers.authorization!.replace('SignedHeaders=', `SignedHeaders=${name};`);
    delete headers.host;

    // Act
    const response = await fetch(stack.appsync.graphqlUrl, { method: 'POST', headers, body });

    // Assess
    expect(response.status).toBe(403);
    expect(((await response.json()) as { errors: { errorType: string }[] }).errors[0]!.errorType).toBe('InvalidSignatureException');
  });

  it('verifies a header sent as repeated lines against its SigV4 canonical value joined with ","', async () => {
    // Prepare
    const body = JSON.stringify({ query: '{ me { id } }' });
    const signed = await signPost({ url: stack.appsync.graphqlUrl, body, credentials: credentialsFor('authRole'), region: stack.appsync.region, signingDate: new Date(clock), headers: { 'x-amz-meta-tag': 'a,b' } });
    const url = new URL(stack.appsync.graphqlUrl);

    // Act
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...signed, 'x-amz-meta-tag': ['a', 'b'] } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

    // Assess
    expect(status).toBe(200);
  });

  it('refuses a request without an Authorization header', async () => {
    // Act
    const response = await fetch(stack.appsync.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }' }) });

    // Assess
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] });
  });

  it('answers a repeated trigger with a null field and a DuplicateNotification error', async () => {
    // Prepare
    const credentials = stack.appsync.mintForRole('model-ready-notice');
    const request = { query: String(NotifyModelReadyDocument), variables: { input: { idempotencyKey: 'dup-1', modelName: 'm', version: '2', artifactLocation: 's3://b/m2', metrics: [{ name: 'f1', value: 0.5 }] } } };
    const lines = request.query.split('\n');
    const fieldLine = lines.findIndex((l) => l.includes('notifyModelReady(')) + 1;
    const fieldColumn = lines[fieldLine - 1]!.indexOf('notifyModelReady(') + 1;
    const first = await call(credentials, request);

    // Act
    const second = await call(credentials, request);

    // Assess
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(second.status).toBe(200);
    expect(second.body.data).toEqual({ notifyModelReady: null });
    expect(second.body.errors).toEqual([
      {
        path: ['notifyModelReady'],
        data: null,
        errorType: 'DuplicateNotification',
        errorInfo: null,
        locations: [{ line: fieldLine, column: fieldColumn, sourceName: null }],
        message: expect.any(String),
      },
    ]);
  });

  it('answers addUser with an unchanged profile with DuplicateNotification (conditional UpdateItem failure)', async () => {
    // Prepare
    const credentials = stack.appsync.mintForRole('post-auth');
    const request = { query: String(AddUserDocument), variables: { userId: 'same-profile', userDetails: { displayName: 'Same', email: 'same@example.com' } } };
    const first = await call(credentials, request);

    // Act
    const second = await call(credentials, request);

    // Assess
    expect(first.body.data).toEqual({ addUser: expect.objectContaining({ id: 'same-profile', displayName: 'Same' }) });
    expect(second.body.data).toEqual({ addUser: null });
    expect((second.body.errors as { errorType: string }[])[0]!.errorType).toBe('DuplicateNotification');
  });

  it('answers an invalid selection with 200, data null and a validation error', async () => {
    // Act
    const result = await call(stack.appsync.mintForRole('post-auth'), { query: '{ badfield }' });

    // Assess
    expect(result).toEqual({
      status: 200,
      body: {
        data: null,
        errors: [
          { path: null, locations: [{ line: 1, column: 3, sourceName: null }], message: "Validation error of type FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'" },
        ],
      },
    });
  });

  it.each([
    ['an empty body', '', 'Request body is empty.'],
    ['a body that is not JSON', 'meow', 'Unable to parse GraphQL query.'],
    ['a JSON body without a query', '{}', 'Unable to parse GraphQL query.'],
    ['a JSON array', '[]', 'Unable to parse GraphQL query.'],
  ])('answers %s with 400 MalformedHttpRequestException', async (_name, body, message) => {
    // Prepare
    const credentials = stack.appsync.mintForRole('post-auth');
    const headers = await signPost({ url: stack.appsync.graphqlUrl, body, credentials, region: stack.appsync.region, signingDate: new Date(clock) });
    delete headers.host;

    // Act
    const response = await fetch(stack.appsync.graphqlUrl, { method: 'POST', headers, body });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message }] });
  });

  it('rejects an invalid AWSEmail variable before any resolver runs', async () => {
    // Act
    const result = await call(stack.appsync.mintForRole('post-auth'), {
      query: String(AddUserDocument),
      variables: { userId: 'u-email', userDetails: { email: 'not-an-email' } },
    });

    // Assess
    expect(result.status).toBe(200);
    expect(result.body.data).toBeNull();
    expect(JSON.stringify(result.body.errors)).toContain('AWSEmail');
  });

  it('answers CORS preflights so browser clients can call it', async () => {
    // Act
    const response = await fetch(stack.appsync.graphqlUrl, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-amz-security-token');
  });

  it('answers other paths and methods with UnknownOperationException', async () => {
    // Act
    const wrongPath = await fetch(stack.appsync.graphqlUrl.replace('/graphql', '/other'), { method: 'POST', body: '{}' });
    const wrongMethod = await fetch(stack.appsync.graphqlUrl, { method: 'GET' });

    // Assess
    expect(wrongPath.status).toBe(404);
    expect(wrongMethod.status).toBe(400);
    expect(await wrongMethod.json()).toEqual({ errors: [{ errorType: 'UnknownOperationException', message: 'Unknown Operation Request.' }] });
  });

  it('signs the real-time connect path like the HTTP path (sanity of the test signer)', async () => {
    // Prepare
    const credentials = stack.appsync.mintForRole('post-auth');

    // Act
    const headers = await signPost({ url: `${stack.appsync.graphqlUrl}/connect`, body: '{}', credentials, region: stack.appsync.region });

    // Assess
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
  });
});
