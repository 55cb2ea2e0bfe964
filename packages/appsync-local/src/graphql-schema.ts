import {
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
  return { schema, triggers };
}
