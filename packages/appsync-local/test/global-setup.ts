import { synthesizedAssemblyDir } from '../testing';

// Synthesizes the template (when infra/cdk.out is stale) once, before the test files start in parallel.
export default function globalSetup(): void {
  synthesizedAssemblyDir();
}
