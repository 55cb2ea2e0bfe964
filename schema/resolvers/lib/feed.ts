// The catch-up feed: two Query calls on GSI byFeed (the caller's private feed and the broadcast
// feed), each after the same position, merged by sortKey (`<createdAt ISO>#<id>`).
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import { NOTIFICATION_RETENTION_SECONDS } from '../../src/constants';
import { toIsoMillis } from './time';
import { invalid, isIsoUtcMillis } from './validate';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Where a page starts, as the pipeline's before-handler leaves it in the stash. */
export interface FeedPosition {
  /** Exclusive lower bound (a cursor's sortKey) or inclusive (the retention start). */
  operator: '>' | '>=';
  sortKey: string;
  /** Items with expiresAt before this (epoch seconds) are expired even if TTL has not deleted them. */
  nowEpochSeconds: number;
  /** DynamoDB Limit of each feed query: the page size plus one, to tell whether more follow. */
  limit: number;
}

/** One feed's answer, as each pipeline function leaves it in the stash. */
export interface FeedResult {
  items: Array<Record<string, unknown>>;
  /** True when DynamoDB stopped early (LastEvaluatedKey): items after the last one may exist. */
  truncated: boolean;
}

function isBase64(text: string): boolean {
  if (text.length === 0 || text.length % 4 !== 0) return false;
  const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  return body.split('').every((c) => BASE64_ALPHABET.indexOf(c) >= 0);
}

/** The sortKey an opaque cursor stands for; a malformed cursor is a ValidationError. */
export function decodeCursor(cursor: string): string {
  const sortKey = isBase64(cursor) ? util.base64Decode(cursor) : '';
  const hash = sortKey.indexOf('#');
  if (hash !== 24 || !isIsoUtcMillis(sortKey.slice(0, 24)) || sortKey.length === 25) {
    invalid('after', 'is not a cursor returned by notifications');
  }
  return sortKey;
}

/** The opaque cursor of a sortKey. */
export function encodeCursor(sortKey: string): string {
  return util.base64Encode(sortKey);
}

/** The first sortKey still inside the retention window. */
export function retentionStart(nowEpochMs: number): string {
  return toIsoMillis(nowEpochMs - NOTIFICATION_RETENTION_SECONDS * 1000);
}

/** The Query of one feed after the stashed position, oldest first, expired items filtered out. */
export function queryFeed(feed: string, position: FeedPosition): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    index: 'byFeed',
    query: {
      expression: `#feed = :feed AND #sortKey ${position.operator} :from`,
      expressionNames: { '#feed': 'feed', '#sortKey': 'sortKey' },
      expressionValues: util.dynamodb.toMapValues({ ':feed': feed, ':from': position.sortKey }),
    },
    filter: {
      expression: '#expiresAt >= :now',
      expressionNames: { '#expiresAt': 'expiresAt' },
      expressionValues: util.dynamodb.toMapValues({ ':now': position.nowEpochSeconds }),
    },
    limit: position.limit,
    scanIndexForward: true,
  };
}

/** A feed function's response: its items and whether DynamoDB stopped early. */
export function feedResult(ctx: Context): FeedResult {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const result = (ctx.result ?? {}) as { items?: Array<Record<string, unknown>>; nextToken?: string | null };
  return { items: result.items ?? [], truncated: typeof result.nextToken === 'string' && result.nextToken !== '' };
}
