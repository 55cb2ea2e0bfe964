import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { LocalStackError } from './errors';

/** Options of {@link startCognitoUserPool}. */
export interface CognitoUserPoolOptions {
  /** Folder where cognito-local keeps its pools and users (a fresh temporary folder per stack). */
  dataDirectory: string;
  /** Base URL of the Lambda Invoke endpoint that serves the pool's triggers (`POST /2015-03-31/functions/<name>/invocations`). */
  lambdaEndpoint: string;
  /** Trigger name -> function name, e.g. `{ PostAuthentication: 'notifier-dev-post-auth' }`. */
  triggerFunctions: Record<string, string>;
  /**
   * Region reported to the Lambda client.
   * @default 'us-east-1'
   */
  region?: string;
  /**
   * pino log level for cognito-local's own logs (written to this process's stderr).
   * @default 'silent'
   */
  logLevel?: string;
  /**
   * How long to wait for the server to start.
   * @default 20_000
   */
  startTimeoutMs?: number;
}

/** A running cognito-local user-pool endpoint. */
export interface CognitoUserPool {
  /** `http://127.0.0.1:<port>`: the `CognitoIdentityProvider` endpoint, and the token issuer domain. */
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts cognito-local (user pools: sign-up, USER_PASSWORD_AUTH, verifiable JWTs at
 * `/<poolId>/.well-known/jwks.json`) in a child process on 127.0.0.1 with an OS-assigned port, its
 * triggers invoking the given Lambda endpoint. `GetTokensFromRefreshToken` (how aws-amplify v6 refreshes),
 * which cognito-local lacks, is served as the REFRESH_TOKEN_AUTH flow (the refresh token is not rotated).
 *
 * cognito-local swallows trigger errors (a failing PostAuthentication trigger does not fail the
 * sign-in), where real Cognito fails the sign-in: the local stack reports trigger failures itself.
 *
 * @example
 * const pool = await startCognitoUserPool({ dataDirectory, lambdaEndpoint, triggerFunctions: { PostAuthentication: 'post-auth' } });
 */
export async function startCognitoUserPool(options: CognitoUserPoolOptions): Promise<CognitoUserPool> {
  const script = join(__dirname, '..', 'bin', 'cognito-local-server.cjs');
  const config = {
    dataDirectory: options.dataDirectory,
    lambdaEndpoint: options.lambdaEndpoint,
    triggerFunctions: options.triggerFunctions,
    region: options.region ?? 'us-east-1',
    logLevel: options.logLevel ?? 'silent',
  };
  const child = spawn(process.execPath, [script, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (config.logLevel !== 'silent') process.stderr.write(chunk);
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new LocalStackError(`cognito-local did not start within ${options.startTimeoutMs ?? 20_000} ms: ${stderr.trim()}`));
    }, options.startTimeoutMs ?? 20_000);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /listening (\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new LocalStackError(`cognito-local exited with code ${code}: ${stderr.trim()}`));
    });
  });

  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
