/**
 * `@notifier/client/testing`: the scripted AppSync peer of the client's protocol tests, for tests of code built on
 * the client (Node only, never imported by the main entry or a browser bundle).
 * - {@link AppSyncPeer}: a real HTTP + WebSocket server on 127.0.0.1:0 that plays AppSync's real-time messages as the
 *   test scripts them, verifies every SigV4 signature it receives, and serves the `notifications` catch-up query from
 *   an in-memory feed. It is not a local AppSync: for the deployed schema and resolvers use
 *   `@notifier/appsync-local/testing`.
 * - {@link notification}: a notification fixture; {@link PEER_REGION}: the region its verifier expects.
 *
 * @example
 * ```ts
 * import { AppSyncPeer, notification, PEER_REGION } from '@notifier/client/testing';
 *
 * const peer = await new AppSyncPeer().start();
 * peer.allow(credentials);
 * const connection = await peer.connection(0);
 * await connection.ack();
 * connection.sendNotification(await connection.acceptStart(peer), notification('MODEL_READY'));
 * await peer.stop();
 * ```
 */
export { AppSyncPeer, PeerConnection, notification, PEER_REGION } from './appsync-peer';
export type { PeerCredentials, ClientMessage, SignatureCheck } from './appsync-peer';
