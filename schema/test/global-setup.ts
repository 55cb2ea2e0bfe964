// Once per Jest run, before any worker starts: make sure dist/ holds bundles of the current sources.
import { ensureBuilt } from './helpers/appsync';

export default function globalSetup(): void {
  ensureBuilt();
}
