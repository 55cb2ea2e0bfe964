import { AppSyncHttpError, AppSyncResponseParseError, BODY_SNIPPET_LENGTH } from './errors';
import type { FetchResponse, GraphQLErrorEntry } from './types';

/** A 2xx GraphQL response body: `data` and the (possibly empty) `errors`. */
export interface GraphQLResponseBody {
  data: unknown;
  errors: GraphQLErrorEntry[];
}

export const DUPLICATE_ERROR_TYPE = 'DuplicateNotification';

const snippet = (text: string): string =>
  text.length > BODY_SNIPPET_LENGTH ? `${text.slice(0, BODY_SNIPPET_LENGTH)}…` : text;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const toErrorEntry = (value: unknown): GraphQLErrorEntry => {
  if (isRecord(value)) {
    const message = typeof value.message === 'string' ? value.message : JSON.stringify(value);
    const errorType = typeof value.errorType === 'string' ? value.errorType : undefined;
    return { ...value, message, errorType };
  }
  return { message: String(value) };
};

/** `x-amzn-ErrorType: UnauthorizedException:http://internal.amazon.com/...` -> `UnauthorizedException`. */
const errorTypeFromHeader = (headers: FetchResponse['headers']): string | undefined => {
  const raw = headers.get('x-amzn-errortype');
  if (!raw) return undefined;
  const type = raw.split(':')[0]?.trim();
  return type || undefined;
};

const DELAY_SECONDS = /^\d+$/;

/**
 * `Retry-After` in milliseconds from now: delay-seconds (`120`) or an HTTP date
 * (`Fri, 27 Nov 2026 14:00:03 GMT`, read against `nowMs`, never negative). Anything else is ignored.
 */
export const parseRetryAfter = (value: string | null, nowMs: number): number | undefined => {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (DELAY_SECONDS.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse also accepts bare numbers and ISO strings; an HTTP date always starts with the day of the week.
  if (!/^[A-Za-z]{3},/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
};

/**
 * Builds the error for a non-2xx response. AppSync's error bodies look like
 * `{ "errors": [ { "errorType": "UnauthorizedException", "message": "..." } ] }`; gateways in front may
 * answer with anything, so the body is parsed leniently.
 */
export const toHttpError = (
  status: number,
  headers: FetchResponse['headers'],
  text: string,
  nowMs: number,
): AppSyncHttpError => {
  let errors: GraphQLErrorEntry[] = [];
  let parseFailure: unknown;
  try {
    const body: unknown = text ? JSON.parse(text) : undefined;
    if (isRecord(body)) {
      if (Array.isArray(body.errors)) {
        errors = body.errors.map(toErrorEntry);
      } else if (isRecord(body.errors)) {
        errors = [toErrorEntry(body.errors)];
      } else if (typeof body.message === 'string' || typeof body.errorType === 'string') {
        // Some AWS front doors answer `{ "message": "...", "__type": "..." }` or `{ errorType, message }`.
        const type = typeof body.errorType === 'string' ? body.errorType : body.__type;
        errors = [toErrorEntry({ ...body, errorType: typeof type === 'string' ? type.split('#').pop() : undefined })];
      }
    }
  } catch (error) {
    parseFailure = error;
  }
  const errorType = errors.find((entry) => entry.errorType)?.errorType ?? errorTypeFromHeader(headers);
  return new AppSyncHttpError(
    {
      status,
      errorType,
      errors,
      bodySnippet: snippet(text),
      message: errors[0]?.message,
      retryAfterMs: parseRetryAfter(headers.get('retry-after'), nowMs),
    },
    parseFailure === undefined ? undefined : { cause: parseFailure },
  );
};

/** Parses a 2xx body; throws {@link AppSyncResponseParseError} when it is not a GraphQL response. */
export const parseGraphQLBody = (status: number, text: string): GraphQLResponseBody => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new AppSyncResponseParseError(
      { status, bodySnippet: snippet(text), reason: text === '' ? 'empty body' : 'body is not JSON' },
      { cause: error },
    );
  }
  if (!isRecord(body)) {
    throw new AppSyncResponseParseError({ status, bodySnippet: snippet(text), reason: 'body is not a JSON object' });
  }
  const { data, errors } = body;
  if (errors !== undefined && errors !== null && !Array.isArray(errors)) {
    throw new AppSyncResponseParseError({ status, bodySnippet: snippet(text), reason: '`errors` is not an array' });
  }
  const entries = (errors ?? []).map(toErrorEntry);
  if ((data === undefined || data === null) && entries.length === 0) {
    throw new AppSyncResponseParseError({ status, bodySnippet: snippet(text), reason: 'neither `data` nor `errors`' });
  }
  if (data !== undefined && data !== null && !isRecord(data)) {
    throw new AppSyncResponseParseError({ status, bodySnippet: snippet(text), reason: '`data` is not an object' });
  }
  return { data: data ?? null, errors: entries };
};

/** Whether every error says the idempotency key had already been processed. */
export const isDuplicateOnly = (errors: readonly GraphQLErrorEntry[]): boolean =>
  errors.length > 0 && errors.every((entry) => entry.errorType === DUPLICATE_ERROR_TYPE);
