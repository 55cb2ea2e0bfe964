import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  modelFromCloudAssembly,
  startDynalite,
  startLocalAppSync,
  type FaultOptions,
  type LocalAppSync,
  type RunningDynalite,
} from '@notifier/appsync-local';
import { startRekognitionStandin, startTranscribeStandin, type TranscribeStandin } from '@notifier/aws-standins';
import { loadCloudAssembly, type TemporaryCredentials } from '@notifier/local-iam';
import { readAssemblyRoutes, type AssemblyRoutes, type FunctionDefinition } from './assembly-routes';
import { startCognitoUserPool, type CognitoUserPool } from './cognito-user-pool';
import { LocalStackError } from './errors';
import { EventRouter, type BusEvent, type DeliveryOutcome } from './event-router';
import { startIdentityPool, type IdentityPool } from './identity-pool';
import { startLambdaEndpoint, type LambdaEndpoint } from './lambda-endpoint';
import { LocalLambda } from './local-lambda';
import { startLocalS3, type LocalS3 } from './s3';
import { createS3EventFactory } from './s3-events';

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  /** The synthesized cloud assembly (`infra/cdk.out`). */
  assemblyDir: string;
  /**
   * Region of every local service and of the ARNs.
   * @default 'us-east-1'
   */
  region?: string;
  /**
   * Account id in ARNs.
   * @default '000000000000'
   */
  accountId?: string;
  /**
   * Fault injection in the local AppSync (5xx / 429 answers, dropped real-time connections).
   * @default none
   */
  faults?: FaultOptions;
  /**
   * Receives the structured log lines of every handler and the stack's own notices.
   * @default dropped
   */
  onLog?: (line: string, source: string) => void;
  /**
   * Receives every event delivery outcome (succeeded, or dead-lettered after retries).
   * @default none
   */
  onDelivery?: (outcome: DeliveryOutcome) => void;
  /**
   * Delay before the n-th retry of a failed asynchronous invocation.
   * @default n => 200 * 2 ** (n - 1)
   */
  retryDelayMs?: (attempt: number) => number;
  /**
   * Extra environment for every function.
   * @default {}
   */
  functionEnvironment?: Record<string, string>;
  /**
   * Execution environments (worker threads) each function may run at once. Concurrent invocations run in
   * parallel up to this limit; beyond it they wait in order for a free environment, as invocations of a
   * function at its reserved concurrency wait in Lambda's asynchronous queue.
   * @default 4
   */
  functionConcurrency?: number;
  /**
   * Lifetime of the credentials minted for each function role, in seconds (900 to 43,200, as STS allows).
   * @default 43_200
   */
  functionCredentialLifetimeSeconds?: number;
  /**
   * How long before they expire each function role's credentials are minted again (then every
   * `functionCredentialLifetimeSeconds - functionCredentialRenewalMarginSeconds`). Longer than the longest
   * function timeout, so that an invocation that started with the previous credentials ends before they
   * expire; shorter than the lifetime.
   * @default 900
   */
  functionCredentialRenewalMarginSeconds?: number;
  /**
   * Time the Transcribe stand-in takes to finish a job.
   * @default 50
   */
  transcriptionDelayMs?: number;
  /**
   * Folder for local S3 objects and Cognito data.
   * @default a new temporary folder, removed by `stop()`
   */
  dataDirectory?: string;
}

/** A user signed in through the local user pool and identity pool. */
export interface LocalSession {
  email: string;
  sub: string;
  idToken: string;
  identityId: string;
  credentials: TemporaryCredentials;
}

