// Runs the BUNDLED resolver files (dist/) through the local APPSYNC_JS runtime, with AppSync-shaped
// contexts built from the fixtures in test/events/appsync/.
import { createInvocationRuntime, loadResolverModule } from '@notifier/appsync-utils';
import type { AppSyncUtilsModule, InvocationRuntime, InvocationState } from '@notifier/appsync-utils';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { buildResolvers } from '../../scripts/build-resolvers';
import { distDir, resolveDistFile, resolversManifestPath } from '../../src/paths';
import contextFixture from '../events/appsync/context.json';
import cognitoAuthenticated from '../events/appsync/identity-cognito-authenticated.json';
import cognitoUnauthenticated from '../events/appsync/identity-cognito-unauthenticated.json';
import iamRole from '../events/appsync/identity-iam-role.json';

/** 2026-11-27T14:05:09.123Z: the clock of every test invocation. */
export const NOW = Date.parse('2026-11-27T14:05:09.123Z');
export const NOW_ISO = '2026-11-27T14:05:09.123Z';
export const FIXED_ID = '0b4f6c1e-9a2d-4e8b-b7c3-5d1a2f3e4c6b';

/** The identities AppSync builds under AWS_IAM. */
export const identities = {
  /** A signed-in user through the identity pool's authenticated role. */
  signedIn: () => structuredClone(cognitoAuthenticated),
  /** A guest through the identity pool's unauthenticated role. */
  guest: () => structuredClone(cognitoUnauthenticated),
  /** A Lambda function's execution role (backend). */
  backend: () => structuredClone(iamRole),
};
export const SIGNED_IN_SUB = '7c1e2f4a-0b9d-4e5f-8a6b-3c2d1e0f9a8b';
export const SIGNED_IN_IDENTITY_ID = 'eu-west-1:5f0c2a9e-1d3b-4c7a-9e8f-2b6d4a1c0e7f';

function newestSourceMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : statSync(full).mtimeMs);
  }, 0);
}

/**
 * Bundles again when dist/ is missing or older than a resolver source (turbo runs `build` before
 * `test`; this keeps a bare `jest` run honest too).
 */
export function ensureBuilt(): void {
  const packageDir = path.resolve(__dirname, '../..');
  const sources = Math.max(newestSourceMtime(path.join(packageDir, 'resolvers')), newestSourceMtime(path.join(packageDir, 'src')));
  if (!existsSync(resolversManifestPath) || statSync(resolversManifestPath).mtimeMs < sources) buildResolvers();
}

/** An AppSync resolver context for a field. */
export function makeContext(
  typeName: string,
  fieldName: string,
  args: Record<string, unknown>,
  identity: unknown,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const ctx = structuredClone(contextFixture) as Record<string, unknown> & { info: Record<string, unknown> };
  ctx.arguments = args;
  ctx.args = args;
  ctx.identity = identity;
  ctx.info.fieldName = fieldName;
  ctx.info.parentTypeName = typeName;
  ctx.info.variables = args;
  return Object.assign(ctx, extra);
}

/** What one handler call produced. */
export interface Invocation {
  result?: unknown;
  error?: unknown;
  state: InvocationState;
}

/** `2026-11-27T14:05:09Z`: how Java's Instant prints a whole second (no `.000`). */
export function javaInstantText(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * The runtime's module with util.time's ISO 8601 helpers printing as Java's Instant does. AppSync
 * documents only "ISO 8601" for them, so resolvers must not depend on their fraction digits.
 */
function withJavaInstantIso8601(rt: InvocationRuntime): AppSyncUtilsModule {
  const util = rt.module.util;
  const time = util.time as { nowEpochMilliSeconds(): number };
  return {
    ...rt.module,
    util: {
      ...util,
      time: {
        ...time,
        nowISO8601: () => javaInstantText(time.nowEpochMilliSeconds()),
        epochMilliSecondsToISO8601: (ms: number) => javaInstantText(ms),
      },
    },
  } as AppSyncUtilsModule;
}

/** Calls `request` or `response` of a bundled file (relative to dist/) with a fresh runtime. */
export function invoke(
  file: string,
  handler: 'request' | 'response',
  ctx: Record<string, unknown>,
  options: { now?: number; autoId?: string; iso8601?: 'java-instant' } = {},
): Invocation {
  const info = ctx.info as { parentTypeName: string; fieldName: string };
  const rt = createInvocationRuntime({
    typeName: info.parentTypeName,
    fieldName: info.fieldName,
    now: () => options.now ?? NOW,
    autoId: () => options.autoId ?? FIXED_ID,
  });
  const code = readFileSync(resolveDistFile(file), 'utf8');
  const resolver = loadResolverModule(code, options.iso8601 === 'java-instant' ? withJavaInstantIso8601(rt) : rt, {
    filename: path.relative(distDir, resolveDistFile(file)),
  });
  try {
    return { result: resolver[handler](ctx), state: rt.state };
  } catch (error) {
    return { error, state: rt.state };
  }
}
