import { synthesizedAssemblyDir } from './assembly';

export default function globalSetup(): void {
  process.env.APPSYNC_LOCAL_TEST_ASSEMBLY = synthesizedAssemblyDir();
}
