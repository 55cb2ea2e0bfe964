/**
 * `@notifier/cli`: the `notifier listen` command, also usable from code.
 *
 * @example
 * ```ts
 * import { main } from '@notifier/cli';
 * process.exitCode = await main(['listen', '--local', '--json'], { env: process.env, stdout: process.stdout, stderr: process.stderr, signals: process });
 * ```
 *
 * @packageDocumentation
 */
export { main } from './main';
export type { MainIo } from './main';
export { parseCommand, parseListenArgs, USAGE } from './args';
export type { Command, Environment, ListenArgs } from './args';
export { resolveConnection } from './connection-config';
export type { ConnectionConfig, ResolveDeps } from './connection-config';
export { listen } from './listen';
export type { ListenDeps, ListenIo } from './listen';
export { signIn } from './sign-in';
export type { SignInOptions, SignedIn } from './sign-in';
export { assertLocalStackRunning, findLocalStackFile, readLocalStack } from './local-stack';
export type { LocalStack, LocalStackProbeDeps } from './local-stack';
export { jsonNotification, jsonStatus, jsonUserUpdate, prettyNotification, prettyStatus, prettyUserUpdate } from './format';
export { LocalStackFileError, LocalStackNotRunningError, NotifierCliError, SignInError, UsageError } from './errors';
