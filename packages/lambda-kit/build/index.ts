/**
 * `@notifier/lambda-kit/build`: Node-only tooling for the apps' scripts (never imported by handlers).
 * - {@link LAMBDA_BUNDLE_OPTIONS} / {@link bundleLambda}: the one esbuild configuration of every handler.
 * - {@link measureColdStart} / {@link installBaseline}: bundle size and cold import time against a baseline,
 *   optionally with the first invocation against {@link startStubAppSync} (cold start to first response).
 */
export { LAMBDA_BUNDLE_OPTIONS, bundleLambda } from './bundle';
export type { BundleLambdaOptions, LambdaBundle } from './bundle';
export { measureColdStart, installBaseline, formatColdStartReport, formatTargetVerdict, LAMBDA_RUNTIME_MODULES } from './bench';
export type {
  ColdStartSubject,
  ColdStartOptions,
  ColdStartFigures,
  FirstInvocationOptions,
  TimingFigures,
  InstallBaselineOptions,
  TargetVerdictOptions,
} from './bench';
export { startStubAppSync } from './stub-appsync';
export type { StubAppSync, StubAppSyncOptions } from './stub-appsync';
