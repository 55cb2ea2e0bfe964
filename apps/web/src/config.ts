import { WebConfigError } from './errors';

/** What the page needs to know of the deployment; served next to the page as `notifier-config.json`. */
export interface WebConfig {
  region: string;
  graphqlUrl: string;
  /** @default derived from `graphqlUrl` as AppSync does */
  realtimeUrl?: string;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  uploadsBucket: string;
  /** Local endpoints (the local stack); absent against AWS. */
  cognitoEndpoint?: string;
  identityPoolEndpoint?: string;
  s3Endpoint?: string;
}

const REQUIRED = ['region', 'graphqlUrl', 'userPoolId', 'userPoolClientId', 'identityPoolId', 'uploadsBucket'] as const;
const OPTIONAL = ['realtimeUrl', 'cognitoEndpoint', 'identityPoolEndpoint', 's3Endpoint'] as const;

/**
 * Validates the page configuration, naming every missing or malformed field.
 *
 * @example
 * const config = parseWebConfig(await (await fetch('notifier-config.json')).json());
 */
export function parseWebConfig(input: unknown): WebConfig {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new WebConfigError('notifier-config.json must be a JSON object');
  }
  const record = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of REQUIRED) {
    if (typeof record[field] !== 'string' || record[field] === '') problems.push(`${field}: required string`);
  }
  for (const field of OPTIONAL) {
    if (record[field] !== undefined && typeof record[field] !== 'string') problems.push(`${field}: must be a string`);
  }
  for (const field of ['graphqlUrl', 'realtimeUrl', 'cognitoEndpoint', 'identityPoolEndpoint', 's3Endpoint'] as const) {
    const value = record[field];
    if (typeof value === 'string' && !/^(https?|wss?):\/\/\S+$/.test(value)) problems.push(`${field}: not a URL`);
  }
  if (problems.length > 0) throw new WebConfigError(`notifier-config.json is invalid: ${problems.join('; ')}`);
  const config = {} as Record<string, string>;
  for (const field of [...REQUIRED, ...OPTIONAL]) if (typeof record[field] === 'string') config[field] = record[field] as string;
  return config as unknown as WebConfig;
}
