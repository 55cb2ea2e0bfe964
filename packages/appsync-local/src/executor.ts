import {
  Kind,
  type GraphQLError,
  defaultFieldResolver,
  execute,
  getLocation,
  getNamedType,
  isObjectType,
  parse,
  print,
  validate,
  visit,
  BREAK,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ResolverError, UnauthorizedError } from '@notifier/appsync-utils';
import type { ResolverContext, createResolverRunner } from './resolver-runtime';
import { compileSelection, unalias, type CompiledSelection } from './selection';
import type { AppSyncGraphQLError, AppSyncGraphQLResponse, ResolverModel } from './types';

/** A parsed, validated operation ready to authorize and execute. */
export interface PreparedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  rootType: GraphQLObjectType;
  /** Top-level fields with `@skip`/`@include` applied (what IAM authorizes); shared by the requests of one document, so read-only. */
  topLevel: CompiledSelection;
}

/** A GraphQL request body. */
export interface GraphQLRequestBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** Who is calling and how (`ctx.identity`, `ctx.request.headers`). */
export interface CallerContext {
  identity: unknown;
  headers: Record<string, string>;
}

/** A successful mutation field to publish to subscribers. */
export interface Publication {
  /** Mutation field name. */
  fieldName: string;
  /** The mutation's selected result keyed by field names (what subscribers are evaluated over). */
  payload: unknown;
}

type Runner = ReturnType<typeof createResolverRunner>;

interface ExecutionContextValue {
  caller: CallerContext;
  variables: Record<string, unknown>;
  appended: AppSyncGraphQLError[];
}

function locationsOf(nodes: readonly FieldNode[]): AppSyncGraphQLError['locations'] {
  const out: { line: number; column: number; sourceName: null }[] = [];
  for (const n of nodes) {
    if (!n.loc) continue;
    const { line, column } = getLocation(n.loc.source, n.loc.start);
    out.push({ line, column, sourceName: null });
  }
  return out.length > 0 ? out : null;
}

function pathOf(info: GraphQLResolveInfo): (string | number)[] {
  const out: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) out.unshift(p.key);
  return out;
}

/**
 * Formats a graphql-js error the way AppSync does (`path`, `data`, `errorType`, `errorInfo`,
 * `locations`, `message`).
 *
 * @example
 * ```ts
 * const body = { data: result.data, errors: result.errors?.map((e) => toAppSyncError(e)) };
 * ```
 */
export function toAppSyncError(error: GraphQLError): AppSyncGraphQLError {
  const original = error.originalError;
  const locations = error.locations?.map((l) => ({ line: l.line, column: l.column, sourceName: null })) ?? null;
  if (original instanceof ResolverError) {
    return {
      path: error.path ? [...error.path] : null,
      data: original.data ?? null,
      errorType: original.errorType ?? null,
      errorInfo: original.errorInfo ?? null,
      locations,
      message: original.message,
    };
  }
  const nonNull = /^Cannot return null for non-nullable field (\w+)\.(\w+)\.$/.exec(error.message);
  if (nonNull && error.path) {
    return {
      path: [...error.path],
      locations,
      message: `Cannot return null for non-nullable type: '${nonNull[2]}' within parent '${nonNull[1]}' (/${error.path.join('/')})`,
    };
  }
  return {
    path: error.path ? [...error.path] : null,
    data: null,
    errorType: original && original.name !== 'Error' && original.name !== 'GraphQLError' ? original.name : null,
    errorInfo: null,
    locations,
    message: error.message,
  };
}

/**
 * Formats validation or syntax errors the way AppSync answers them (no data, `path` null).
 *
 * @example
 * ```ts
 * validationErrors([new GraphQLError('Cannot query field "x" on type "Query".')]);
 * ```
 */
export function validationErrors(errors: readonly GraphQLError[]): AppSyncGraphQLError[] {
  return errors.map((e) => ({
    path: null,
    locations: e.locations?.map((l) => ({ line: l.line, column: l.column, sourceName: null })) ?? null,
    message: appSyncValidationMessage(e.message),
  }));
}

