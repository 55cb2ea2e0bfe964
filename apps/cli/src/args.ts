import { parseArgs } from 'node:util';
import { UsageError } from './errors';

/** Environment variables the CLI reads. */
export type Environment = Record<string, string | undefined>;

/** Everything `notifier listen` was asked to do, from flags and environment. */
export interface ListenArgs {
  /** Only these kinds (empty: every kind, unknown ones included). */
  kinds: string[];
  /** JSON lines instead of pretty output. */
  json: boolean;
  /** Also print public profile updates. */
  userUpdates: boolean;
  /** Read endpoints, ids and credentials from `.notifier/local-stack.json`. */
  local: boolean;
  /** Explicit path of the local stack file. */
  localStackFile?: string;
  graphqlUrl?: string;
  realtimeUrl?: string;
  region?: string;
  userPoolId?: string;
  clientId?: string;
  identityPoolId?: string;
  cognitoIdpEndpoint?: string;
  cognitoIdentityEndpoint?: string;
  username?: string;
  password?: string;
  /** Resume after this cursor (printed when the CLI stops). */
  after?: string;
  /** Start with every retained notification. */
  history: boolean;
}

/** What the command line asked for. */
export type Command = { command: 'help' } | { command: 'listen'; args: ListenArgs };

export const USAGE = `Usage: notifier listen [options]

Prints notifications as they arrive, until Ctrl-C.

Output
  --json                       one JSON object per line (for scripts) instead of pretty text
  --kind <KIND>                only this kind; repeat for more (default: every kind)
  --user-updates               also print public profile updates

Endpoint
  --local                      use the local stack (.notifier/local-stack.json, written by \`pnpm dev\`)
  --local-stack-file <path>    the local stack file to read (implies --local)
  --graphql-url <url>          AppSync GraphQL endpoint            (env NOTIFIER_GRAPHQL_URL)
  --realtime-url <url>         real-time endpoint (default: derived from --graphql-url)
  --region <region>            AWS region                          (env AWS_REGION)

Sign in (Cognito user pool + identity pool)
  --username <name>            user-pool user name                 (env NOTIFIER_USERNAME)
  --password <password>        prefer env NOTIFIER_PASSWORD: flags show up in process lists
  --user-pool-id <id>          (env NOTIFIER_USER_POOL_ID)
  --client-id <id>             user-pool app client id             (env NOTIFIER_CLIENT_ID)
  --identity-pool-id <id>      (env NOTIFIER_IDENTITY_POOL_ID)
  --cognito-idp-endpoint <url>       user-pool endpoint override
  --cognito-identity-endpoint <url>  identity-pool endpoint override

Without --username, credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
AWS_SESSION_TOKEN (or, with --local, the local stack's signed-in test user).

Position
  --after <cursor>             deliver what came after this cursor first (printed on exit)
  --history                    start with every retained notification

  -h, --help                   show this help
`;

const KIND = /^[A-Z][A-Z0-9_]*$/;

/**
 * Parses `notifier` arguments (flags first, environment as fallback) with `node:util` parseArgs.
 *
 * @example
 * ```ts
 * parseCommand(['listen', '--kind', 'MODEL_READY', '--json'], process.env);
 * // { command: 'listen', args: { kinds: ['MODEL_READY'], json: true, ... } }
 * ```
 */
export function parseCommand(argv: readonly string[], env: Environment): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command !== 'listen') {
    throw new UsageError(`Unknown command ${JSON.stringify(command)}: the only command is \`listen\``);
  }
  return parseListenArgs(rest, env);
}

/**
 * Parses the options of `notifier listen`.
 *
 * @example
 * ```ts
 * parseListenArgs(['--local', '--kind', 'IMAGE_TAGGED'], {});
 * ```
 */
