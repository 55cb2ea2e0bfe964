import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { ListenArgs } from '../src/args';
import { resolveConnection } from '../src/connection-config';
import { LocalStackFileError, LocalStackNotRunningError, UsageError } from '../src/errors';
import { findLocalStackFile } from '../src/local-stack';

const ARGS: ListenArgs = { kinds: [], json: false, userUpdates: false, local: false, history: false };
const NOW = Date.parse('2026-11-27T14:00:00Z');

const STACK = {
  pid: process.pid,
  region: 'us-east-1',
  accountId: '000000000000',
  apiId: 'localapi',
  // Set to a server that answers in beforeAll: the CLI checks the stack is up before using the file.
  graphqlUrl: 'http://127.0.0.1:20002/graphql',
  realtimeUrl: 'ws://127.0.0.1:20002/graphql/realtime',
  cognito: {
    userPoolId: 'local_pool',
    userPoolClientId: 'local-client',
    identityPoolId: 'us-east-1:local-identity-pool',
    userPoolEndpoint: 'http://127.0.0.1:9229',
    identityPoolEndpoint: 'http://127.0.0.1:9230',
  },
  credentials: {
    authRole: {
      roleArn: 'arn:aws:iam::000000000000:role/authRole',
      accessKeyId: 'ASIALOCALAUTH',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: '2026-11-27T15:00:00.000Z',
      identityId: 'us-east-1:identity-1',
    },
    'image-tagger': { roleArn: 'r', accessKeyId: 'ASIA2', secretAccessKey: 's', sessionToken: 't', expiration: '2026-11-27T15:00:00.000Z' },
  },
};

