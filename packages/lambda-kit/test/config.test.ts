import * as z from 'zod/mini';
import { ConfigError, readConfig, readGraphqlConfig } from '../src';

describe('Function: readGraphqlConfig', () => {
  it('returns the GRAPHQL_URL of the environment', () => {
    // Act
    const config = readGraphqlConfig({ GRAPHQL_URL: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql' });

    // Assess
    expect(config).toEqual({ graphqlUrl: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql' });
  });

  it.each([
    [{}, 'Invalid configuration: GRAPHQL_URL is not set'],
    [{ GRAPHQL_URL: '  ' }, 'Invalid configuration: GRAPHQL_URL is not set'],
    [{ GRAPHQL_URL: 'appsync/graphql' }, 'Invalid configuration: GRAPHQL_URL is invalid (expected an absolute http(s) URL)'],
    [{ GRAPHQL_URL: 'ftp://host/graphql' }, 'Invalid configuration: GRAPHQL_URL is invalid (expected an absolute http(s) URL)'],
  ])('throws a ConfigError naming the variable for %j', (env, message) => {
    // Act
    const run = (): unknown => readGraphqlConfig(env);

    // Assess
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
  });

  it('reads process.env by default', () => {
    // Prepare
    const saved = process.env.GRAPHQL_URL;
    process.env.GRAPHQL_URL = 'http://127.0.0.1:4000/graphql';

    // Act
    try {
      // Assess
      expect(readGraphqlConfig().graphqlUrl).toBe('http://127.0.0.1:4000/graphql');
    } finally {
      if (saved === undefined) delete process.env.GRAPHQL_URL;
      else process.env.GRAPHQL_URL = saved;
    }
  });
});

describe('Function: readConfig', () => {
  it('names every bad variable at once', () => {
    // Prepare
    const schema = z.object({ A: z.string(), B: z.string().check(z.regex(/^\d+$/)), C: z.optional(z.string()) });

    // Act
    const error = (() => {
      try {
        readConfig(schema, { B: 'x' });
      } catch (e) {
        return e as ConfigError;
      }
    })();

    // Assess
    expect(error?.variables).toEqual(['A', 'B']);
    expect(error?.message).toMatch(/^Invalid configuration: A is not set; B is invalid \(expected regex format/);
  });
});
