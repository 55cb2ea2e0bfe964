// The local AppSync for integration tests, through its public API: the synthesized template (from
// infra/cdk.out when fresh, else synthesized once by the local AppSync's own script), dynalite, and
// identity-pool users minted on the authenticated role.
import { loadModelFromAssembly, startDynalite, startLocalAppSync, type LocalAppSync } from '@notifier/appsync-local';
import { cognitoAuthProvider, type TemporaryCredentials } from '@notifier/local-iam';
// The one place that knows where the template comes from (shared with the local AppSync's tests).
import { synthesizedAssemblyDir } from '../../../appsync-local/scripts/assembly-dir';

export interface LocalAppSyncStack {
  appsync: LocalAppSync;
  stop(): Promise<void>;
}

export interface LocalUser {
  identityId: string;
  credentials: TemporaryCredentials;
}

/** Starts dynalite and the local AppSync serving the synthesized template. */
export async function startLocalAppSyncStack(): Promise<LocalAppSyncStack> {
  const model = await loadModelFromAssembly(synthesizedAssemblyDir(), { accountId: '000000000000', region: 'us-east-1' });
  const dynamo = await startDynalite({ tables: model.tables, region: model.region });
  const appsync = await startLocalAppSync({ model, dynamoDbEndpoint: dynamo.endpoint, tls: false });
  return {
    appsync,
    stop: async () => {
      await appsync.stop();
      await dynamo.stop();
    },
  };
}

/** A signed-in identity-pool user: credentials for the authenticated role carrying its identity id. */
export function localUser(appsync: LocalAppSync, n: number, durationSeconds?: number): LocalUser {
  const sub = `0000000${n}-aaaa-4bbb-8ccc-00000000c11e`;
  const identityId = `${appsync.region}:1111111${n}-2222-4333-8444-00000000c11e`;
  const credentials = appsync.credentials.mintForIdentity({
    role: appsync.role('authRole'),
    identityId,
    identityPoolId: `${appsync.region}:99999999-8888-4777-8666-00000000c11e`,
    authProvider: cognitoAuthProvider({ region: appsync.region, userPoolId: `${appsync.region}_ClientTests`, sub }),
    authType: 'authenticated',
    durationSeconds,
  });
  return { identityId, credentials };
}
