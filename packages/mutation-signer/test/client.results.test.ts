import {
  AppSyncGraphQLError,
  AppSyncHttpError,
  AppSyncNetworkError,
  AppSyncResponseParseError,
  createAppSyncClient,
  MutationSignerError,
  type AppSyncClientOptions,
} from '../src';
import { fakeFetch, json, networkError, text, type FetchStep } from './helpers/fake-fetch';
import { failureOf } from './helpers/failure';
import {
  DATASET_INPUT,
  ENDPOINT,
  NOTIFICATION,
  NOTIFICATIONS_QUERY,
  NOTIFY_DATASET_REFRESHED,
  TEMPORARY_CREDENTIALS,
} from './helpers/fixtures';

const setup = (steps: FetchStep[], options: Partial<AppSyncClientOptions> = {}) => {
  const fake = fakeFetch(...steps);
  const client = createAppSyncClient({
    url: ENDPOINT,
    credentials: TEMPORARY_CREDENTIALS,
    fetch: fake.fetch,
    sleep: async () => {},
    ...options,
  });
  return { client, calls: fake.calls };
};

describe('Class: AppSyncClient', () => {
  describe('mutate', () => {
    it('sends the document and variables as signed JSON and resolves delivered with the data', async () => {
      // Prepare
      const { client, calls } = setup([json(200, { data: { notifyDatasetRefreshed: NOTIFICATION } })]);

      // Act
      const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

      // Assess
      expect(result).toEqual({ outcome: 'delivered', data: { notifyDatasetRefreshed: NOTIFICATION } });
      expect(calls).toHaveLength(1);
      expect(calls[0]?.url).toBe(ENDPOINT);
      expect(calls[0]?.method).toBe('POST');
      expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ query: NOTIFY_DATASET_REFRESHED, variables: DATASET_INPUT });
      expect(calls[0]?.headers['content-type']).toBe('application/json');
      expect(calls[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE0000TEMP\/\d{8}\/eu-west-1\/appsync\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
      expect(calls[0]?.headers.host).toBeUndefined();
    });

    it('accepts any String-like typed document (as generated with documentMode string)', async () => {
      // Prepare
      class TypedDocumentString<TResult, TVariables> extends String {
        __apiType?: (variables: TVariables) => TResult;
        constructor(private value: string) {
          super(value);
        }
        override toString(): string {
          return this.value;
        }
      }
      const document = new TypedDocumentString<{ notifyDatasetRefreshed: typeof NOTIFICATION | null }, typeof DATASET_INPUT>(
        NOTIFY_DATASET_REFRESHED,
      );
      const { client, calls } = setup([json(200, { data: { notifyDatasetRefreshed: NOTIFICATION } })]);

      // Act
      const result = await client.mutate(document, structuredClone(DATASET_INPUT));

      // Assess
      expect(result.outcome).toBe('delivered');
      expect(result.data?.notifyDatasetRefreshed?.id).toBe(NOTIFICATION.id);
      expect(JSON.parse(calls[0]?.body ?? '').query).toBe(NOTIFY_DATASET_REFRESHED);
    });

    it('resolves duplicate when every error is DuplicateNotification', async () => {
      // Prepare
      const errors = [
        {
          path: ['notifyDatasetRefreshed'],
          data: null,
          errorType: 'DuplicateNotification',
          errorInfo: { pk: 'DATASET_REFRESHED#bulk-load/2026-11-27/orders/v42' },
          locations: [{ line: 2, column: 3, sourceName: null }],
          message: 'Notification already delivered',
        },
      ];
      const { client, calls } = setup([json(200, { data: { notifyDatasetRefreshed: null }, errors })]);

      // Act
      const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

      // Assess
      expect(result).toEqual({ outcome: 'duplicate', data: { notifyDatasetRefreshed: null }, errors });
      expect(calls).toHaveLength(1);
    });

    it('throws AppSyncGraphQLError with every error and the partial data when a 200 has other errors', async () => {
      // Prepare
      const errors = [
        { path: ['notifyDatasetRefreshed'], errorType: 'DuplicateNotification', message: 'already delivered' },
        { path: ['notifyDatasetRefreshed', 'id'], errorType: 'DynamoDB:ConditionalCheckFailedException', message: 'boom' },
      ];
      const { client, calls } = setup([json(200, { data: { notifyDatasetRefreshed: null }, errors })]);

      // Act
      const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

      // Assess
      expect(error).toBeInstanceOf(AppSyncGraphQLError);
      expect(error).toBeInstanceOf(MutationSignerError);
      expect(error).toMatchObject({ name: 'AppSyncGraphQLError', errors, data: { notifyDatasetRefreshed: null } });
      expect((error as Error).message).toContain('2 GraphQL errors');
      expect(calls).toHaveLength(1);
    });

    it('throws AppSyncGraphQLError for a validation error without data and does not retry it', async () => {
      // Prepare
      const errors = [{ errorType: 'ValidationError', message: "Validation error of type FieldUndefined: Field 'nope' in type 'Mutation' is undefined @ 'nope'" }];
      const { client, calls } = setup([json(200, { data: null, errors })]);

      // Act
      const error = await failureOf(client.mutate('mutation { nope }', {}));

      // Assess
      expect(error).toBeInstanceOf(AppSyncGraphQLError);
      expect((error as AppSyncGraphQLError).data).toBeNull();
      expect((error as AppSyncGraphQLError).errors[0]?.errorType).toBe('ValidationError');
      expect(calls).toHaveLength(1);
    });

    it.each([
      [401, 'UnauthorizedException', { errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] }, {}],
      [403, 'InvalidSignatureException', { errors: [{ errorType: 'InvalidSignatureException', message: 'The request signature we calculated does not match' }] }, {}],
      [400, 'BadRequestException', { errors: [{ errorType: 'BadRequestException', message: 'Invalid request body' }] }, {}],
      [403, 'UnrecognizedClientException', { message: 'The security token included in the request is invalid.' }, { 'x-amzn-ErrorType': 'UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.coral.service/' }],
      [404, undefined, { message: 'Not Found' }, {}],
    ])('throws AppSyncHttpError %i %s without retrying', async (status, errorType, body, headers) => {
      // Prepare
      const { client, calls } = setup([json(status, body, headers)]);

      // Act
      const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

      // Assess
      expect(error).toBeInstanceOf(AppSyncHttpError);
      expect(error).toMatchObject({ name: 'AppSyncHttpError', status, errorType, bodySnippet: JSON.stringify(body) });
      expect(calls).toHaveLength(1);
    });

    it('parses the error type of a __type-style body', async () => {
      // Prepare
      const { client } = setup([json(400, { __type: 'com.amazonaws.deepdish#BadRequestException', message: 'No body' })]);

      // Act
      const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

      // Assess
      expect(error).toMatchObject({ status: 400, errorType: 'BadRequestException' });
      expect((error as Error).message).toBe('AppSync responded 400 BadRequestException: No body');
    });

    it('throws AppSyncHttpError with the raw snippet when a 5xx body is not JSON, after retrying', async () => {
      // Prepare
      const html = '<html><body>502 Bad Gateway</body></html>';
      const { client, calls } = setup([text(502, html, { 'content-type': 'text/html' })]);

      // Act
      const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

      // Assess
      expect(error).toBeInstanceOf(AppSyncHttpError);
      expect(error).toMatchObject({ status: 502, errorType: undefined, bodySnippet: html, errors: [] });
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
      expect(calls).toHaveLength(3);
    });

    it.each([
      ['not JSON', '<html>oops</html>', 'body is not JSON'],
      ['empty', '', 'empty body'],
      ['a JSON array', '[1,2]', 'body is not a JSON object'],
      ['without data or errors', '{"data":null}', 'neither `data` nor `errors`'],
      ['with errors not an array', '{"data":{},"errors":"bad"}', '`errors` is not an array'],
      ['with data not an object', '{"data":"x"}', '`data` is not an object'],
    ])('throws AppSyncResponseParseError when a 200 body is %s', async (_case, body, reason) => {
      // Prepare
      const { client, calls } = setup([text(200, body)]);

      // Act
      const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

      // Assess
      expect(error).toBeInstanceOf(AppSyncResponseParseError);
      expect(error).toMatchObject({ status: 200, bodySnippet: body });
      expect((error as Error).message).toContain(reason);
      expect(calls).toHaveLength(1);
    });

    it('keeps only the beginning of a long unparseable body', async () => {
      // Prepare
      const { client } = setup([text(200, 'x'.repeat(10_000))]);

      // Act
      const error = (await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, {}))) as AppSyncResponseParseError;

      // Assess
      expect(error.bodySnippet).toBe(`${'x'.repeat(500)}…`);
    });

    it('throws AppSyncNetworkError with the transport error as cause once attempts run out', async () => {
      // Prepare
      const { client, calls } = setup([networkError('ECONNREFUSED')]);

      // Act
      const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

      // Assess
      expect(error).toBeInstanceOf(AppSyncNetworkError);
      expect((error as Error).message).toBe('AppSync request failed: fetch failed');
      expect((error as Error).cause).toBeInstanceOf(TypeError);
      expect(calls).toHaveLength(3);
    });
  });

  describe('query', () => {
    it('resolves the data of a response without errors', async () => {
      // Prepare
      const page = { notifications: { items: [{ id: 'n1' }], cursor: 'c1', hasMore: false, cursorExpired: false } };
      const { client, calls } = setup([json(200, { data: page })]);

      // Act
      const data = await client.query(NOTIFICATIONS_QUERY, { after: null });

      // Assess
      expect(data).toEqual(page);
      expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ query: NOTIFICATIONS_QUERY, variables: { after: null } });
    });

    it('throws AppSyncGraphQLError for any error, DuplicateNotification included', async () => {
      // Prepare
      const errors = [{ errorType: 'DuplicateNotification', message: 'x' }];
      const { client } = setup([json(200, { data: { notifications: null }, errors })]);

      // Act
      const error = await failureOf(client.query(NOTIFICATIONS_QUERY, { after: null }));

      // Assess
      expect(error).toBeInstanceOf(AppSyncGraphQLError);
      expect(error).toMatchObject({ errors, data: { notifications: null } });
    });
  });
});
