import { SigV4VerificationError } from './errors';

/** An HTTP response in AppSync's error shape. */
export interface AppSyncErrorResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** JSON text `{"errors":[{"errorType","message"}]}`. */
  body: string;
}

/**
 * Turns a verification error into the HTTP response AppSync sends for it
 * (`x-amzn-ErrorType` header and `{ errors: [{ errorType, message }] }` body).
 *
 * @example
 * ```ts
 * const r = toAppSyncErrorResponse(error);
 * res.writeHead(r.statusCode, r.headers).end(r.body);
 * ```
 */
export function toAppSyncErrorResponse(error: SigV4VerificationError): AppSyncErrorResponse {
  return {
    statusCode: error.statusCode,
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'x-amzn-ErrorType': error.errorType,
    },
    body: JSON.stringify({ errors: [{ errorType: error.errorType, message: error.message }] }),
  };
}