/** A port nothing listens on (a server's, closed again). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** A process id that was just in use and no longer is. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((done) => child.on('exit', done));
  return child.pid as number;
}

describe('Function: resolveConnection', () => {
  let dir: string;
  let file: string;
  let appsync: Server;

  beforeAll(async () => {
    // Answers as AppSync does to a GET without a query: the CLI only needs an answer.
    appsync = createServer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[]}'));
    await new Promise<void>((done) => appsync.listen(0, '127.0.0.1', done));
    STACK.graphqlUrl = `http://127.0.0.1:${(appsync.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await new Promise<void>((done) => appsync.close(() => done()));
  });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'notifier-cli-'));
    mkdirSync(path.join(dir, '.notifier'));
    writeFileSync(path.join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
    file = path.join(dir, '.notifier', 'local-stack.json');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the local stack file at the repository root from a nested directory', () => {
    // Prepare
    const nested = path.join(dir, 'apps', 'cli');
    mkdirSync(nested, { recursive: true });

    // Act
    const found = findLocalStackFile(nested);

    // Assess
    expect(found).toBe(file);
  });

  it("uses the local stack's endpoint and its signed-in test user's credentials with --local", async () => {
    // Prepare
    writeFileSync(file, JSON.stringify(structuredClone(STACK)));

    // Act
    const config = await resolveConnection({ ...ARGS, local: true }, {}, { cwd: dir, now: () => NOW });
    const credentials = await (config.credentials as () => Promise<AwsCredentialIdentity>)();

    // Assess
    expect(config).toMatchObject({ graphqlUrl: STACK.graphqlUrl, realtimeUrl: STACK.realtimeUrl, region: 'us-east-1' });
    expect(credentials).toMatchObject({ accessKeyId: 'ASIALOCALAUTH', secretAccessKey: 'secret', sessionToken: 'token' });
    expect(credentials.expiration).toEqual(new Date('2026-11-27T15:00:00.000Z'));
    expect(config.who).toContain('us-east-1:identity-1');
  });

  it('re-reads the local stack file for fresh credentials and refuses expired ones', async () => {
    // Prepare
    writeFileSync(file, JSON.stringify(structuredClone(STACK)));
    const config = await resolveConnection({ ...ARGS, local: true }, {}, { cwd: dir, now: () => NOW });
    const provider = config.credentials as () => Promise<AwsCredentialIdentity>;
    await provider();
    const rotated = structuredClone(STACK);
    rotated.credentials.authRole.accessKeyId = 'ASIAROTATED';
    writeFileSync(file, JSON.stringify(rotated));

    // Act
    const second = await provider();
    rotated.credentials.authRole.expiration = '2026-11-27T13:00:00.000Z';
    writeFileSync(file, JSON.stringify(rotated));

    // Assess
    expect(second.accessKeyId).toBe('ASIAROTATED');
    await expect(provider()).rejects.toThrow(/expired at 2026-11-27T13:00:00.000Z/);
  });

  it('signs in with the local stack ids and endpoints when a user name is given', async () => {
    // Prepare
    writeFileSync(file, JSON.stringify(structuredClone(STACK)));
    const credentials = async (): Promise<AwsCredentialIdentity> => ({ accessKeyId: 'ASIAUSER', secretAccessKey: 's' });
    const signIn = jest.fn(async () => ({ identityId: 'us-east-1:ada', credentials }));

    // Act
    const config = await resolveConnection({ ...ARGS, local: true, username: 'ada', password: 'pw' }, {}, { cwd: dir, signIn });

    // Assess
    expect(signIn).toHaveBeenCalledWith(
      expect.objectContaining({
        region: 'us-east-1',
        userPoolId: 'local_pool',
        clientId: 'local-client',
        identityPoolId: 'us-east-1:local-identity-pool',
        username: 'ada',
        password: 'pw',
        userPoolEndpoint: 'http://127.0.0.1:9229',
        identityPoolEndpoint: 'http://127.0.0.1:9230',
      }),
    );
    expect(config.credentials).toBe(credentials);
    expect(config.who).toBe('ada (identity us-east-1:ada)');
  });

  it('names everything a sign-in still needs', async () => {
    // Act and Assess
    await expect(
      resolveConnection({ ...ARGS, graphqlUrl: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql', username: 'ada' }, {}),
    ).rejects.toThrow('Signing in as ada needs --user-pool-id, --client-id, --identity-pool-id, a password (NOTIFIER_PASSWORD, or --password)');
  });

  it('takes credentials from the environment without a user name', async () => {
    // Act
    const config = await resolveConnection({ ...ARGS, graphqlUrl: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql' }, {
      AWS_ACCESS_KEY_ID: 'ASIAENVKEY0001',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
    });

    // Assess
    expect(config.region).toBe('eu-west-1');
    expect(config.credentials).toEqual({ accessKeyId: 'ASIAENVKEY0001', secretAccessKey: 'secret', sessionToken: 'token', expiration: undefined });
  });

  it.each<[string, () => void, RegExp, new (...args: never[]) => Error]>([
    ['a missing file', () => undefined, /does not exist: start the local stack with `pnpm dev`/, LocalStackFileError],
    ['a file that is not JSON', () => writeFileSync(file, '{'), /is not valid JSON/, LocalStackFileError],
    ['a file without graphqlUrl', () => writeFileSync(file, JSON.stringify({ region: 'us-east-1' })), /graphqlUrl/, LocalStackFileError],
  ])('refuses %s', async (_name, prepare, message, type) => {
    // Prepare
    prepare();

    // Act and Assess
    await expect(resolveConnection({ ...ARGS, local: true }, {}, { cwd: dir })).rejects.toThrow(type);
    await expect(resolveConnection({ ...ARGS, local: true }, {}, { cwd: dir })).rejects.toThrow(message);
  });

  it('refuses a local stack file whose writing process is gone, naming the file', async () => {
    // Prepare
    writeFileSync(file, JSON.stringify({ ...structuredClone(STACK), pid: await deadPid() }));

    // Act
    const resolving = resolveConnection({ ...ARGS, local: true }, {}, { cwd: dir, now: () => NOW });

    // Assess
    await expect(resolving).rejects.toThrow(LocalStackNotRunningError);
    await expect(resolving).rejects.toThrow(`the local stack in ${file} is not running; start it with \`pnpm dev\``);
  });

  it('refuses a local stack file whose endpoint refuses connections', async () => {
    // Prepare
    const graphqlUrl = `http://127.0.0.1:${await closedPort()}/graphql`;
    const { pid: _pid, ...withoutPid } = structuredClone(STACK);
    writeFileSync(file, JSON.stringify({ ...withoutPid, graphqlUrl }));

    // Act
    const resolving = resolveConnection({ ...ARGS, local: true }, {}, { cwd: dir, now: () => NOW });

    // Assess
    await expect(resolving).rejects.toThrow(`the local stack in ${file} is not running; start it with \`pnpm dev\` (nothing listens at ${graphqlUrl})`);
  });

  it('ignores a pid that is not a process id and connects to an endpoint that answers', async () => {
    // Prepare
    writeFileSync(file, JSON.stringify({ ...structuredClone(STACK), pid: 'not a pid' }));

    // Act
    const config = await resolveConnection({ ...ARGS, local: true }, {}, { cwd: dir, now: () => NOW });

    // Assess
    expect(config.graphqlUrl).toBe(STACK.graphqlUrl);
  });

  it('refuses to run without endpoint, region or credentials', async () => {
    // Act and Assess
    await expect(resolveConnection(ARGS, {})).rejects.toThrow(/No endpoint/);
    await expect(resolveConnection({ ...ARGS, graphqlUrl: 'http://127.0.0.1:1/graphql' }, {})).rejects.toThrow(/--region \(or AWS_REGION\) is required/);
    await expect(resolveConnection({ ...ARGS, graphqlUrl: 'http://127.0.0.1:1/graphql', region: 'eu-west-1' }, {})).rejects.toThrow(UsageError);
  });
});