/** The running local stack. */
export interface LocalStack {
  region: string;
  accountId: string;
  appsync: LocalAppSync;
  dynamoDbEndpoint: string;
  s3Endpoint: string;
  rekognitionEndpoint: string;
  transcribeEndpoint: string;
  /** The Transcribe stand-in (its jobs, and `idle()` to wait for running ones). */
  transcribe: TranscribeStandin;
  /** Bucket names by `notifier:bucket` tag (uploads, transcripts, data, models). */
  buckets: Record<string, string>;
  cognito: {
    userPoolEndpoint: string;
    identityPoolEndpoint: string;
    userPoolId: string;
    userPoolClientId: string;
    identityPoolId: string;
  };
  routes: AssemblyRoutes;
  bus: EventRouter;
  /** Functions by their `<app>` or `<app>-<handler>` name (as in the contract file). */
  functions: ReadonlyMap<string, FunctionDefinition>;
  /** Errors of user-pool triggers (cognito-local ignores them; real Cognito would fail the sign-in). */
  triggerFailures: Array<{ functionName: string; error: string }>;
  /**
   * The current credentials of each function role, by function key. They are minted again before they
   * expire (see `functionCredentialRenewalMarginSeconds`): read the entry when you need it, do not keep it.
   */
  functionCredentials: ReadonlyMap<string, TemporaryCredentials>;
  /** Creates and confirms a user-pool user. */
  createUser(email: string, password: string, attributes?: Record<string, string>): Promise<void>;
  /** Signs in (USER_PASSWORD_AUTH, which runs the PostAuthentication trigger) and gets identity-pool credentials. */
  signIn(email: string, password: string): Promise<LocalSession>;
  /**
   * Runs the targets of a scheduled rule now, with EventBridge's `Scheduled Event`, as an asynchronous
   * invocation: retried per the function's `EventInvokeConfig`, then dead-lettered in `bus.deadLetters`.
   * Resolves with each target's outcome (`succeeded` or `dead-lettered` with its error); rejects only
   * for a rule the template does not have.
   */
  runSchedule(ruleName: string): Promise<DeliveryOutcome[]>;
  /** Lets credentials minted outside the stack (tests) call local S3. */
  allowS3Access(credentials: TemporaryCredentials): void;
  stop(): Promise<void>;
}

/** The key of a function in maps and the contract file: `<app>` or `<app>-<handler>`. */
export function functionKey(fn: Pick<FunctionDefinition, 'app' | 'handler'>, appsWithSeveral: ReadonlySet<string>): string {
  return appsWithSeveral.has(fn.app) ? `${fn.app}-${fn.handler}` : fn.app;
}

