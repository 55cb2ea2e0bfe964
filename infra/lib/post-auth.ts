// The post-auth app: the Cognito PostAuthentication trigger. It lives in the stack of the user pool
// it triggers (see README: "Why post-auth shares the Auth stack").
import { Duration } from 'aws-cdk-lib';
import { UserPoolOperation, type UserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import { AppOperations } from './constructs/app-operations';
import { bindMutation, NotifierFunction, type GraphqlApiRef } from './constructs/notifier-function';

/** Options of {@link PostAuthApp}. */
export interface PostAuthAppProps {
  /** The pool whose sign-ins run the trigger. */
  readonly userPool: UserPool;
  /** The API `addUser` is called on. */
  readonly api: GraphqlApiRef;
  /** Where the error alarm publishes. */
  readonly alarmTopic: ITopic;
  /** Stage settings. */
  readonly config: StageConfig;
}

/**
 * The post-auth function (`apps/post-auth/src/handler.ts`), allowed `Mutation.addUser` only, attached
 * to the pool as its PostAuthentication trigger, with an error alarm.
 *
 * Cognito invokes the trigger synchronously and waits 5 seconds: there is no asynchronous retry or
 * dead-letter queue to configure; a failure is retried by Cognito itself and alarmed here.
 *
 * @example
 * new PostAuthApp(this, 'PostAuth', { userPool, api, alarmTopic, config });
 */
export class PostAuthApp extends Construct {
  /** The trigger function. */
  public readonly handler: NotifierFunction;

  constructor(scope: Construct, id: string, props: PostAuthAppProps) {
    super(scope, id);
    this.handler = new NotifierFunction(this, 'Handler', {
      app: 'post-auth',
      handler: 'handler',
      description: 'Cognito PostAuthentication: records the user profile through addUser',
      // Cognito waits 5 s for a trigger; more memory means more CPU for the cold start.
      timeout: Duration.seconds(5),
      memorySize: 512,
      api: props.api,
      config: props.config,
    });
    bindMutation(this.handler, 'addUser');
    new AppOperations(this, 'Operations', {
      app: 'post-auth',
      alarmTopic: props.alarmTopic,
      config: props.config,
    }).alarmOnErrors(this.handler);
    props.userPool.addTrigger(UserPoolOperation.POST_AUTHENTICATION, this.handler.function);
  }
}
