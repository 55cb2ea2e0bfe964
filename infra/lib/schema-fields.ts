// The API's fields as IAM sees them: which are for signed-in users, which belong to one backend role.
// Derived from the schema file (graphql-js), so a new query or subscription reaches the authenticated
// role without editing infra, and a new mutation stays backend-only until it is listed here.
import { buildASTSchema, parse, type GraphQLObjectType } from 'graphql';
import { readSchemaWithAppSyncDeclarations, schemaPath } from '@notifier/schema/paths';
import { SchemaBindingError } from './errors';

/** Root types whose fields IAM authorizes (`appsync:GraphQL` on `.../types/<Type>/fields/<field>`). */
export type RootTypeName = 'Query' | 'Mutation' | 'Subscription';

/** One top-level field of the API. */
export interface ApiField {
  readonly typeName: RootTypeName;
  readonly fieldName: string;
}

/** Mutations signed-in users call directly; every other mutation is backend-only. */
export const CLIENT_MUTATIONS: readonly string[] = ['updateUser'];

/** The backend-only mutations, each granted to exactly one function role. */
export type BackendMutation =
  | 'addUser'
  | 'notifyImageTagged'
  | 'notifyTranscriptReady'
  | 'notifyDatasetRefreshed'
  | 'notifyModelReady';

/** Top-level fields of the deployed schema, by root type, in schema order. */
export interface SchemaFields {
  readonly queries: readonly string[];
  readonly mutations: readonly string[];
  readonly subscriptions: readonly string[];
}

let cached: SchemaFields | undefined;

/**
 * Reads the top-level fields of `schema/schema.graphql` (validated with AppSync's declarations).
 *
 * @example
 * readSchemaFields().subscriptions // ['userUpdates', 'onImageTagged', ...]
 */
export function readSchemaFields(): SchemaFields {
  if (cached) return cached;
  let source: string;
  try {
    source = readSchemaWithAppSyncDeclarations();
  } catch (error) {
    throw new SchemaBindingError(`cannot read the GraphQL schema at ${schemaPath}`, { cause: error });
  }
  let schema;
  try {
    schema = buildASTSchema(parse(source));
  } catch (error) {
    throw new SchemaBindingError(`${schemaPath} is not a valid AppSync schema: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const names = (type: GraphQLObjectType | null | undefined): string[] =>
    type ? Object.keys(type.getFields()) : [];
  cached = {
    queries: names(schema.getQueryType()),
    mutations: names(schema.getMutationType()),
    subscriptions: names(schema.getSubscriptionType()),
  };
  return cached;
}

/**
 * The fields the Cognito authenticated role may call: every query, every subscription and the
 * client mutations ({@link CLIENT_MUTATIONS}); never a backend mutation.
 *
 * @example
 * clientFields().map((f) => `${f.typeName}.${f.fieldName}`) // ['Query.me', ..., 'Mutation.updateUser']
 */
export function clientFields(fields: SchemaFields = readSchemaFields()): ApiField[] {
  for (const name of CLIENT_MUTATIONS) {
    if (!fields.mutations.includes(name)) {
      throw new SchemaBindingError(`client mutation "${name}" is not a Mutation field of ${schemaPath}`);
    }
  }
  return [
    ...fields.queries.map((fieldName) => ({ typeName: 'Query' as const, fieldName })),
    ...fields.subscriptions.map((fieldName) => ({ typeName: 'Subscription' as const, fieldName })),
    ...CLIENT_MUTATIONS.map((fieldName) => ({ typeName: 'Mutation' as const, fieldName })),
  ];
}

/**
 * The backend-only mutations of the schema: every Mutation field except {@link CLIENT_MUTATIONS}.
 *
 * @example
 * backendMutations() // ['addUser', 'notifyImageTagged', ...]
 */
export function backendMutations(fields: SchemaFields = readSchemaFields()): string[] {
  return fields.mutations.filter((name) => !CLIENT_MUTATIONS.includes(name));
}

/**
 * The IAM resource of one field: `<apiArn>/types/<Type>/fields/<field>`.
 *
 * @example
 * fieldArn(api.arn, { typeName: 'Mutation', fieldName: 'notifyImageTagged' })
 */
export function fieldArn(apiArn: string, field: ApiField): string {
  return `${apiArn}/types/${field.typeName}/fields/${field.fieldName}`;
}
