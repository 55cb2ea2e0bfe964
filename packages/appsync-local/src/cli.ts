// appsync-local: serve the AppSync API of a synthesized template on 127.0.0.1.
//
//   appsync-local --assembly infra/cdk.out [--port 0] [--tls-port 0] [--no-tls]
//                 [--region us-east-1] [--account 000000000000] [--dynamodb-endpoint URL]
//                 [--mint <role>]... [--error-rate 0] [--throttle-rate 0] [--drop-rate 0] [--seed 1]
//                 [--connection-timeout-ms 300000] [--keep-alive-interval-ms 60000]
//                 [--max-realtime-message-bytes 262144]
//
// Prints the endpoints as JSON, then reads commands on stdin, one per line:
//   mint <role>                   credentials for a role (its notifier:role tag, name or logical id)
//   identity <role> <identityId> <sub> [userPoolId]   credentials for an identity-pool identity
//   roles                         the roles of the template
//   quit                          stop
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { cognitoAuthProvider } from '@notifier/local-iam';
import { AppSyncLocalConfigError } from './errors';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, loadModelFromAssembly } from './model';
import { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_KEEP_ALIVE_INTERVAL_MS } from './realtime';
import { startLocalAppSync } from './server';

const USAGE = `usage: appsync-local --assembly <cdk.out> [--port N] [--tls-port N] [--no-tls] [--region R] [--account A]
                     [--dynamodb-endpoint URL] [--mint ROLE]... [--error-rate P] [--throttle-rate P] [--drop-rate P] [--seed N]
                     [--connection-timeout-ms MS] [--keep-alive-interval-ms MS] [--max-realtime-message-bytes N]`;

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new AppSyncLocalConfigError(`--${name} must be a number, got ${JSON.stringify(value)}`);
  return n;
}

function positiveInteger(value: string | undefined, name: string, unit: string): number | undefined {
  const n = number(value, name);
  if (n !== undefined && (!Number.isInteger(n) || n <= 0)) throw new AppSyncLocalConfigError(`--${name} must be a positive integer of ${unit}, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      assembly: { type: 'string' },
      port: { type: 'string' },
      'tls-port': { type: 'string' },
      'no-tls': { type: 'boolean' },
      region: { type: 'string' },
      account: { type: 'string' },
      'dynamodb-endpoint': { type: 'string' },
      mint: { type: 'string', multiple: true },
      'error-rate': { type: 'string' },
      'throttle-rate': { type: 'string' },
      'drop-rate': { type: 'string' },
      seed: { type: 'string' },
      'connection-timeout-ms': { type: 'string' },
      'keep-alive-interval-ms': { type: 'string' },
      'max-realtime-message-bytes': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.assembly) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const region = values.region ?? DEFAULT_REGION;
  const accountId = values.account ?? DEFAULT_ACCOUNT_ID;
  // Every flag is read before the template is: a mistyped one fails at once, naming the flag.
  const port = number(values.port, 'port');
  const tlsPort = number(values['tls-port'], 'tls-port');
  const faults = {
    errorRate: number(values['error-rate'], 'error-rate'),
    throttleRate: number(values['throttle-rate'], 'throttle-rate'),
    dropConnectionRate: number(values['drop-rate'], 'drop-rate'),
    seed: number(values.seed, 'seed'),
  };
  const connectionTimeoutMs = positiveInteger(values['connection-timeout-ms'], 'connection-timeout-ms', 'milliseconds');
  const keepAliveIntervalMs = positiveInteger(values['keep-alive-interval-ms'], 'keep-alive-interval-ms', 'milliseconds');
  const maxRealtimeMessageBytes = positiveInteger(values['max-realtime-message-bytes'], 'max-realtime-message-bytes', 'bytes');
  const timeout = connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
  const keepAlive = keepAliveIntervalMs ?? DEFAULT_KEEP_ALIVE_INTERVAL_MS;
  if (timeout <= keepAlive) {
    throw new AppSyncLocalConfigError(
      `--connection-timeout-ms (${timeout}) must exceed --keep-alive-interval-ms (${keepAlive}), or clients would take every connection for dead`,
    );
  }
  const model = await loadModelFromAssembly(path.resolve(values.assembly), { accountId, region });
  const appsync = await startLocalAppSync({
    model,
    ...(values['dynamodb-endpoint'] ? { dynamoDbEndpoint: values['dynamodb-endpoint'] } : {}),
    tls: !values['no-tls'],
    port,
    tlsPort,
    faults,
    connectionTimeoutMs,
    keepAliveIntervalMs,
    maxRealtimeMessageBytes,
  });
  const mint = (role: string) => {
    const c = appsync.mintForRole(role);
    return { role, roleArn: appsync.role(role).roleArn, ...c, expiration: c.expiration.toISOString() };
  };
  console.log(
    JSON.stringify(
      {
        apiId: appsync.apiId,
        region,
        accountId,
        graphqlUrl: appsync.graphqlUrl,
        realtimeUrl: appsync.realtimeUrl,
        tlsGraphqlUrl: appsync.tlsGraphqlUrl,
        tlsRealtimeUrl: appsync.tlsRealtimeUrl,
        dynamoDbEndpoint: appsync.dynamoDbEndpoint,
        caCertPem: appsync.caCertPem,
        credentials: (values.mint ?? []).map(mint),
      },
      null,
      2,
    ),
  );

  const stop = async (): Promise<void> => {
    await appsync.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command, ...args] = line.trim().split(/\s+/);
    try {
      if (command === 'mint' && args[0]) console.log(JSON.stringify(mint(args[0])));
      else if (command === 'identity' && args[0] && args[1] && args[2]) {
        const c = appsync.credentials.mintForIdentity({
          role: appsync.role(args[0]),
          identityId: args[1],
          identityPoolId: `${region}:00000000-0000-4000-8000-000000000000`,
          authProvider: cognitoAuthProvider({ region, userPoolId: args[3] ?? `${region}_local`, sub: args[2] }),
          authType: 'authenticated',
        });
        console.log(JSON.stringify({ ...c, identityId: args[1], expiration: c.expiration.toISOString() }));
      } else if (command === 'roles') {
        console.log(JSON.stringify(model.roles.map((r) => ({ roleName: r.roleName, roleArn: r.roleArn, tags: r.tags }))));
      } else if (command === 'quit') void stop();
      else if (command) console.error(`unknown command: ${line} (mint <role> | identity <role> <identityId> <sub> | roles | quit)`);
    } catch (error) {
      console.error((error as Error).message);
    }
  });
  lines.on('close', () => {
    // stdin closed (e.g. started in the background): keep serving until a signal arrives.
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
