import {
  GraphQLObjectType,
  GraphQLScalarType,
  Kind,
  buildASTSchema,
  parse,
  type DocumentNode,
  type GraphQLSchema,
  type StringValueNode,
} from 'graphql';
import { ModelLoadError } from './errors';
import { APPSYNC_BUILTINS_SDL, appSyncScalars } from './scalars';

/** The executable schema plus what `@aws_subscribe` declares. */
export interface AppSyncSchema {
  schema: GraphQLSchema;
  /** Mutation field name -> subscription fields whose `@aws_subscribe(mutations:)` lists it. */
  triggers: Map<string, string[]>;
  /**
   * `Type.field` keys that auth directives close to AWS_IAM callers: the field (or, without field
   * directives, its type) names other authorization modes and not `@aws_iam`.
   */
  iamExcluded: Set<string>;
}

const AUTH_DIRECTIVES = new Set(['aws_iam', 'aws_api_key', 'aws_cognito_user_pools', 'aws_oidc', 'aws_lambda', 'aws_auth']);

function authModes(directives: readonly { name: { value: string } }[] | undefined): string[] | undefined {
  const modes = (directives ?? []).map((d) => d.name.value).filter((n) => AUTH_DIRECTIVES.has(n));
  return modes.length > 0 ? modes : undefined;
}

function builtinsMissingFrom(document: DocumentNode): string {
  const declared = new Set<string>();
  for (const def of document.definitions) {
    if (def.kind === Kind.SCALAR_TYPE_DEFINITION || def.kind === Kind.DIRECTIVE_DEFINITION) declared.add(def.name.value);
  }
  const builtins = parse(APPSYNC_BUILTINS_SDL);
  return builtins.definitions
    .filter((def) => 'name' in def && def.name && !declared.has(def.name.value))
    .map((def) => (def.loc ? APPSYNC_BUILTINS_SDL.slice(def.loc.start, def.loc.end) : ''))
    .join('\n');
}

/**
 * Builds the executable schema from the deployed SDL: AppSync's scalars (with AppSync's validation)
 * and directives are added, and `@aws_subscribe` is read into a mutation -> subscriptions map.
 *
 * @example
 * ```ts
 * const { schema, triggers } = buildAppSyncSchema(model.schema);
 * triggers.get('notifyModelReady'); // ['onModelReady', 'onNotification']
 * ```
 */
export function buildAppSyncSchema(sdl: string): AppSyncSchema {
  let document: DocumentNode;
  try {
    const userDocument = parse(sdl);
    document = parse(`${builtinsMissingFrom(userDocument)}\n${sdl}`);
  } catch (cause) {
    throw new ModelLoadError(`The GraphQL schema cannot be parsed: ${(cause as Error).message}`, { cause });
  }
  let schema: GraphQLSchema;
  try {
    schema = buildASTSchema(document);
  } catch (cause) {
    throw new ModelLoadError(`The GraphQL schema is invalid: ${(cause as Error).message}`, { cause });
  }
  for (const scalar of appSyncScalars) {
    const target = schema.getType(scalar.name);
    if (target instanceof GraphQLScalarType) {
      target.serialize = scalar.serialize;
      target.parseValue = scalar.parseValue;
      target.parseLiteral = scalar.parseLiteral;
    }
  }
  const triggers = new Map<string, string[]>();
  const subscriptionType = schema.getSubscriptionType();
  for (const field of Object.values(subscriptionType?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const mutations = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    if (!mutations) continue;
    const names = mutations.kind === Kind.LIST ? mutations.values : [mutations];
    for (const node of names) {
      if (node.kind !== Kind.STRING) continue;
      const mutationName = (node as StringValueNode).value;
      if (!schema.getMutationType()?.getFields()[mutationName]) {
        throw new ModelLoadError(`@aws_subscribe on Subscription.${field.name} names unknown mutation ${mutationName}`);
      }
      const list = triggers.get(mutationName) ?? [];
      list.push(field.name);
      triggers.set(mutationName, list);
    }
  }
  const iamExcluded = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const typeModes = authModes(type.astNode?.directives);
    for (const field of Object.values(type.getFields())) {
      const modes = authModes(field.astNode?.directives) ?? typeModes;
      if (modes && !modes.includes('aws_iam')) iamExcluded.add(`${type.name}.${field.name}`);
    }
  }
  return { schema, triggers, iamExcluded };
}
