import { synthesizedAssemblyDir } from '../scripts/assembly-dir';

export default function globalSetup(): void {
  process.env.APPSYNC_LOCAL_TEST_ASSEMBLY = synthesizedAssemblyDir();
}