// AppSync reports validation failures in graphql-java's words; translate the common ones.
function appSyncValidationMessage(message: string): string {
  const undefinedField = /^Cannot query field "(\w+)" on type "(\w+)"\./.exec(message);
  if (undefinedField) {
    return `Validation error of type FieldUndefined: Field '${undefinedField[1]}' in type '${undefinedField[2]}' is undefined @ '${undefinedField[1]}'`;
  }
  const unknownType = /^Unknown type "(\w+)"\./.exec(message);
  if (unknownType) return `Validation error of type UnknownType: Unknown type ${unknownType[1]}`;
  if (message.startsWith('Syntax Error:')) return `Invalid Syntax : ${message.slice('Syntax Error:'.length).trim()}`;
  return `Validation error: ${message}`;
}

const MAX_CACHED_DOCUMENTS = 500;
const documentCaches = new WeakMap<GraphQLSchema, Map<string, { ok: true; document: DocumentNode } | { ok: false; errors: AppSyncGraphQLError[] }>>();

// Clients send the same few documents over and over: parse and validate each once per schema.
function checkedDocument(schema: GraphQLSchema, query: string): { ok: true; document: DocumentNode } | { ok: false; errors: AppSyncGraphQLError[] } {
  let cache = documentCaches.get(schema);
  if (!cache) documentCaches.set(schema, (cache = new Map()));
  const cached = cache.get(query);
  if (cached) return cached;
  let result: { ok: true; document: DocumentNode } | { ok: false; errors: AppSyncGraphQLError[] };
  try {
    const document = parse(query);
    const invalid = validate(schema, document);
    result = invalid.length > 0 ? { ok: false, errors: validationErrors(invalid) } : { ok: true, document };
  } catch (error) {
    result = { ok: false, errors: validationErrors([error as GraphQLError]) };
  }
  if (cache.size >= MAX_CACHED_DOCUMENTS) cache.clear();
  cache.set(query, result);
  return result;
}

/**
 * Parses and validates a request against the schema and picks its operation; returns AppSync-shaped
 * errors when the request is not a valid GraphQL operation.
 *
 * @example
 * ```ts
 * const prepared = prepareOperation(schema, { query: '{ me { id } }' });
 * ```
 */
