// The stack tests run the synthesized template and its bundles: synthesize first when it is missing or stale.
import { resolve } from 'node:path';
import { ensureSynthesized, repositoryRoot } from '../scripts/support';

export default function globalSetup(): void {
  const root = repositoryRoot();
  ensureSynthesized(root, resolve(root, 'infra/cdk.out'));
}
