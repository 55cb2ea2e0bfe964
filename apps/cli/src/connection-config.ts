import { regionFromGraphqlUrl, type CredentialsOption } from '@notifier/client';
import type { Environment, ListenArgs } from './args';
import { LocalStackFileError, UsageError } from './errors';
import { assertLocalStackRunning, findLocalStackFile, readLocalStack, type LocalStack, type LocalStackProbeDeps } from './local-stack';
import { signIn as defaultSignIn, type SignInOptions, type SignedIn } from './sign-in';

/** Where to connect and with which credentials. */
export interface ConnectionConfig {
  graphqlUrl: string;
  realtimeUrl?: string;
  region: string;
  credentials: CredentialsOption;
  /** Who the CLI listens as, for the first line of pretty output. */
  who: string;
}

/** Injectable dependencies of {@link resolveConnection}. */
export interface ResolveDeps extends LocalStackProbeDeps {
  signIn?: (options: SignInOptions) => Promise<SignedIn>;
  /** Directory the local stack file is searched from. @default process.cwd() */
  cwd?: string;
  now?: () => number;
}

/**
 * Resolves endpoint and credentials: flags, then the local stack file (with --local), then the
 * environment. Signs in when a user name is given; otherwise takes credentials as they are.
 *
 * @example
 * ```ts
 * const config = await resolveConnection(args, process.env);
 * ```
 */
export async function resolveConnection(args: ListenArgs, env: Environment, deps: ResolveDeps = {}): Promise<ConnectionConfig> {
  const now = deps.now ?? Date.now;
  let stack: LocalStack | undefined;
  if (args.local) {
    stack = readLocalStack(args.localStackFile ?? findLocalStackFile(deps.cwd ?? process.cwd()));
    // Only when the endpoint is the file's: a stale file must fail now, not be retried for ever.
    if (args.graphqlUrl === undefined) await assertLocalStackRunning(stack, deps);
  }
  const graphqlUrl = args.graphqlUrl ?? stack?.graphqlUrl;
  if (!graphqlUrl) {
    throw new UsageError('No endpoint: pass --graphql-url (or set NOTIFIER_GRAPHQL_URL), or --local while `pnpm dev` runs');
  }
  const region = args.region ?? stack?.region ?? regionFromGraphqlUrl(graphqlUrl);
  if (!region) {
    throw new UsageError(`--region (or AWS_REGION) is required for an endpoint outside AppSync's domain (${graphqlUrl})`);
  }
  const realtimeUrl = args.realtimeUrl ?? (args.graphqlUrl === undefined ? stack?.realtimeUrl : undefined);

  if (args.username !== undefined) {
    const missing: string[] = [];
    const userPoolId = args.userPoolId ?? stack?.cognito.userPoolId;
    const clientId = args.clientId ?? stack?.cognito.clientId;
    const identityPoolId = args.identityPoolId ?? stack?.cognito.identityPoolId;
    if (!userPoolId) missing.push('--user-pool-id');
    if (!clientId) missing.push('--client-id');
    if (!identityPoolId) missing.push('--identity-pool-id');
    if (args.password === undefined) missing.push('a password (NOTIFIER_PASSWORD, or --password)');
    if (missing.length > 0) throw new UsageError(`Signing in as ${args.username} needs ${missing.join(', ')}`);
    const signedIn = await (deps.signIn ?? defaultSignIn)({
      region,
      userPoolId: userPoolId as string,
      clientId: clientId as string,
      identityPoolId: identityPoolId as string,
      username: args.username,
      password: args.password as string,
      userPoolEndpoint: args.cognitoIdpEndpoint ?? stack?.cognito.userPoolEndpoint,
      identityPoolEndpoint: args.cognitoIdentityEndpoint ?? stack?.cognito.identityPoolEndpoint,
      providerName: stack?.cognito.providerName,
      now,
    });
    return { graphqlUrl, realtimeUrl, region, credentials: signedIn.credentials, who: `${args.username} (identity ${signedIn.identityId})` };
  }

  if (stack?.authRole) {
    const file = stack.file;
    const first = stack.authRole;
    // The local stack may mint new credentials and rewrite its file: re-read it on every refresh.
    let calls = 0;
    const fromFile = async () => {
      const current = calls++ === 0 ? first : readLocalStack(file).authRole;
      if (!current) throw new LocalStackFileError(`${file} no longer holds credentials.authRole`);
      if (current.expiration.getTime() <= now()) {
        throw new LocalStackFileError(
          `The credentials in ${file} expired at ${current.expiration.toISOString()}: restart \`pnpm dev\`, or sign in with --username`,
        );
      }
      return current;
    };
    return { graphqlUrl, realtimeUrl, region, credentials: fromFile, who: `the local stack's test user (identity ${first.identityId ?? 'unknown'})` };
  }

  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (accessKeyId && secretAccessKey) {
    const expiration = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
    if (expiration && Number.isNaN(expiration.getTime())) {
      throw new UsageError(`AWS_CREDENTIAL_EXPIRATION is not a date: ${JSON.stringify(env.AWS_CREDENTIAL_EXPIRATION)}`);
    }
    return {
      graphqlUrl,
      realtimeUrl,
      region,
      credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined, expiration },
      who: `access key ${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`,
    };
  }
  throw new UsageError(
    'No credentials: pass --username (with NOTIFIER_PASSWORD) to sign in, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --local while `pnpm dev` runs',
  );
}
