import { NotifierConfigError } from './errors';

// AppSync's own domain: https://<26 chars>.appsync-api.<region>.amazonaws.com[.cn]/graphql.
const APPSYNC_DOMAIN = /^https:\/\/\w{26}\.appsync-api\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?\/graphql$/i;

/**
 * Derives the real-time endpoint from the GraphQL endpoint the way AppSync clients do.
 *
 * AppSync's own domain maps `appsync-api` to `appsync-realtime-api`; any other endpoint (custom
 * domain, local server) serves real time at `<graphqlUrl>/realtime`. The scheme becomes `wss:` for
 * `https:` and `ws:` for plain `http:` (a local listener without TLS).
 *
 * @example
 * ```ts
 * realtimeUrlFor('https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql');
 * // 'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com/graphql'
 * realtimeUrlFor('http://127.0.0.1:4000/graphql'); // 'ws://127.0.0.1:4000/graphql/realtime'
 * ```
 */
export function realtimeUrlFor(graphqlUrl: string): string {
  const url = parseHttpUrl(graphqlUrl, 'graphqlUrl');
  if (APPSYNC_DOMAIN.test(graphqlUrl)) {
    url.hostname = url.hostname.replace('.appsync-api.', '.appsync-realtime-api.');
  } else {
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/realtime`;
  }
  const scheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${url.host}${url.pathname}${url.search}`;
}

/**
 * The signing region of an AppSync-domain endpoint, or undefined for custom and local endpoints.
 *
 * @example
 * ```ts
 * regionFromGraphqlUrl('https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql'); // 'eu-west-1'
 * ```
 */
export function regionFromGraphqlUrl(graphqlUrl: string): string | undefined {
  return APPSYNC_DOMAIN.exec(graphqlUrl)?.[1]?.toLowerCase();
}

/** Parses an http(s) URL or throws a config error naming the option. */
export function parseHttpUrl(value: string, option: string): URL {
  return parseUrl(value, option, 'http');
}

/** Parses a ws(s) URL or throws a config error naming the option. */
export function parseWsUrl(value: string, option: string): URL {
  return parseUrl(value, option, 'ws');
}

const SCHEMES = {
  http: { protocols: ['https:', 'http:'], name: 'an http(s) URL' },
  ws: { protocols: ['wss:', 'ws:'], name: 'a ws(s) URL' },
} as const;

function parseUrl(value: string, option: string, scheme: keyof typeof SCHEMES): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (err) {
    throw new NotifierConfigError(`${option} is not a valid URL: ${JSON.stringify(value)}`, { cause: err });
  }
  const { protocols, name } = SCHEMES[scheme];
  if (!(protocols as readonly string[]).includes(url.protocol)) {
    throw new NotifierConfigError(`${option} must be ${name}, got ${JSON.stringify(value)}`);
  }
  return url;
}
