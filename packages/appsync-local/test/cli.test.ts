import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { synthesizedAssemblyDir } from '../testing';
import { signedGraphQL } from './helpers/signing';

describe('CLI: appsync-local', () => {
  it('prints endpoints and minted credentials, mints more on request and stops on quit', async () => {
    // Prepare
    const child = spawn(process.execPath, [path.join(__dirname, '../bin/appsync-local.cjs'), '--assembly', synthesizedAssemblyDir(), '--no-tls', '--mint', 'post-auth'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const lines = createInterface({ input: child.stdout });
    const outputs: string[] = [];
    let block = '';
    const next = () =>
      new Promise<string>((resolve) => {
        const onLine = (line: string) => {
          block += `${line}\n`;
          try {
            JSON.parse(block);
          } catch {
            return;
          }
          lines.off('line', onLine);
          outputs.push(block);
          const done = block;
          block = '';
          resolve(done);
        };
        lines.on('line', onLine);
      });

    // Act
    const started = JSON.parse(await next()) as {
      graphqlUrl: string;
      region: string;
      tlsGraphqlUrl?: string;
      credentials: { role: string; accessKeyId: string; secretAccessKey: string; sessionToken: string }[];
    };
    const pending = next();
    child.stdin.write('mint image-tagger\n');
    const minted = JSON.parse(await pending) as { role: string; roleArn: string };
    const call = await signedGraphQL(started.graphqlUrl, started.credentials[0]!, started.region, {
      query: 'mutation { addUser(userId: "cli-user", userDetails: { displayName: "C" }) { id displayName } }',
    });
    child.stdin.write('quit\n');
    const code = await exited;

    // Assess
    expect(started.graphqlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(started.tlsGraphqlUrl).toBeUndefined();
    expect(started.credentials[0]!.role).toBe('post-auth');
    expect(minted.role).toBe('image-tagger');
    expect(minted.roleArn).toMatch(/^arn:aws:iam::000000000000:role\//);
    expect(call).toEqual({ status: 200, body: { data: { addUser: { id: 'cli-user', displayName: 'C' } } } });
    expect(code).toBe(0);
  });
});
