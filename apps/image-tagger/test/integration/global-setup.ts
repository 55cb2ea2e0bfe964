import { synthesizedAssemblyDir } from '@notifier/lambda-kit/testing';

// The synthesized template is found, or made (once, a minute at most), before any test's clock starts.
export default function globalSetup(): void {
  synthesizedAssemblyDir();
}
