// Child process of the benchmark: this package's server on the bench model; prints its endpoints
// and credentials as one JSON line, answers `cpu` on stdin with its CPU time so far (one JSON line),
// and serves until stdin closes.
import { createInterface } from 'node:readline';
import { cognitoAuthProvider } from '@notifier/local-iam';
import { loadModelFromAssembly, startDynalite, startLocalAppSync } from '../src';
import { synthesizedAssemblyDir } from '../testing/assembly-dir';
import { benchModel } from './bench-model';

async function main(): Promise<void> {
  const model = benchModel(await loadModelFromAssembly(synthesizedAssemblyDir(), { accountId: '000000000000', region: 'us-east-1' }));
  const dynamo = await startDynalite({ tables: model.tables });
  const appsync = await startLocalAppSync({ model, dynamoDbEndpoint: dynamo.endpoint, tls: false });
  const mutator = appsync.mintForRole('model-ready-notice', { durationSeconds: 43200 });
  const subscriber = appsync.credentials.mintForIdentity({
    role: appsync.role('authRole'),
    identityId: 'us-east-1:11111111-2222-4333-8444-555555555555',
    identityPoolId: 'us-east-1:99999999-8888-4777-8666-555555555555',
    authProvider: cognitoAuthProvider({ region: 'us-east-1', userPoolId: 'us-east-1_Bench', sub: 'bench-user' }),
    authType: 'authenticated',
    durationSeconds: 43200,
  });
  process.stdout.write(`${JSON.stringify({ graphqlUrl: appsync.graphqlUrl, realtimeUrl: appsync.realtimeUrl, mutator, subscriber })}\n`);
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    if (line.trim() === 'cpu') process.stdout.write(`${JSON.stringify({ cpu: process.cpuUsage() })}\n`);
  });
  commands.on('close', async () => {
    await appsync.stop();
    await dynamo.stop();
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