export function parseListenArgs(argv: readonly string[], env: Environment): Command {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        kind: { type: 'string', multiple: true },
        'user-updates': { type: 'boolean' },
        local: { type: 'boolean' },
        'local-stack-file': { type: 'string' },
        'graphql-url': { type: 'string' },
        'realtime-url': { type: 'string' },
        region: { type: 'string' },
        'user-pool-id': { type: 'string' },
        'client-id': { type: 'string' },
        'identity-pool-id': { type: 'string' },
        'cognito-idp-endpoint': { type: 'string' },
        'cognito-identity-endpoint': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        after: { type: 'string' },
        history: { type: 'boolean' },
      },
    }));
  } catch (err) {
    // parseArgs' messages name the flag ("Unknown option '--knd'"); keep them, add the way out.
    throw new UsageError(`${(err as Error).message}. Run \`notifier listen --help\` for the options.`, { cause: err });
  }
  if (values.help) return { command: 'help' };

  const kinds = (values.kind as string[] | undefined) ?? [];
  for (const kind of kinds) {
    if (!KIND.test(kind)) {
      throw new UsageError(`--kind ${JSON.stringify(kind)} is not a notification kind (UPPER_SNAKE_CASE, e.g. IMAGE_TAGGED)`);
    }
  }
  const local = values.local === true || values['local-stack-file'] !== undefined;
  // With --local the stack file describes the endpoint; ambient variables must not silently win.
  const LOCAL_FILE_FIELDS = new Set(['NOTIFIER_GRAPHQL_URL', 'AWS_REGION', 'NOTIFIER_USER_POOL_ID', 'NOTIFIER_CLIENT_ID', 'NOTIFIER_IDENTITY_POOL_ID']);
  const text = (name: string, envName?: string): string | undefined => {
    const fromEnv = envName && !(local && LOCAL_FILE_FIELDS.has(envName)) ? env[envName] : undefined;
    const value = (values[name] as string | undefined) ?? fromEnv;
    if (value !== undefined && value.trim() === '') {
      throw new UsageError(`--${name}${envName ? ` (or ${envName})` : ''} is empty`);
    }
    return value;
  };
  const url = (name: string, envName?: string, schemes = ['http:', 'https:']): string | undefined => {
    const value = text(name, envName);
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch (err) {
      throw new UsageError(`--${name} is not a URL: ${JSON.stringify(value)}`, { cause: err });
    }
    if (!schemes.includes(parsed.protocol)) {
      throw new UsageError(`--${name} must be a ${schemes.map((s) => s.slice(0, -1)).join('/')} URL, got ${JSON.stringify(value)}`);
    }
    return value;
  };

  const args: ListenArgs = {
    kinds: [...new Set(kinds)],
    json: values.json === true,
    userUpdates: values['user-updates'] === true,
    local,
    localStackFile: text('local-stack-file'),
    graphqlUrl: url('graphql-url', 'NOTIFIER_GRAPHQL_URL'),
    realtimeUrl: url('realtime-url', undefined, ['ws:', 'wss:']),
    region: text('region', 'AWS_REGION'),
    userPoolId: text('user-pool-id', 'NOTIFIER_USER_POOL_ID'),
    clientId: text('client-id', 'NOTIFIER_CLIENT_ID'),
    identityPoolId: text('identity-pool-id', 'NOTIFIER_IDENTITY_POOL_ID'),
    cognitoIdpEndpoint: url('cognito-idp-endpoint'),
    cognitoIdentityEndpoint: url('cognito-identity-endpoint'),
    username: text('username', 'NOTIFIER_USERNAME'),
    password: text('password', 'NOTIFIER_PASSWORD'),
    after: text('after'),
    history: values.history === true,
  };
  if (args.after !== undefined && args.history) {
    throw new UsageError('--after and --history contradict each other: --after resumes from a cursor, --history starts from the oldest retained notification');
  }
  if (args.password !== undefined && args.username === undefined) {
    throw new UsageError('A password was given without --username (or NOTIFIER_USERNAME)');
  }
  return { command: 'listen', args };
}
