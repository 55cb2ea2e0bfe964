/**
 * `@notifier/local-stack`: the whole notifier system on one machine, from the synthesized template.
 *
 * @example
 * ```ts
 * import { startLocalStack } from '@notifier/local-stack';
 *
 * const stack = await startLocalStack({ assemblyDir: 'infra/cdk.out' });
 * await stack.createUser('ada@example.com', 'Correct-Horse-9!');
 * const ada = await stack.signIn('ada@example.com', 'Correct-Horse-9!');
 * await stack.stop();
 * ```
 *
 * @packageDocumentation
 */
export { startLocalStack, functionKey } from './stack';
export type { LocalStack, LocalStackOptions, LocalSession } from './stack';
export { readAssemblyRoutes } from './assembly-routes';
export type { AssemblyRoutes, FunctionDefinition, ScheduledRule, BucketDefinition } from './assembly-routes';
export { EventRouter } from './event-router';
export type { EventRule, BusEvent, DeliveryOutcome, EventRouterOptions } from './event-router';
export { compileEventPattern } from './event-pattern';
export type { EventPattern } from './event-pattern';
export { createS3EventFactory } from './s3-events';
export type { ObjectWrite, S3ObjectCreatedEvent } from './s3-events';
export { LocalLambda } from './local-lambda';
export type { LocalLambdaOptions } from './local-lambda';
export { startLambdaEndpoint } from './lambda-endpoint';
export type { LambdaEndpoint } from './lambda-endpoint';
export { startCognitoUserPool } from './cognito-user-pool';
export type { CognitoUserPool, CognitoUserPoolOptions } from './cognito-user-pool';
export { startIdentityPool } from './identity-pool';
export type { IdentityPool, IdentityPoolOptions, PoolIdentity, IdentityCredentials } from './identity-pool';
export { startLocalS3 } from './s3';
export type { LocalS3, LocalS3Options } from './s3';
export { scheduleIntervalMs } from './schedule';
export { LocalStackError, HandlerInvocationError, ContractInUseError } from './errors';
export { serveWebPage, webConfigFor } from './web-server';
export type { WebServer, WebServerOptions } from './web-server';
export { makePng, makeMp4Header, completedTrainingJobDetail } from './demo-media';
