import { cognitoAuthProvider, type TemporaryCredentials } from '@notifier/local-iam';
import { startDynalite, startLocalAppSync, type AppSyncModel, type LocalAppSync, type LocalAppSyncOptions, type RunningDynalite } from '../../src';

export interface TestStack {
  appsync: LocalAppSync;
  dynamo: RunningDynalite;
  stop(): Promise<void>;
}

export async function startTestStack(model: AppSyncModel, options: Partial<LocalAppSyncOptions> = {}): Promise<TestStack> {
  const dynamo = await startDynalite({ tables: model.tables, region: model.region });
  const appsync = await startLocalAppSync({ model, dynamoDbEndpoint: dynamo.endpoint, tls: false, ...options });
  return {
    appsync,
    dynamo,
    stop: async () => {
      await appsync.stop();
      await dynamo.stop();
    },
  };
}

export interface TestUser {
  identityId: string;
  sub: string;
  credentials: TemporaryCredentials;
}

export function signInUser(appsync: LocalAppSync, n: number): TestUser {
  const sub = `0000000${n}-aaaa-4bbb-8ccc-dddddddddddd`;
  const identityId = `${appsync.region}:1111111${n}-2222-4333-8444-555555555555`;
  const credentials = appsync.credentials.mintForIdentity({
    role: appsync.role('authRole'),
    identityId,
    identityPoolId: `${appsync.region}:99999999-8888-4777-8666-555555555555`,
    authProvider: cognitoAuthProvider({ region: appsync.region, userPoolId: `${appsync.region}_TestPool`, sub }),
    authType: 'authenticated',
  });
  return { identityId, sub, credentials };
}
