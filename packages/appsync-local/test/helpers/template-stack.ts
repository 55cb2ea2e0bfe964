import { loadModelFromAssembly, type AppSyncModel } from '../../src';

export async function templateModel(): Promise<AppSyncModel> {
  const dir = process.env.APPSYNC_LOCAL_TEST_ASSEMBLY;
  if (!dir) throw new Error('APPSYNC_LOCAL_TEST_ASSEMBLY is not set (jest globalSetup)');
  return loadModelFromAssembly(dir, { accountId: '000000000000', region: 'us-east-1' });
}
