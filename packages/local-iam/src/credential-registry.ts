import { createHash, randomBytes } from 'node:crypto';
import { LocalIamConfigError } from './errors';
import type { CredentialRecord, IdentityPrincipal, Principal, RolePrincipal, TemporaryCredentials } from './types';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
/** Identity-pool credentials always carry this session name (Cognito's GetCredentialsForIdentity). */
export const COGNITO_SESSION_NAME = 'CognitoIdentityCredentials';
/** Expired credentials are kept this long so that callers get "expired", not "unknown key". */
const RETAIN_EXPIRED_MS = 24 * 60 * 60 * 1000;

/** A role credentials can be minted for. */
export interface RoleRef {
  /** Role name, e.g. `ImageTaggerRole`. */
  roleName: string;
  /** `arn:aws:iam::<account>:role/<name>`. */
  roleArn: string;
  /** Account id (must be the one in `roleArn`). */
  accountId: string;
}

/** Options of {@link CredentialRegistry.mintForRole}. */
export interface MintForRoleOptions {
  /**
   * Session name in the assumed-role ARN (Lambda uses the function name).
   * @default role.roleName
   */
  sessionName?: string;
  /**
   * Lifetime in seconds (STS allows 900 to 43200).
   * @default the registry's defaultDurationSeconds
   */
  durationSeconds?: number;
}

/** Input of {@link CredentialRegistry.mintForIdentity}. */
export interface MintForIdentityInput {
  /** The identity pool's role for this identity (authenticated or unauthenticated role). */
  role: RoleRef;
  /** Identity id, `<region>:<uuid>`. */
  identityId: string;
  /** Identity pool id, `<region>:<uuid>`. */
  identityPoolId: string;
  /**
   * Provider string: either AppSync's quoted form (`"cognito-idp...","cognito-idp...:CognitoSignIn:<sub>"`)
   * or the plain comma-separated form; see {@link cognitoAuthProvider}.
   */
  authProvider: string;
  /** `authenticated` or `unauthenticated`. */
  authType: 'authenticated' | 'unauthenticated';
  /**
   * Lifetime in seconds.
   * @default the registry's defaultDurationSeconds
   */
  durationSeconds?: number;
}

/** Options of {@link createCredentialRegistry}. */
export interface CredentialRegistryOptions {
  /**
   * Clock for expirations.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Lifetime of minted credentials, in seconds.
   * @default 3600
   */
  defaultDurationSeconds?: number;
  /**
   * Source of random bytes for keys, secrets and tokens.
   * @default crypto.randomBytes
   */
  randomBytes?: (size: number) => Uint8Array;
}

/** An in-memory STS: mints temporary credentials and looks them up for the verifier. */
export interface CredentialRegistry {
  /** Mints credentials for a role, as Lambda's execution role gets them. */
  mintForRole(role: RoleRef, options?: MintForRoleOptions): TemporaryCredentials;
  /** Mints credentials for a Cognito identity-pool identity on the pool's role. */
  mintForIdentity(input: MintForIdentityInput): TemporaryCredentials;
  /** Looks up an access key id (expired credentials are still found; the verifier refuses them). */
  lookup(accessKeyId: string): CredentialRecord<Principal> | undefined;
  /** Forgets an access key; returns whether it was known. */
  revoke(accessKeyId: string): boolean;
}

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += BASE32[(bytes[i % bytes.length] as number) % 32];
  return out;
}

/**
 * The deterministic unique id (`AROA` + 17 characters) the local IAM gives a role.
 *
 * @example
 * ```ts
 * roleIdFor('arn:aws:iam::111122223333:role/ImageTaggerRole'); // 'AROA...'
 * ```
 */
export function roleIdFor(roleArn: string): string {
  return `AROA${base32(createHash('sha256').update(roleArn).digest(), 17)}`;
}

/**
 * The provider string AppSync reports as `cognitoIdentityAuthProvider` for a user-pool sign-in.
 *
 * @example
 * ```ts
 * cognitoAuthProvider({ region: 'us-east-1', userPoolId: 'us-east-1_Abc', sub: 'f531...' });
 * // '"cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc","cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:CognitoSignIn:f531..."'
 * ```
 */
export function cognitoAuthProvider(input: { region: string; userPoolId: string; sub: string }): string {
  const provider = `cognito-idp.${input.region}.amazonaws.com/${input.userPoolId}`;
  return `"${provider}","${provider}:CognitoSignIn:${input.sub}"`;
}

/** AppSync's quoted provider form, from either the quoted or the plain comma-separated form. */
export function normalizeAuthProvider(value: string): string {
  if (value.startsWith('"')) return value;
  return value
    .split(',')
    .map((part) => `"${part.trim()}"`)
    .join(',');
}

