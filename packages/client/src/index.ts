/**
 * `@notifier/client`: every notifier notification, live, in browsers and in Node, over AppSync's
 * real-time protocol with IAM credentials; reconnects, catches up and delivers each id once.
 *
 * @example
 * ```ts
 * import { createNotifierClient } from '@notifier/client';
 * import WebSocket from 'ws';
 *
 * const client = createNotifierClient({ graphqlUrl, region: 'eu-west-1', credentials, WebSocket });
 * client.subscribe({ onNotification: (n) => console.log(n.kind, n.id) });
 * ```
 *
 * @packageDocumentation
 */
export { createNotifierClient } from './client';
export { realtimeUrlFor, regionFromGraphqlUrl } from './endpoints';
export { NOTIFICATION_KINDS } from './kinds';
export {
  NotifierCatchUpError,
  NotifierClientError,
  NotifierConfigError,
  NotifierConnectionError,
  NotifierCredentialsError,
  NotifierProtocolError,
  NotifierSubscriptionError,
} from './errors';
export type { AppSyncRealtimeErrorEntry, NotifierCatchUpErrorOptions } from './errors';
export type {
  BackoffOptions,
  CatchUpResult,
  ConnectionState,
  ConnectionStatus,
  CredentialsOption,
  Notification,
  NotificationSource,
  NotifierClient,
  NotifierClientOptions,
  NotifierLogger,
  NotifierSubscription,
  RealtimeRequestSigner,
  SubscribeOptions,
  Timers,
  UserUpdate,
  WebSocketConstructor,
  WebSocketLike,
} from './types';
