import { ResolverError, UnauthorizedError } from '@notifier/appsync-utils';
import { NOTIFICATION_RETENTION_SECONDS } from '../../src/constants';
import { identities, invoke, makeContext, NOW, SIGNED_IN_IDENTITY_ID } from '../helpers/appsync';


const RETENTION_START = new Date(NOW - NOTIFICATION_RETENTION_SECONDS * 1000).toISOString();
const NOW_SECONDS = Math.floor(NOW / 1000);
const cursorOf = (sortKey: string) => Buffer.from(sortKey).toString('base64');

function item(feed: 'owner' | 'broadcast', minute: number, id: string) {
  const createdAt = `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`;
  const base = { pk: `K#${id}`, id, createdAt, sortKey: `${createdAt}#${id}`, expiresAt: NOW_SECONDS + 3600 };
  return feed === 'owner'
    ? { ...base, kind: 'IMAGE_TAGGED', audience: 'PRIVATE', ownerId: SIGNED_IN_IDENTITY_ID, feed: `owner#${SIGNED_IN_IDENTITY_ID}`, imageTagged: { bucket: 'b', key: id, status: 'TAGGED', labels: [], reason: null } }
    : { ...base, kind: 'MODEL_READY', audience: 'BROADCAST', feed: 'broadcast', modelReady: { modelName: 'm', version: id, artifactLocation: 's3://m', metrics: [] } };
}

interface FeedAnswer {
  items: Array<Record<string, unknown>>;
  nextToken?: string | null;
}

/**
 * Runs the PIPELINE as AppSync does: resolver request, each function's request (captured) with
 * the data source answer given, each function's response, resolver response; one stash throughout.
 */
type Page = Record<string, unknown> & { items: Array<{ id: string }> };

function runPipeline(
  args: Record<string, unknown>,
  identity: unknown,
  owner: FeedAnswer,
  broadcast: FeedAnswer,
): { result: Page; error: unknown; queries: unknown[] } {
  const none = undefined as unknown as Page;
  const ctx = makeContext('Query', 'notifications', args, identity);
  const before = invoke('resolvers/Query.notifications.js', 'request', ctx);
  if (before.error) return { result: none, error: before.error, queries: [] };
  const queries: unknown[] = [];
  for (const [name, answer] of [['queryOwnerFeed', owner], ['queryBroadcastFeed', broadcast]] as const) {
    ctx.prev = { result: before.result };
    const request = invoke(`functions/${name}.js`, 'request', ctx);
    if (request.error) return { result: none, error: request.error, queries };
    queries.push(request.result);
    ctx.result = { items: answer.items, nextToken: answer.nextToken ?? null, scannedCount: answer.items.length };
    const response = invoke(`functions/${name}.js`, 'response', ctx);
    if (response.error) return { result: none, error: response.error, queries };
    delete ctx.result;
  }
  const after = invoke('resolvers/Query.notifications.js', 'response', ctx);
  return { result: after.result as Page, error: after.error, queries };
}