function validateRole(role: RoleRef): void {
  const match = ROLE_ARN.exec(role.roleArn ?? '');
  if (!match) throw new LocalIamConfigError(`roleArn '${role.roleArn}' is not an IAM role ARN`);
  if (match[1] !== role.accountId) {
    throw new LocalIamConfigError(`accountId '${role.accountId}' does not match the account in '${role.roleArn}'`);
  }
  if (match[2] !== role.roleName) {
    throw new LocalIamConfigError(`roleName '${role.roleName}' does not match the name in '${role.roleArn}'`);
  }
}

/**
 * Creates an in-memory STS-like credential registry.
 *
 * @example
 * ```ts
 * const registry = createCredentialRegistry();
 * const creds = registry.mintForRole({ roleName: 'ImageTaggerRole', roleArn, accountId }, { sessionName: 'image-tagger' });
 * verifySigV4Request(request, { credentials: registry, region: 'us-east-1' });
 * ```
 */
export function createCredentialRegistry(options: CredentialRegistryOptions = {}): CredentialRegistry {
  const now = options.now ?? (() => new Date());
  const random = options.randomBytes ?? ((size: number) => randomBytes(size));
  const defaultDuration = options.defaultDurationSeconds ?? 3600;
  checkDuration(defaultDuration, 'defaultDurationSeconds');
  const records = new Map<string, CredentialRecord<Principal>>();

  function checkDuration(seconds: number, name: string): void {
    if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43200) {
      throw new LocalIamConfigError(`${name} must be an integer from 900 to 43200 (as STS), got ${seconds}`);
    }
  }

  function prune(at: number): void {
    for (const [key, record] of records) {
      if (record.expiration && record.expiration.getTime() + RETAIN_EXPIRED_MS < at) records.delete(key);
    }
  }

  function mint(principal: Principal, durationSeconds: number): TemporaryCredentials {
    checkDuration(durationSeconds, 'durationSeconds');
    const issued = now().getTime();
    prune(issued);
    let accessKeyId: string;
    do accessKeyId = `ASIA${base32(random(16), 16)}`;
    while (records.has(accessKeyId));
    const secretAccessKey = Buffer.from(random(30)).toString('base64');
    const sessionToken = Buffer.from(random(96)).toString('base64');
    const expiration = new Date(issued + durationSeconds * 1000);
    records.set(accessKeyId, { secretAccessKey, sessionToken, expiration, principal });
    return { accessKeyId, secretAccessKey, sessionToken, expiration };
  }

  function assumed(role: RoleRef, sessionName: string) {
    validateRole(role);
    if (!SESSION_NAME.test(sessionName)) {
      throw new LocalIamConfigError(`sessionName '${sessionName}' must match [\\w+=,.@-]{2,64}`);
    }
    const roleId = roleIdFor(role.roleArn);
    const partition = role.roleArn.split(':')[1] as string;
    return {
      accountId: role.accountId,
      roleName: role.roleName,
      roleArn: role.roleArn,
      roleId,
      sessionName,
      userArn: `arn:${partition}:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
      user: `${roleId}:${sessionName}`,
    };
  }

  return {
    mintForRole(role, mintOptions = {}) {
      const principal: RolePrincipal = { kind: 'role', ...assumed(role, mintOptions.sessionName ?? role.roleName) };
      return mint(principal, mintOptions.durationSeconds ?? defaultDuration);
    },
    mintForIdentity(input) {
      for (const key of ['identityId', 'identityPoolId', 'authProvider'] as const) {
        if (typeof input[key] !== 'string' || input[key].length === 0) {
          throw new LocalIamConfigError(`${key} is required`);
        }
      }
      if (input.authType !== 'authenticated' && input.authType !== 'unauthenticated') {
        throw new LocalIamConfigError(`authType must be 'authenticated' or 'unauthenticated', got '${String(input.authType)}'`);
      }
      const principal: IdentityPrincipal = {
        kind: 'identity',
        ...assumed(input.role, COGNITO_SESSION_NAME),
        cognitoIdentityId: input.identityId,
        cognitoIdentityPoolId: input.identityPoolId,
        cognitoIdentityAuthType: input.authType,
        cognitoIdentityAuthProvider: normalizeAuthProvider(input.authProvider),
      };
      return mint(principal, input.durationSeconds ?? defaultDuration);
    },
    lookup(accessKeyId) {
      return records.get(accessKeyId);
    },
    revoke(accessKeyId) {
      return records.delete(accessKeyId);
    },
  };
}
