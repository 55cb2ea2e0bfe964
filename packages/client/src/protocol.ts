import type { AppSyncRealtimeErrorEntry } from './errors';
import { NotifierProtocolError } from './errors';

/** Subprotocol of AppSync's real-time endpoint. */
export const GRAPHQL_WS_PROTOCOL = 'graphql-ws';

/** Headers AppSync clients sign for real-time requests (besides host and the SigV4 ones). */
export const REALTIME_SIGNED_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

/** Messages the server sends, in AppSync's shapes. */
export type ServerMessage =
  | { type: 'connection_ack'; payload?: { connectionTimeoutMs?: number } }
  | { type: 'connection_error'; payload?: { errors?: AppSyncRealtimeErrorEntry[] } }
  | { type: 'ka' }
  | { type: 'start_ack'; id: string }
  | { type: 'data'; id: string; payload: { data?: Record<string, unknown> | null; errors?: AppSyncRealtimeErrorEntry[] } }
  | { type: 'error'; id?: string; payload?: { errors?: AppSyncRealtimeErrorEntry[] } }
  | { type: 'complete'; id: string };

const TYPES_WITH_ID = new Set(['start_ack', 'data', 'complete']);

/**
 * Parses one server message, or throws a protocol error for anything not in AppSync's protocol.
 *
 * @example
 * ```ts
 * const message = parseServerMessage(event.data); // { type: 'ka' }
 * ```
 */
export function parseServerMessage(raw: unknown): ServerMessage {
  const text = typeof raw === 'string' ? raw : raw instanceof ArrayBuffer || ArrayBuffer.isView(raw) ? decode(raw) : String(raw);
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (err) {
    throw new NotifierProtocolError('The server sent a message that is not JSON', text, { cause: err });
  }
  if (!message || typeof message !== 'object' || typeof (message as { type?: unknown }).type !== 'string') {
    throw new NotifierProtocolError('The server sent a message without a type', text);
  }
  const { type, id } = message as { type: string; id?: unknown };
  switch (type) {
    case 'connection_ack':
    case 'connection_error':
    case 'ka':
    case 'start_ack':
    case 'data':
    case 'error':
    case 'complete':
      break;
    default:
      throw new NotifierProtocolError(`The server sent an unknown message type ${JSON.stringify(type)}`, text);
  }
  if (TYPES_WITH_ID.has(type) && typeof id !== 'string') {
    throw new NotifierProtocolError(`The server sent a ${type} message without an id`, text);
  }
  if (type === 'data') {
    const payload = (message as { payload?: unknown }).payload;
    if (!payload || typeof payload !== 'object') {
      throw new NotifierProtocolError('The server sent a data message without a payload', text);
    }
  }
  return message as ServerMessage;
}

/** The errors array of a message, tolerant of the shapes AppSync uses. */
export function errorsOf(message: { payload?: { errors?: AppSyncRealtimeErrorEntry[] } }): AppSyncRealtimeErrorEntry[] {
  const errors = message.payload?.errors;
  return Array.isArray(errors) ? errors : [];
}

/** One line describing AppSync errors, for error messages. */
export function describeErrors(errors: readonly AppSyncRealtimeErrorEntry[]): string {
  if (errors.length === 0) return 'no details';
  return errors
    .map((e) => [e.errorType, e.errorCode, e.message].filter((part) => part !== undefined && part !== '').join(' '))
    .join('; ');
}

/** Base64 of a UTF-8 string, without Node's Buffer so the client runs in browsers. */
export function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Base64url without padding (RFC 4648 section 5), as the `header-` subprotocol carries it. */
export function base64Url(text: string): string {
  return base64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decode(raw: ArrayBuffer | ArrayBufferView): string {
  const bytes = raw instanceof ArrayBuffer ? new Uint8Array(raw) : new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  return new TextDecoder().decode(bytes);
}