/**
 * Starts the whole notifier system on this machine from the synthesized template: dynalite, the local
 * AppSync (schema, resolvers and IAM policies as deployed), s3rver with the template's buckets,
 * cognito-local with the user pool and its trigger, an identity-pool stand-in, every Lambda function
 * running its deployed bundle with credentials minted for its own role, and an event bus routing S3 and
 * custom events by the deployed EventBridge rules. Every server listens on 127.0.0.1 with an
 * OS-assigned port.
 *
 * @example
 * const stack = await startLocalStack({ assemblyDir: 'infra/cdk.out' });
 * const ada = await stack.signIn('ada@example.com', password);
 * await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const log = options.onLog ?? (() => undefined);
  const ownDirectory = options.dataDirectory === undefined;
  const dataDirectory = options.dataDirectory ?? mkdtempSync(join(tmpdir(), 'notifier-local-'));
  const lifetimeSeconds = options.functionCredentialLifetimeSeconds ?? 43_200;
  const renewalMarginSeconds = options.functionCredentialRenewalMarginSeconds ?? 900;
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 900 || lifetimeSeconds > 43_200) {
    throw new LocalStackError(`functionCredentialLifetimeSeconds must be an integer from 900 to 43200 (as STS), got ${lifetimeSeconds}`);
  }
  if (!(renewalMarginSeconds > 0 && renewalMarginSeconds < lifetimeSeconds)) {
    throw new LocalStackError(
      `functionCredentialRenewalMarginSeconds must be more than 0 and less than functionCredentialLifetimeSeconds (${lifetimeSeconds}), got ${renewalMarginSeconds}`,
    );
  }
  const stoppers: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const stopOne of stoppers.splice(0).reverse()) {
      try {
        await stopOne();
      } catch (error) {
        log(`stop: ${error instanceof Error ? error.message : String(error)}`, 'local-stack');
      }
    }
    if (ownDirectory) rmSync(dataDirectory, { recursive: true, force: true });
  };

  try {
    const assembly = loadCloudAssembly(options.assemblyDir, { accountId, region });
    const routes = readAssemblyRoutes(assembly, options.assemblyDir, { region, accountId });
    const model = modelFromCloudAssembly(assembly, { accountId, region });

    const dynalite: RunningDynalite = await startDynalite({ tables: model.tables, region });
    stoppers.push(() => dynalite.stop());
    const appsync = await startLocalAppSync({ model, dynamoDbEndpoint: dynalite.endpoint, region, accountId, ...(options.faults ? { faults: options.faults } : {}) });
    stoppers.push(() => appsync.stop());

    const toEvent = createS3EventFactory({ region, accountId });
    const eventBridgeBuckets = new Set(routes.buckets.filter((b) => b.eventBridgeEnabled).map((b) => b.bucketName));
    // The bus needs the functions, which need local S3's endpoint: S3 events wait for it to exist.
    const routing: { bus?: EventRouter } = {};
    const pending = new Set<Promise<unknown>>();
    const track = (work: Promise<unknown>) => {
      pending.add(work);
      void work.finally(() => pending.delete(work));
    };
    const s3: LocalS3 = await startLocalS3({
      directory: join(dataDirectory, 's3'),
      buckets: routes.buckets.map((b) => b.bucketName),
      onObjectCreated: (write) => {
        if (routing.bus && eventBridgeBuckets.has(write.bucket)) track(routing.bus.put(toEvent(write)));
      },
    });
    stoppers.push(() => s3.stop());

    // Rekognition and Transcribe stand-ins at the AWS wire protocol; job state changes go on the bus.
    const s3Target = { endpoint: s3.endpoint, region };
    const rekognition = await startRekognitionStandin({ s3: s3Target });
    stoppers.push(() => rekognition.close());
    const transcribe = await startTranscribeStandin({
      s3: s3Target,
      region,
      accountId,
      ...(options.transcriptionDelayMs !== undefined ? { completionDelayMs: options.transcriptionDelayMs } : {}),
      onEvent: (event) => {
        if (routing.bus) track(routing.bus.put(event as unknown as BusEvent));
      },
    });
    stoppers.push(() => transcribe.close());

    // Each function runs its deployed bundle with credentials minted for its own role.
    const apiGraphqlUrl = apiUrlInAssembly(assembly, model.apiId);
    const appsWithSeveral = new Set(
      routes.functions.map((fn) => fn.app).filter((app, i, all) => all.indexOf(app) !== i),
    );
    const lambdas = new Map<string, LocalLambda>();
    const functions = new Map<string, FunctionDefinition>();
    const functionCredentials = new Map<string, TemporaryCredentials>();
    const renewals: Array<{ key: string; lambda: LocalLambda; mint: () => TemporaryCredentials }> = [];
    for (const fn of routes.functions) {
      const role = model.roles.find((r) => r.roleArn === fn.roleArn);
      if (!role) throw new LocalStackError(`${fn.stackName}/${fn.logicalId}: role ${fn.roleArn} is not in the template`);
      const mint = (): TemporaryCredentials => {
        const minted = appsync.credentials.mintForRole(
          { roleName: role.roleName, roleArn: role.roleArn, accountId },
          { sessionName: fn.functionName.slice(0, 64), durationSeconds: lifetimeSeconds },
        );
        s3.allowAccessKey(minted.accessKeyId, minted.secretAccessKey);
        return minted;
      };
      const credentials = mint();
      const environment: Record<string, string> = {};
      for (const [name, value] of Object.entries(fn.environment)) {
        environment[name] = value === apiGraphqlUrl ? appsync.graphqlUrl : value;
      }
      Object.assign(environment, {
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        ...credentialEnvironment(credentials),
        AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        // Lambda runs Node.js 22+: the SDK's warning about the local Node.js 20 says nothing about the function.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
        AWS_ENDPOINT_URL_S3: s3.endpoint,
        AWS_ENDPOINT_URL_REKOGNITION: rekognition.url,
        AWS_ENDPOINT_URL_TRANSCRIBE: transcribe.url,
        S3_FORCE_PATH_STYLE: 'true',
        ...options.functionEnvironment,
      });
      const key = functionKey(fn, appsWithSeveral);
      functions.set(key, fn);
      functionCredentials.set(key, credentials);
      const lambda = new LocalLambda({
        functionName: fn.functionName,
        bundlePath: fn.bundlePath,
        handlerExport: fn.handlerExport,
        environment,
        timeoutMs: fn.timeoutMs,
        memoryMb: fn.memoryMb,
        region,
        accountId,
        onLog: (line) => log(line, key),
        ...(options.functionConcurrency !== undefined ? { maxConcurrency: options.functionConcurrency } : {}),
      });
      lambdas.set(fn.functionName, lambda);
      stoppers.push(() => lambda.close());
      renewals.push({ key, lambda, mint });
    }

    // Lambda refreshes an execution role's credentials on its own; here each role's are minted again
    // before they expire, and the function's later invocations run in workers started with them.
    let renewalTimer: NodeJS.Timeout | undefined;
    const scheduleRenewal = (delayMs: number) => {
      renewalTimer = setTimeout(renewAll, delayMs);
      // A pending renewal must not keep the process alive once everything else has stopped.
      renewalTimer.unref();
    };
    const renewAll = () => {
      try {
        for (const { key, lambda, mint } of renewals) {
          const renewed = mint();
          functionCredentials.set(key, renewed);
          lambda.updateEnvironment(credentialEnvironment(renewed));
        }
        log(`function-role credentials renewed for ${lifetimeSeconds} s`, 'local-stack');
        scheduleRenewal((lifetimeSeconds - renewalMarginSeconds) * 1000);
      } catch (error) {
        // Retried well within the margin, so a passing failure never leaves a function with expired credentials.
        const retryMs = Math.min(10_000, (renewalMarginSeconds * 1000) / 10);
        log(`renewing function-role credentials failed (again in ${retryMs} ms): ${error instanceof Error ? error.message : String(error)}`, 'local-stack');
        scheduleRenewal(retryMs);
      }
    };
    scheduleRenewal((lifetimeSeconds - renewalMarginSeconds) * 1000);
    stoppers.push(() => clearTimeout(renewalTimer));

    const retries = new Map(routes.functions.map((fn) => [fn.functionName, fn.maximumRetryAttempts]));
    const router = new EventRouter({
      rules: routes.rules,
      invoke: (functionName, event) => {
        const lambda = lambdas.get(functionName);
        if (!lambda) return Promise.reject(new LocalStackError(`no local function ${functionName}`));
        return lambda.invoke(event);
      },
      maximumRetryAttempts: (functionName) => retries.get(functionName) ?? 2,
      retryDelayMs: options.retryDelayMs ?? ((n) => 200 * 2 ** (n - 1)),
      onOutcome: (outcome) => {
        if (outcome.status === 'dead-lettered') log(`dead-lettered after ${outcome.attempts} attempts: ${outcome.functionName}: ${outcome.error}`, 'event-bus');
        options.onDelivery?.(outcome);
      },
    });
    routing.bus = router;

    // User pool (cognito-local) with its triggers served by the Lambda Invoke endpoint.
    const triggerFailures: LocalStack['triggerFailures'] = [];
    const lambdaEndpoint: LambdaEndpoint = await startLambdaEndpoint((name) => {
      const lambda = lambdas.get(name);
      if (!lambda) return undefined;
      // cognito-local ignores trigger errors; record them so the stack can report what Cognito would refuse.
      return {
        invoke: (event: unknown) =>
          lambda.invoke(event).catch((error: unknown) => {
            triggerFailures.push({ functionName: name, error: error instanceof Error ? error.message : String(error) });
            throw error;
          }),
      } as LocalLambda;
    });
    stoppers.push(() => lambdaEndpoint.stop());
    const userPoolServer: CognitoUserPool = await startCognitoUserPool({
      dataDirectory: join(dataDirectory, 'cognito'),
      lambdaEndpoint: lambdaEndpoint.endpoint,
      triggerFunctions: routes.userPoolTriggers,
      region,
    });
    stoppers.push(() => userPoolServer.stop());
    const idp = new CognitoIdentityProviderClient({ endpoint: userPoolServer.endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    stoppers.push(() => idp.destroy());
    const { userPoolId, userPoolClientId } = await createUserPoolFromTemplate(idp, assembly);

    const authRole = appsync.role('authRole');
    const identityPoolResource = assembly.resources('AWS::Cognito::IdentityPool')[0];
    if (!identityPoolResource) throw new LocalStackError('the template has no AWS::Cognito::IdentityPool');
    const identityPoolId = identityPoolResource.ref;
    const providerName = `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
    const identityPool: IdentityPool = await startIdentityPool({
      identityPoolId,
      region,
      providers: {
        [providerName]: {
          clientIds: [userPoolClientId],
          issuer: `${userPoolServer.endpoint}/${userPoolId}`,
          jwksUrl: `${userPoolServer.endpoint}/${userPoolId}/.well-known/jwks.json`,
        },
      },
      mintCredentials: (identity) => {
        const credentials = appsync.credentials.mintForIdentity({
          role: authRole,
          identityId: identity.identityId,
          identityPoolId: identity.identityPoolId,
          authProvider: identity.authProvider,
          authType: 'authenticated',
        });
        s3.allowAccessKey(credentials.accessKeyId, credentials.secretAccessKey);
        return credentials;
      },
    });
    stoppers.push(() => identityPool.stop());
    // Deliveries still running when the stack stops finish first (or fail) so nothing is cut mid-write.
    stoppers.push(() => Promise.allSettled([...pending]).then(() => undefined));

    const buckets: Record<string, string> = {};
    for (const bucket of routes.buckets) if (bucket.role) buckets[bucket.role] = bucket.bucketName;

    const stack: LocalStack = {
      region,
      accountId,
      appsync,
      dynamoDbEndpoint: dynalite.endpoint,
      s3Endpoint: s3.endpoint,
      rekognitionEndpoint: rekognition.url,
      transcribeEndpoint: transcribe.url,
      transcribe,
      buckets,
      cognito: {
        userPoolEndpoint: userPoolServer.endpoint,
        identityPoolEndpoint: identityPool.endpoint,
        userPoolId,
        userPoolClientId,
        identityPoolId,
      },
      routes,
      bus: router,
      functions,
      triggerFailures,
      functionCredentials,
      async createUser(email, password, attributes = {}) {
        await idp.send(
          new SignUpCommand({
            ClientId: userPoolClientId,
            Username: email,
            Password: password,
            UserAttributes: [{ Name: 'email', Value: email }, ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }))],
          }),
        );
        await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: email }));
      },
      async signIn(email, password) {
        const auth = await idp.send(
          new InitiateAuthCommand({ ClientId: userPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } }),
        );
        const idToken = auth.AuthenticationResult?.IdToken;
        if (!idToken) throw new LocalStackError(`sign-in of ${email} returned no ID token (challenge ${auth.ChallengeName ?? 'none'})`);
        const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub: string };
        const identity = await callIdentityPool(identityPool.endpoint, 'GetId', { IdentityPoolId: identityPoolId, Logins: { [providerName]: idToken } });
        const result = await callIdentityPool(identityPool.endpoint, 'GetCredentialsForIdentity', {
          IdentityId: identity.IdentityId,
          Logins: { [providerName]: idToken },
        });
        const c = result.Credentials as { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number };
        return {
          email,
          sub: claims.sub,
          idToken,
          identityId: String(identity.IdentityId),
          credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken, expiration: new Date(c.Expiration * 1000) },
        };
      },
      runSchedule(ruleName) {
        const schedule = routes.schedules.find((s) => s.name === ruleName || s.name.endsWith(`/${ruleName}`));
        if (!schedule) return Promise.reject(new LocalStackError(`no scheduled rule ${ruleName}`));
        const run = router.runScheduledRule(schedule, { region, accountId });
        track(run);
        return run;
      },
      allowS3Access(credentials) {
        s3.allowAccessKey(credentials.accessKeyId, credentials.secretAccessKey);
      },
      stop,
    };
    return stack;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The variables through which Lambda gives a function its execution role's credentials. */