export function prepareOperation(
  schema: GraphQLSchema,
  request: GraphQLRequestBody,
): { ok: true; prepared: PreparedOperation } | { ok: false; errors: AppSyncGraphQLError[] } {
  if (typeof request.query !== 'string' || request.query.trim() === '') {
    return { ok: false, errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }] };
  }
  const checked = checkedDocument(schema, request.query);
  if (!checked.ok) return checked;
  const document = checked.document;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = request.operationName
    ? operations.find((o) => o.name?.value === request.operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) {
    const message = request.operationName
      ? `Unknown operation named "${request.operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return { ok: false, errors: [{ path: null, locations: null, message: `Validation error: ${message}` }] };
  }
  const rootType =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!rootType) {
    return { ok: false, errors: [{ path: null, locations: null, message: `Validation error: Schema is not configured for ${operation.operation}s.` }] };
  }
  const fragments = fragmentsOf(document);
  const topLevel = topLevelSelection(document, operation, rootType, fragments, request.variables ?? {});
  return { ok: true, prepared: { document, operation, fragments, rootType, topLevel } };
}

// Documents are cached, so their nodes repeat from request to request: what derives from a node
// alone is computed once per node.
const fragmentsByDocument = new WeakMap<DocumentNode, Record<string, FragmentDefinitionNode>>();
const conditionalDocuments = new WeakMap<DocumentNode, boolean>();
const topLevelByOperation = new WeakMap<OperationDefinitionNode, CompiledSelection>();

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  let fragments = fragmentsByDocument.get(document);
  if (!fragments) {
    fragments = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    fragmentsByDocument.set(document, fragments);
  }
  return fragments;
}

/** True when a document uses `@skip` or `@include`, the only way variables change its selections. */
function usesConditionalDirectives(document: DocumentNode): boolean {
  let conditional = conditionalDocuments.get(document);
  if (conditional === undefined) {
    conditional = false;
    visit(document, {
      Directive(node) {
        if (node.name.value !== 'skip' && node.name.value !== 'include') return undefined;
        conditional = true;
        return BREAK;
      },
    });
    conditionalDocuments.set(document, conditional);
  }
  return conditional;
}

function topLevelSelection(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rootType: GraphQLObjectType,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): CompiledSelection {
  if (usesConditionalDirectives(document)) return compileSelection(rootType, operation.selectionSet, fragments, variables);
  let topLevel = topLevelByOperation.get(operation);
  if (!topLevel) {
    topLevel = compileSelection(rootType, operation.selectionSet, fragments, variables);
    topLevelByOperation.set(operation, topLevel);
  }
  return topLevel;
}

const selectionInfoCache = new WeakMap<FieldNode, { list: string[]; graphql: string }>();

function hasDirectives(node: FieldNode): boolean {
  return !!node.loc && /@(skip|include)\b/.test(node.loc.source.body.slice(node.loc.start, node.loc.end));
}

function selectionInfo(info: GraphQLResolveInfo): { list: string[]; graphql: string } {
  const node = info.fieldNodes[0];
  // Documents are cached, so field nodes repeat; selections with @skip/@include depend on variables.
  const cacheable = node !== undefined && info.fieldNodes.length === 1 && !hasDirectives(node);
  if (cacheable) {
    const cached = selectionInfoCache.get(node);
    if (cached) return cached;
  }
  const computed = computeSelectionInfo(info);
  if (cacheable) selectionInfoCache.set(node, computed);
  return computed;
}

function computeSelectionInfo(info: GraphQLResolveInfo): { list: string[]; graphql: string } {
  const node = info.fieldNodes[0];
  const named = getNamedType(info.returnType);
  if (!node?.selectionSet || !isObjectType(named)) return { list: [], graphql: '' };
  const list: string[] = [];
  const walk = (sel: CompiledSelection, prefix: string): void => {
    for (const f of sel.fields) {
      if (f.name === '__typename') continue;
      list.push(prefix + f.key);
      if (f.selection) walk(f.selection, `${prefix}${f.key}/`);
    }
  };
  walk(compileSelection(named, node.selectionSet, info.fragments, info.variableValues), '');
  return { list, graphql: print(node.selectionSet) };
}

/**
 * Builds `ctx` for a field resolver as AppSync does.
 *
 * @example
 * ```ts
 * const ctx = buildResolverContext({ source: null, args, identity, headers, info });
 * ```
 */
export function buildResolverContext(input: {
  source: unknown;
  args: Record<string, unknown>;
  identity: unknown;
  headers: Record<string, string>;
  fieldName: string;
  parentTypeName: string;
  variables: Record<string, unknown>;
  selectionSetList: string[];
  selectionSetGraphQL: string;
}): ResolverContext {
  return {
    arguments: input.args,
    args: input.args,
    identity: input.identity,
    source: input.source ?? null,
    stash: {},
    prev: undefined,
    result: undefined,
    error: undefined,
    info: {
      fieldName: input.fieldName,
      parentTypeName: input.parentTypeName,
      variables: input.variables,
      selectionSetList: input.selectionSetList,
      selectionSetGraphQL: input.selectionSetGraphQL,
    },
    request: { headers: input.headers, domainName: null },
    env: {},
  };
}

/** Options of {@link createExecutor}. */
export interface ExecutorOptions {
  schema: GraphQLSchema;
  /** `Type.field` keys AWS_IAM callers may not access (auth directives of other modes). */
  iamExcluded?: Set<string>;
  resolvers: ResolverModel[];
  runner: Runner;
}

/**
 * Executes validated operations with graphql-js: fields with a resolver in the model run it
 * (APPSYNC_JS), others read the parent's property. Returns AppSync's response body and the
 * mutation fields to publish.
 *
 * @example
 * ```ts
 * const executor = createExecutor({ schema, resolvers: model.resolvers, runner });
 * const { body, publications } = await executor.execute(prepared, request, caller);
 * ```
 */
export function createExecutor(options: ExecutorOptions): {
  execute(prepared: PreparedOperation, request: GraphQLRequestBody, caller: CallerContext): Promise<{ body: AppSyncGraphQLResponse; publications: Publication[] }>;
  resolverFor(typeName: string, fieldName: string): ResolverModel | undefined;
  runField(resolver: ResolverModel, ctx: ResolverContext): ReturnType<Runner['run']>;
} {
  const { schema, runner } = options;
  const byField = new Map<string, ResolverModel>(options.resolvers.map((r) => [`${r.typeName}.${r.fieldName}`, r]));

  const iamExcluded = options.iamExcluded ?? new Set<string>();
  const fieldResolver: GraphQLFieldResolver<unknown, ExecutionContextValue> = (source, args, context, info) => {
    const key = `${info.parentType.name}.${info.fieldName}`;
    if (iamExcluded.size > 0 && iamExcluded.has(key)) throw new UnauthorizedError(info.fieldName, info.parentType.name);
    const resolver = byField.get(key);
    if (!resolver) return defaultFieldResolver(source, args, context, info);
    return (async () => {
      const selection = selectionInfo(info);
      const ctx = buildResolverContext({
        source,
        args,
        identity: context.caller.identity,
        headers: context.caller.headers,
        fieldName: info.fieldName,
        parentTypeName: info.parentType.name,
        variables: context.variables,
        selectionSetList: selection.list,
        selectionSetGraphQL: selection.graphql,
      });
      const outcome = await runner.run(resolver, ctx);
      const path = pathOf(info);
      for (const appended of outcome.appendedErrors) {
        context.appended.push({
          path,
          data: appended.data,
          errorType: appended.errorType,
          errorInfo: appended.errorInfo,
          locations: locationsOf(info.fieldNodes),
          message: appended.message,
        });
      }
      if (outcome.error) throw outcome.error;
      return outcome.value;
    })();
  };

  async function executePrepared(
    prepared: PreparedOperation,
    request: GraphQLRequestBody,
    caller: CallerContext,
  ): Promise<{ body: AppSyncGraphQLResponse; publications: Publication[] }> {
    const variables = request.variables ?? {};
    const context: ExecutionContextValue = { caller, variables, appended: [] };
    const result = await execute({
      schema,
      document: prepared.document,
      operationName: prepared.operation.name?.value,
      variableValues: variables,
      contextValue: context,
      fieldResolver,
      subscribeFieldResolver: fieldResolver,
    });
    const errors = [...(result.errors ?? []).map(toAppSyncError), ...context.appended];
    const body: AppSyncGraphQLResponse = { data: (result.data as Record<string, unknown> | null | undefined) ?? null };
    if (errors.length > 0) body.errors = errors;
    const publications: Publication[] = [];
    if (prepared.operation.operation === 'mutation' && result.data) {
      // A field with any error, appended ones included, is not a success and is not published.
      const failed = new Set([...(result.errors ?? []).map((e) => e.path?.[0]), ...context.appended.map((e) => e.path?.[0])].filter((k) => k !== undefined));
      for (const field of prepared.topLevel.fields) {
        if (field.name === '__typename' || failed.has(field.key)) continue;
        const value = (result.data as Record<string, unknown>)[field.key];
        if (value === null || value === undefined) continue;
        publications.push({ fieldName: field.name, payload: unalias(value, field.selection) });
      }
    }
    return { body, publications };
  }

  return {
    execute: executePrepared,
    resolverFor: (typeName, fieldName) => byField.get(`${typeName}.${fieldName}`),
    runField: (resolver, ctx) => runner.run(resolver, ctx),
  };
}

