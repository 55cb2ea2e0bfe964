import * as z from 'zod/mini';
import { ConfigError } from './errors';
import { toProblem } from './validation';

/** The environment as Lambda exposes it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** An absolute http(s) URL: the AppSync GraphQL endpoint, or a local one in tests. */
export const GraphqlUrlSchema = z.string().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'expected an absolute http(s) URL'),
);

/**
 * Reads and validates environment variables with a `zod/mini` object schema (one key per variable),
 * or throws one {@link ConfigError} naming every missing or invalid variable.
 *
 * @example
 * ```ts
 * const config = readConfig(z.object({ MAX_LABELS: z.coerce.number() }));
 * ```
 */
export function readConfig<S extends z.ZodMiniObject>(schema: S, env: Environment = process.env): z.output<S> {
  const values: Record<string, string | undefined> = {};
  for (const name of Object.keys(schema.def.shape)) {
    // An empty variable is as good as a missing one: no silent `""` configuration.
    const value = env[name];
    values[name] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = z.safeParse(schema, values);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => toProblem(issue, values));
  const variables = [...new Set(problems.map((p) => p.path))];
  throw new ConfigError(
    `Invalid configuration: ${problems
      .map((p) => `${p.path} ${values[p.path] === undefined ? 'is not set' : `is invalid (${p.message})`}`)
      .join('; ')}`,
    variables,
  );
}

/** Configuration of every function that calls AppSync. */
export interface GraphqlConfig {
  /** `GRAPHQL_URL`: the AppSync GraphQL endpoint. */
  readonly graphqlUrl: string;
}

/**
 * Reads `GRAPHQL_URL` (set by infra on every function that calls AppSync), or throws a {@link ConfigError}.
 *
 * @example
 * ```ts
 * export const config = readGraphqlConfig(); // in src/config.ts, once per cold start
 * ```
 */
export function readGraphqlConfig(env: Environment = process.env): GraphqlConfig {
  return { graphqlUrl: readConfig(z.object({ GRAPHQL_URL: GraphqlUrlSchema }), env).GRAPHQL_URL };
}