function credentialEnvironment(credentials: TemporaryCredentials): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
  };
}

/** The GraphQL URL the template's functions are given (the assembly's local stand-in for `GraphQLUrl`). */
function apiUrlInAssembly(assembly: ReturnType<typeof loadCloudAssembly>, _apiId: string): string | undefined {
  const api = assembly.resources('AWS::AppSync::GraphQLApi')[0];
  if (!api) return undefined;
  return String(assembly.getAtt(api.stackName, api.logicalId, 'GraphQLUrl'));
}

async function createUserPoolFromTemplate(
  idp: CognitoIdentityProviderClient,
  assembly: ReturnType<typeof loadCloudAssembly>,
): Promise<{ userPoolId: string; userPoolClientId: string }> {
  const pool = assembly.resources('AWS::Cognito::UserPool')[0];
  const client = assembly.resources('AWS::Cognito::UserPoolClient')[0];
  if (!pool || !client) throw new LocalStackError('the template has no AWS::Cognito::UserPool with a UserPoolClient');
  const props = pool.properties as Record<string, unknown>;
  const input: CreateUserPoolCommandInput = {
    PoolName: String(props.UserPoolName ?? pool.logicalId),
    ...(props.Policies ? { Policies: props.Policies as CreateUserPoolCommandInput['Policies'] } : {}),
    ...(props.UsernameAttributes ? { UsernameAttributes: props.UsernameAttributes as CreateUserPoolCommandInput['UsernameAttributes'] } : {}),
    ...(props.AutoVerifiedAttributes ? { AutoVerifiedAttributes: props.AutoVerifiedAttributes as CreateUserPoolCommandInput['AutoVerifiedAttributes'] } : {}),
    ...(props.Schema ? { Schema: props.Schema as CreateUserPoolCommandInput['Schema'] } : {}),
  };
  const created = await idp.send(new CreateUserPoolCommand(input));
  const userPoolId = created.UserPool?.Id;
  if (!userPoolId) throw new LocalStackError('cognito-local created no user pool');
  const clientProps = client.properties as Record<string, unknown>;
  const createdClient = await idp.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: String(clientProps.ClientName ?? client.logicalId),
      ExplicitAuthFlows: (clientProps.ExplicitAuthFlows ?? ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']) as never,
    }),
  );
  const userPoolClientId = createdClient.UserPoolClient?.ClientId;
  if (!userPoolClientId) throw new LocalStackError('cognito-local created no user pool client');
  return { userPoolId, userPoolClientId };
}

async function callIdentityPool(endpoint: string, operation: string, input: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityService.${operation}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new LocalStackError(`identity pool ${operation} failed: ${String(body.__type)}: ${String(body.message)}`);
  return body;
}
