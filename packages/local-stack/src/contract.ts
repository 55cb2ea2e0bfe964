import type { TemporaryCredentials } from '@notifier/local-iam';
import type { LocalSession, LocalStack } from './stack';

/** Credentials of one role, as `.notifier/local-stack.json` gives them. */
export interface ContractCredentials {
  roleArn: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601. */
  expiration: string;
  /** The identity the credentials belong to (authRole only). */
  identityId?: string;
}

/**
 * `.notifier/local-stack.json`: what tools outside the project need to use a running local stack.
 * Written by `pnpm dev` and `pnpm demo` while they run; tests never write it.
 */
export interface LocalStackContract {
  region: string;
  accountId: string;
  apiId: string;
  graphqlUrl: string;
  /** Plain (ws://) real-time listener. */
  realtimeUrl: string;
  tlsGraphqlUrl: string | null;
  tlsRealtimeUrl: string | null;
  /**
   * PEM of the TLS listener's self-signed certificate, its own CA (made when the stack starts): Node.js
   * clients that need the TLS listener (aws-amplify v6 subscribes over `wss://` only) trust it through
   * `NODE_EXTRA_CA_CERTS`.
   */
  tlsCaCertPem: string | null;
  s3: { endpoint: string; forcePathStyle: true; buckets: Record<string, string> };
  /** Endpoints and ids of the user pool and the identity pool, as the stack reports them. */
  cognito: LocalStack['cognito'];
  /** One entry per role: `authRole`, `unauthRole`, and `<app-folder>` or `<app-folder>-<handler>` per function. */
  credentials: Record<string, ContractCredentials>;
  testUser: { email: string; password: string; identityId: string; sub: string };
  howToSignIn: string;
  webUrl?: string;
  /**
   * Id of the process that wrote the file (`pnpm dev` or `pnpm demo`), added as it is written. While that
   * process lives, another local stack refuses to start; the writer removes the file on exit only if it still
   * holds its own id; a tool can check it is alive before trusting the endpoints.
   */
  pid?: number;
}

/**
 * Builds the contract file's content for a running stack and its signed-in test user.
 *
 * @example
 * writeFileSync('.notifier/local-stack.json', JSON.stringify(buildContract(stack, session, password), null, 2));
 */
export function buildContract(stack: LocalStack, testUser: LocalSession, password: string, webUrl?: string): LocalStackContract {
  const authRole = stack.appsync.role('authRole');
  const unauthRole = stack.appsync.role('unauthRole');
  const credentials: Record<string, ContractCredentials> = {
    authRole: { ...toContract(authRole.roleArn, testUser.credentials), identityId: testUser.identityId },
    unauthRole: toContract(unauthRole.roleArn, stack.appsync.credentials.mintForRole(unauthRole, { durationSeconds: 43_200 })),
  };
  for (const [key, fn] of stack.functions) {
    const minted = stack.functionCredentials.get(key);
    if (minted) credentials[key] = toContract(fn.roleArn, minted);
  }
  return {
    region: stack.region,
    accountId: stack.accountId,
    apiId: stack.appsync.apiId,
    graphqlUrl: stack.appsync.graphqlUrl,
    realtimeUrl: stack.appsync.realtimeUrl,
    tlsGraphqlUrl: stack.appsync.tlsGraphqlUrl ?? null,
    tlsRealtimeUrl: stack.appsync.tlsRealtimeUrl ?? null,
    tlsCaCertPem: stack.appsync.caCertPem ?? null,
    s3: { endpoint: stack.s3Endpoint, forcePathStyle: true, buckets: stack.buckets },
    cognito: stack.cognito,
    credentials,
    testUser: { email: testUser.email, password, identityId: testUser.identityId, sub: testUser.sub },
    howToSignIn:
      `USER_PASSWORD_AUTH against ${stack.cognito.userPoolEndpoint} (client ${stack.cognito.userPoolClientId}) with the test user, ` +
      `then GetId and GetCredentialsForIdentity against ${stack.cognito.identityPoolEndpoint} with the ID token under ` +
      `logins["cognito-idp.${stack.region}.amazonaws.com/${stack.cognito.userPoolId}"]. New users: SignUp, then AdminConfirmSignUp.`,
    ...(webUrl ? { webUrl } : {}),
  };
}

function toContract(roleArn: string, credentials: TemporaryCredentials): ContractCredentials {
  return {
    roleArn,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: credentials.expiration.toISOString(),
  };
}
