/**
 * `@notifier/appsync-local/testing`: the local AppSync for other packages' tests (Node only, never imported by
 * the main entry).
 * - {@link synthesizedAssemblyDir}: the synthesized template matching the current sources.
 * - {@link startLocalAppSyncStack}: the local AppSync serving it on dynalite; mint a function role's credentials
 *   with `stack.appsync.mintForRole('<notifier:role tag>')`.
 * - {@link signedInUser}: credentials of a signed-in identity-pool user on `authRole`.
 * - {@link eventually}: waits for what arrives over the sockets (deliveries, acknowledgements, closes).
 *
 * @example
 * ```ts
 * import { signedInUser, startLocalAppSyncStack } from '@notifier/appsync-local/testing';
 *
 * const stack = await startLocalAppSyncStack();
 * const alice = signedInUser(stack.appsync, 1);
 * await stack.stop();
 * ```
 */
export { synthesizedAssemblyDir } from './assembly-dir';
export { startLocalAppSyncStack, signedInUser } from './local-appsync-stack';
export type { LocalAppSyncStack, LocalAppSyncStackOptions, SignedInUser, SignedInUserOptions } from './local-appsync-stack';
export { eventually } from './eventually';
export type { EventuallyOptions } from './eventually';
