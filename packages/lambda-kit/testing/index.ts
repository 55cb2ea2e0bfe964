/**
 * `@notifier/lambda-kit/testing`: test-only helpers shared by the apps' unit tests (never bundled).
 * - {@link createFakeAppSync}: a SigV4-verifying, recording `fetch` that plays AppSync; {@link serveFakeAppSync} serves it over HTTP.
 * - {@link delivered}, {@link duplicate}, {@link graphQLError}: its answers.
 * - {@link lambdaContext}: a Lambda context with a controllable remaining time.
 * - {@link captureLogs}: the Powertools Logger's JSON lines, parsed.
 * - {@link runBundledHandler}: invokes a bundled handler in a fresh Node process, as Lambda does.
 * - {@link batchFailureOf}: the `BatchProcessingError` a handler rejects with.
 * - {@link bundledFunctionFixture}: a handler's bundle and the local AppSync, set up for one integration test file.
 * - {@link startLocalAppSyncStack}, {@link signedInUser}, {@link synthesizedAssemblyDir}: the local AppSync
 *   serving the synthesized template, for integration tests (re-exported from `@notifier/appsync-local/testing`).
 * - {@link startLocalFunctionStack}: that AppSync plus local S3 and handler bundles run as their roles' functions;
 *   {@link functionEnvironment}, {@link subscribeNotifications}, {@link notificationFeed}; {@link eventually} (from
 *   `@notifier/appsync-local/testing`).
 */
export { createFakeAppSync, serveFakeAppSync, delivered, duplicate, graphQLError, firstField } from './fake-appsync';
export type { FakeAppSync, FakeAppSyncOptions, FakeCredentials, FakeReply, ReceivedGraphQLRequest, ServedFakeAppSync } from './fake-appsync';
export { lambdaContext } from './context';
export { captureLogs } from './logs';
export { runBundledHandler } from './run-bundle';
export type { RunBundledHandlerOptions, BundledInvocation } from './run-bundle';
export type { CapturedLogs } from './logs';
export { startLocalAppSyncStack, signedInUser, synthesizedAssemblyDir, eventually } from '@notifier/appsync-local/testing';
export type { LocalAppSyncStack, LocalAppSyncStackOptions, SignedInUser, SignedInUserOptions, EventuallyOptions } from '@notifier/appsync-local/testing';
export { startLocalFunctionStack, functionEnvironment, subscribeNotifications, notificationFeed } from './local-functions';
export type { LocalFunctionStack, LocalFunctionStackOptions, NotificationSubscriber } from './local-functions';
export { batchFailureOf } from './batch-failure';
export { bundledFunctionFixture } from './bundled-function';
export type { BundledFunctionFixture, BundledFunctionFixtureOptions } from './bundled-function';
