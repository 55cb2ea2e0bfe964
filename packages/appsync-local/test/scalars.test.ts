import { readFileSync } from 'node:fs';
import { appsyncDeclarationsPath } from '@notifier/schema/paths';
import { graphql, parse, print } from 'graphql';
import { APPSYNC_BUILTINS_SDL, buildAppSyncSchema } from '../src';

const SDL = `
type Query {
  echo(date: AWSDate, time: AWSTime, dateTime: AWSDateTime, timestamp: AWSTimestamp, email: AWSEmail, json: AWSJSON, url: AWSURL, phone: AWSPhone, ip: AWSIPAddress): AWSJSON
}`;

describe('Function: buildAppSyncSchema (scalars)', () => {
  const { schema } = buildAppSyncSchema(SDL);
  const run = (arg: string, value: unknown) =>
    graphql({
      schema,
      source: `query($v: ${argType(arg)}) { echo(${arg}: $v) }`,
      variableValues: { v: value },
      rootValue: { echo: (args: Record<string, unknown>) => args },
    });
  const argType = (arg: string) =>
    ({ date: 'AWSDate', time: 'AWSTime', dateTime: 'AWSDateTime', timestamp: 'AWSTimestamp', email: 'AWSEmail', json: 'AWSJSON', url: 'AWSURL', phone: 'AWSPhone', ip: 'AWSIPAddress' })[arg]!;

  it.each([
    ['date', '2026-02-28'],
    ['date', '2026-02-28Z'],
    ['date', '2026-02-28+05:30'],
    ['time', '12:30'],
    ['time', '12:30:15.123Z'],
    ['dateTime', '2026-01-01T00:00:00Z'],
    ['dateTime', '2026-01-01T00:00:00.123456789-07:00'],
    ['dateTime', '2026-01-01T12:30+01:00'],
    ['timestamp', 1767225600],
    ['email', 'someone@example.com'],
    ['url', 'https://example.com/a?b=c'],
    ['url', 'mailto:someone@example.com'],
    ['phone', '+1 (555) 123-4567'],
    ['ip', '127.0.0.1'],
    ['ip', '10.0.0.0/8'],
    ['ip', '::1'],
  ])('accepts %s %j', async (arg, value) => {
    // Act
    const result = await run(arg, value);

    // Assess
    expect(result.errors).toBeUndefined();
    expect(JSON.parse(result.data!.echo as string)).toEqual({ [arg]: value });
  });

  it.each([
    ['date', '2026-02-30'],
    ['date', '26-02-01'],
    ['time', '25:00'],
    ['dateTime', '2026-01-01T00:00:00'],
    ['dateTime', '2026-13-01T00:00:00Z'],
    ['timestamp', 1.5],
    ['timestamp', '1767225600'],
    ['email', 'not-an-email'],
    ['url', 'example.com/no-scheme'],
    ['phone', 'call me'],
    ['ip', '300.1.1.1'],
    ['ip', '10.0.0.0/33'],
    ['json', '{not json'],
  ])('rejects %s %j', async (arg, value) => {
    // Act
    const result = await run(arg, value);

    // Assess
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toContain(argType(arg));
  });

  it('hands resolvers the parsed value of an AWSJSON argument and serializes an object result', async () => {
    // Act
    const result = await run('json', '{"a":[1,2]}');

    // Assess
    expect(JSON.parse(result.data!.echo as string)).toEqual({ json: { a: [1, 2] } });
  });

  it('reads @aws_subscribe into a mutation -> subscriptions map', () => {
    // Prepare
    const sdl = `type Query { q: Int } type Mutation { a: Int b: Int }
      type Subscription { onA: Int @aws_subscribe(mutations: ["a"]) onAny: Int @aws_subscribe(mutations: ["a", "b"]) }`;

    // Act
    const { triggers } = buildAppSyncSchema(sdl);

    // Assess
    expect(Object.fromEntries(triggers)).toEqual({ a: ['onA', 'onAny'], b: ['onAny'] });
  });

  it('refuses @aws_subscribe naming a mutation the schema does not have', () => {
    // Act / Assess
    expect(() => buildAppSyncSchema('type Query { q: Int } type Mutation { a: Int } type Subscription { s: Int @aws_subscribe(mutations: ["zz"]) }')).toThrow(
      'names unknown mutation zz',
    );
  });
});

describe('Constant: APPSYNC_BUILTINS_SDL', () => {
  it('declares the same scalars and directives as the schema package declares for its tooling', () => {
    // Prepare: the server serves any template, so it keeps its own copy; the schema's codegen reads the other.
    const definitions = (sdl: string): string[] => parse(sdl).definitions.map((definition) => print(definition)).sort();

    // Act
    const served = definitions(APPSYNC_BUILTINS_SDL);
    const tooling = definitions(readFileSync(appsyncDeclarationsPath, 'utf8'));

    // Assess
    expect(served).toEqual(tooling);
    expect(served.length).toBeGreaterThan(9);
  });
});
