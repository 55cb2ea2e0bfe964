import { isIP } from 'node:net';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * AppSync's built-in scalars and directives as SDL, prepended to the deployed schema (AppSync
 * provides them itself, so the deployed definition never declares them).
 */
export const APPSYNC_BUILTINS_SDL = `
scalar AWSDate
scalar AWSTime
scalar AWSDateTime
scalar AWSTimestamp
scalar AWSEmail
scalar AWSJSON
scalar AWSURL
scalar AWSPhone
scalar AWSIPAddress
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
directive @aws_iam on OBJECT | FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION
directive @aws_api_key on OBJECT | FIELD_DEFINITION
directive @aws_oidc on OBJECT | FIELD_DEFINITION
directive @aws_lambda on OBJECT | FIELD_DEFINITION
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
`;

const OFFSET = '(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)';
const DATE = '(\\d{4})-(\\d{2})-(\\d{2})';
const TIME = '(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?';
const DATE_RE = new RegExp(`^${DATE}${OFFSET}?$`);
const TIME_RE = new RegExp(`^${TIME}${OFFSET}?$`);
const DATETIME_RE = new RegExp(`^${DATE}T${TIME}${OFFSET}$`);
// AppSync's email check is permissive (RFC 822 addr-spec shape): one @, no whitespace, a dotless domain allowed.
const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;
const PHONE_RE = /^\+?[\d\s\-().]+$/;
const URL_SCHEME_RE = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

function validDate(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  return day <= days;
}

function validTime(h: string, min: string, s: string | undefined): boolean {
  return Number(h) <= 23 && Number(min) <= 59 && (s === undefined || Number(s) <= 59);
}

const validators: Record<string, (value: string) => boolean> = {
  AWSDate: (v) => {
    const m = DATE_RE.exec(v);
    return !!m && validDate(m[1]!, m[2]!, m[3]!);
  },
  AWSTime: (v) => {
    const m = TIME_RE.exec(v);
    return !!m && validTime(m[1]!, m[2]!, m[3]);
  },
  AWSDateTime: (v) => {
    const m = DATETIME_RE.exec(v);
    return !!m && validDate(m[1]!, m[2]!, m[3]!) && validTime(m[4]!, m[5]!, m[6]);
  },
  AWSEmail: (v) => EMAIL_RE.test(v),
  AWSURL: (v) => {
    if (!URL_SCHEME_RE.test(v)) return false;
    try {
      new URL(v);
      return true;
    } catch {
      return false;
    }
  },
  AWSPhone: (v) => PHONE_RE.test(v) && /\d{3,}/.test(v.replace(/[\s\-().+]/g, '')),
  AWSIPAddress: (v) => {
    const [address, prefix, ...rest] = v.split('/');
    if (rest.length > 0 || address === undefined) return false;
    const family = isIP(address);
    if (family === 0) return false;
    if (prefix === undefined) return true;
    const bits = Number(prefix);
    return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
  },
};

function stringScalar(name: string, description: string): GraphQLScalarType {
  const valid = validators[name]!;
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`Invalid ${name} value: ${JSON.stringify(value)}`);
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: check,
    parseValue: check,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} literal must be a string`, { nodes: ast });
      return check(ast.value);
    },
  });
}

const AWSTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  description: 'Seconds since the epoch (an integer, beyond 32 bits).',
  serialize: (value) => {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
    throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)}`);
  },
  parseValue: (value) => {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)}`);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw new GraphQLError('AWSTimestamp literal must be an integer', { nodes: ast });
    return Number(ast.value);
  },
});

function literalToJs(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalToJs);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJs(f.value)]));
    default:
      throw new GraphQLError('Variables are not allowed inside an AWSJSON literal', { nodes: ast });
  }
}

function parseJsonString(value: unknown): unknown {
  if (typeof value !== 'string') throw new GraphQLError(`Invalid AWSJSON value: expected a JSON string, got ${typeof value}`);
  try {
    return JSON.parse(value);
  } catch (cause) {
    throw new GraphQLError(`Invalid AWSJSON value: ${(cause as Error).message}`);
  }
}

// AppSync hands resolvers the parsed JSON of an AWSJSON argument and serializes a resolver's
// object result back to a JSON string.
const AWSJSON = new GraphQLScalarType({
  name: 'AWSJSON',
  description: 'A JSON string; resolvers see the parsed value.',
  serialize: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  parseValue: parseJsonString,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseJsonString(ast.value) : literalToJs(ast)),
});

/**
 * AppSync's scalars, validating inputs and outputs as AppSync does.
 *
 * @example
 * ```ts
 * const schema = buildSchema(APPSYNC_BUILTINS_SDL + sdl);
 * attachScalars(schema);
 * ```
 */
export const appSyncScalars: readonly GraphQLScalarType[] = [
  stringScalar('AWSDate', 'An extended ISO 8601 date, YYYY-MM-DD, with an optional offset.'),
  stringScalar('AWSTime', 'An extended ISO 8601 time, hh:mm[:ss[.sss]], with an optional offset.'),
  stringScalar('AWSDateTime', 'An extended ISO 8601 date-time, YYYY-MM-DDThh:mm[:ss[.sss]] with a required offset.'),
  AWSTimestamp,
  stringScalar('AWSEmail', 'An email address (local-part@domain).'),
  AWSJSON,
  stringScalar('AWSURL', 'A URL with a scheme.'),
  stringScalar('AWSPhone', 'A phone number: digits with optional +, spaces, hyphens and parentheses.'),
  stringScalar('AWSIPAddress', 'An IPv4 or IPv6 address, optionally with a CIDR prefix.'),
];