describe('Resolver: Query.notifications (pipeline)', () => {
  it('queries both feeds on GSI byFeed from the oldest retained item when no cursor is given', () => {
    // Prepare
    const identity = identities.signedIn();

    // Act
    const { queries, error } = runPipeline({}, identity, { items: [] }, { items: [] });

    // Assess
    expect(error).toBeUndefined();
    const expected = (feed: string) => ({
      operation: 'Query',
      index: 'byFeed',
      query: {
        expression: '#feed = :feed AND #sortKey >= :from',
        expressionNames: { '#feed': 'feed', '#sortKey': 'sortKey' },
        expressionValues: { ':feed': { S: feed }, ':from': { S: RETENTION_START } },
      },
      filter: { expression: '#expiresAt >= :now', expressionNames: { '#expiresAt': 'expiresAt' }, expressionValues: { ':now': { N: NOW_SECONDS } } },
      limit: 51,
      scanIndexForward: true,
    });
    expect(queries).toEqual([expected(`owner#${SIGNED_IN_IDENTITY_ID}`), expected('broadcast')]);
  });

  it('merges both feeds oldest first and returns a cursor at the last item', () => {
    // Prepare
    const owner = { items: [item('owner', 1, 'o1'), item('owner', 4, 'o4')] };
    const broadcast = { items: [item('broadcast', 2, 'b2'), item('broadcast', 3, 'b3')] };

    // Act
    const { result } = runPipeline({ limit: 10 }, identities.signedIn(), owner, broadcast);

    // Assess
    expect(result.items.map((n) => n.id)).toEqual(['o1', 'b2', 'b3', 'o4']);
    expect(result.items[0]).toEqual({
      id: 'o1', kind: 'IMAGE_TAGGED', audience: 'PRIVATE', ownerId: SIGNED_IN_IDENTITY_ID, createdAt: '2026-11-27T10:01:00.000Z',
      imageTagged: { bucket: 'b', key: 'o1', status: 'TAGGED', labels: [], reason: null }, transcriptReady: null, datasetRefreshed: null, modelReady: null,
    });
    expect(result.items[1]).toMatchObject({ ownerId: null, audience: 'BROADCAST' });
    expect(result).toMatchObject({ cursor: cursorOf(item('owner', 4, 'o4').sortKey), hasMore: false, cursorExpired: false });
  });

  it('continues strictly after the cursor position', () => {
    // Prepare
    const sortKey = item('owner', 4, 'o4').sortKey;

    // Act
    const { queries } = runPipeline({ after: cursorOf(sortKey), limit: 2 }, identities.signedIn(), { items: [] }, { items: [] });

    // Assess
    expect(queries[0]).toMatchObject({
      query: { expression: '#feed = :feed AND #sortKey > :from', expressionValues: { ':from': { S: sortKey } } },
      limit: 3,
    });
  });

  it('cuts the page at the limit and says more follow', () => {
    // Prepare
    const owner = { items: [item('owner', 1, 'o1'), item('owner', 3, 'o3'), item('owner', 5, 'o5')] };
    const broadcast = { items: [item('broadcast', 2, 'b2')] };

    // Act
    const { result } = runPipeline({ limit: 2 }, identities.signedIn(), owner, broadcast);

    // Assess
    expect(result.items.map((n) => n.id)).toEqual(['o1', 'b2']);
    expect(result).toMatchObject({ hasMore: true, cursor: cursorOf(item('broadcast', 2, 'b2').sortKey) });
  });

  it('stops the page at the last item of a feed DynamoDB truncated, so no item is skipped', () => {
    // Prepare
    const owner = { items: [item('owner', 1, 'o1')], nextToken: 'eyJwayI6Im8xIn0=' };
    const broadcast = { items: [item('broadcast', 2, 'b2'), item('broadcast', 3, 'b3')] };

    // Act
    const { result } = runPipeline({ limit: 5 }, identities.signedIn(), owner, broadcast);

    // Assess
    expect(result.items.map((n) => n.id)).toEqual(['o1']);
    expect(result).toMatchObject({ hasMore: true, cursor: cursorOf(item('owner', 1, 'o1').sortKey) });
  });

  it('restarts from the oldest retained item when the cursor is older than retention, and says so', () => {
    // Prepare
    const stale = cursorOf('2026-11-01T00:00:00.000Z#gone');
    const owner = { items: [item('owner', 1, 'o1')] };

    // Act
    const { result, queries } = runPipeline({ after: stale }, identities.signedIn(), owner, { items: [] });

    // Assess
    expect(queries[0]).toMatchObject({ query: { expression: '#feed = :feed AND #sortKey >= :from', expressionValues: { ':from': { S: RETENTION_START } } } });
    expect(result).toMatchObject({ cursorExpired: true, hasMore: false });
    expect(result.items.map((n) => n.id)).toEqual(['o1']);
  });

  it('keeps the cursor when nothing new arrived', () => {
    // Prepare
    const cursor = cursorOf(item('owner', 4, 'o4').sortKey);

    // Act
    const { result } = runPipeline({ after: cursor }, identities.signedIn(), { items: [] }, { items: [] });

    // Assess
    expect(result).toEqual({ items: [], cursor, hasMore: false, cursorExpired: false });
  });

  it.each([
    ['not base64', 'not a cursor!'],
    ['base64 of something else', cursorOf('hello world')],
    ['a sortKey without an id', cursorOf('2026-11-27T10:00:00.000Z#')],
  ])('refuses a malformed cursor (%s) with a ValidationError', (_name, after) => {
    // Prepare
    const args = { after };

    // Act
    const { error } = runPipeline(args, identities.signedIn(), { items: [] }, { items: [] });

    // Assess
    expect(error).toBeInstanceOf(ResolverError);
    expect(error).toMatchObject({ errorType: 'ValidationError', message: 'after is not a cursor returned by notifications' });
  });

  it.each([[0], [101], [-5]])('refuses the limit %d', (limit) => {
    // Prepare
    const args = { limit };

    // Act
    const { error } = runPipeline(args, identities.signedIn(), { items: [] }, { items: [] });

    // Assess
    expect(error).toMatchObject({ errorType: 'ValidationError', message: 'limit must be from 1 to 100' });
  });

  it.each([
    ['a backend role', identities.backend()],
    ['a guest', identities.guest()],
  ])('refuses %s as Unauthorized (the feed is for signed-in users)', (_name, identity) => {
    // Prepare
    const args = {};

    // Act
    const { error } = runPipeline(args, identity, { items: [] }, { items: [] });

    // Assess
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toBe('Not Authorized to access notifications on type Query');
  });

  it('surfaces a data source error of a feed query', () => {
    // Prepare
    const ctx = makeContext('Query', 'notifications', {}, identities.signedIn());
    ctx.error = { type: 'DynamoDB:AmazonDynamoDBException', message: 'boom' };

    // Act
    const { error } = invoke('functions/queryOwnerFeed.js', 'response', ctx);

    // Assess
    expect(error).toMatchObject({ errorType: 'DynamoDB:AmazonDynamoDBException', message: 'boom' });
  });
});
