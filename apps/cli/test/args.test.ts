import { parseCommand, type ListenArgs } from '../src/args';
import { UsageError } from '../src/errors';

const listenArgs = (argv: string[], env: Record<string, string> = {}): ListenArgs => {
  const command = parseCommand(['listen', ...argv], env);
  if (command.command !== 'listen') throw new Error('expected listen');
  return command.args;
};

describe('Function: parseCommand', () => {
  it('collects repeated --kind flags once each, with JSON output', () => {
    // Act
    const args = listenArgs(['--kind', 'IMAGE_TAGGED', '--kind', 'MODEL_READY', '--kind', 'IMAGE_TAGGED', '--json']);

    // Assess
    expect(args.kinds).toEqual(['IMAGE_TAGGED', 'MODEL_READY']);
    expect(args.json).toBe(true);
    expect(args.history).toBe(false);
  });

  it('defaults to every kind, pretty output and no sign-in', () => {
    // Act
    const args = listenArgs([]);

    // Assess
    expect(args).toMatchObject({ kinds: [], json: false, userUpdates: false, local: false });
    expect(args.username).toBeUndefined();
  });

  it('takes endpoint, ids and the password from the environment when flags are absent', () => {
    // Prepare
    const env = {
      NOTIFIER_GRAPHQL_URL: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
      AWS_REGION: 'eu-west-1',
      NOTIFIER_USER_POOL_ID: 'eu-west-1_abc',
      NOTIFIER_CLIENT_ID: 'client',
      NOTIFIER_IDENTITY_POOL_ID: 'eu-west-1:pool',
      NOTIFIER_USERNAME: 'ada',
      NOTIFIER_PASSWORD: 'correct horse',
    };

    // Act
    const args = listenArgs(['--region', 'us-east-1'], env);

    // Assess
    expect(args).toMatchObject({
      graphqlUrl: env.NOTIFIER_GRAPHQL_URL,
      region: 'us-east-1',
      userPoolId: 'eu-west-1_abc',
      clientId: 'client',
      identityPoolId: 'eu-west-1:pool',
      username: 'ada',
      password: 'correct horse',
    });
  });

  it('lets the local stack file, not ambient variables, describe the endpoint with --local', () => {
    // Act
    const args = listenArgs(['--local'], { NOTIFIER_GRAPHQL_URL: 'https://elsewhere.example.com/graphql', AWS_REGION: 'eu-west-1', NOTIFIER_USERNAME: 'ada', NOTIFIER_PASSWORD: 'pw' });

    // Assess
    expect(args.local).toBe(true);
    expect(args.graphqlUrl).toBeUndefined();
    expect(args.region).toBeUndefined();
    expect(args.username).toBe('ada');
  });

  it('treats --local-stack-file as --local', () => {
    // Act
    const args = listenArgs(['--local-stack-file', '/tmp/stack.json']);

    // Assess
    expect(args).toMatchObject({ local: true, localStackFile: '/tmp/stack.json' });
  });

  it.each<[string, string[], Record<string, string>, RegExp]>([
    ['an unknown flag', ['--knd', 'IMAGE_TAGGED'], {}, /Unknown option '--knd'.*--help/],
    ['a flag without its value', ['--kind'], {}, /argument missing/],
    ['a positional argument', ['IMAGE_TAGGED'], {}, /Unexpected argument/],
    ['a kind that is not UPPER_SNAKE_CASE', ['--kind', 'image-tagged'], {}, /--kind "image-tagged" is not a notification kind/],
    ['a GraphQL URL that is not a URL', ['--graphql-url', 'localhost:4000'], {}, /--graphql-url must be a http\/https URL|--graphql-url is not a URL/],
    ['a ws URL as GraphQL URL', ['--graphql-url', 'ws://127.0.0.1/graphql'], {}, /--graphql-url must be a http\/https URL/],
    ['an http URL as real-time URL', ['--realtime-url', 'http://127.0.0.1/graphql/realtime'], {}, /--realtime-url must be a ws\/wss URL/],
    ['an empty region', ['--region', ''], {}, /--region \(or AWS_REGION\) is empty/],
    ['--after with --history', ['--after', 'c1', '--history'], {}, /contradict/],
    ['a password without a user name', ['--password', 'pw'], {}, /without --username/],
  ])('refuses %s with a usage error', (_name, argv, env, message) => {
    // Act and Assess
    expect(() => listenArgs(argv, env)).toThrow(UsageError);
    expect(() => listenArgs(argv, env)).toThrow(message);
  });

  it('refuses an unknown command and shows help for --help', () => {
    // Act and Assess
    expect(() => parseCommand(['watch'], {})).toThrow(/Unknown command "watch"/);
    expect(parseCommand([], {})).toEqual({ command: 'help' });
    expect(parseCommand(['listen', '--help'], {})).toEqual({ command: 'help' });
    expect(new UsageError('x').exitCode).toBe(2);
  });
});
