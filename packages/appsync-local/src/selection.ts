import {
  Kind,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { AppSyncGraphQLError } from './types';

/** A selection set compiled once: response key, field name, type and sub-selection of each field. */
export interface CompiledField {
  /** Response key (alias or field name). */
  key: string;
  /** Field name in the schema (`__typename` included). */
  name: string;
  /** Output type of the field (`undefined` for `__typename`). */
  type: GraphQLOutputType | undefined;
  /** Sub-selection of an object field. */
  selection?: CompiledSelection;
}

/** A compiled selection set with the object type it applies to and a stable key for grouping. */
export interface CompiledSelection {
  parentType: GraphQLObjectType;
  fields: CompiledField[];
  /** Equal for selection sets that produce the same output from the same payload. */
  key: string;
}

function directiveValue(value: ValueNode, variables: Record<string, unknown>): unknown {
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  if (value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

function included(node: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] }, variables: Record<string, unknown>): boolean {
  for (const d of node.directives ?? []) {
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    const v = directiveValue(arg.value, variables);
    if (d.name.value === 'skip' && v === true) return false;
    if (d.name.value === 'include' && v !== true) return false;
  }
  return true;
}

/**
 * Compiles a selection set against an object type, resolving fragments and `@skip`/`@include`.
 *
 * @example
 * ```ts
 * const sel = compileSelection(schema.getSubscriptionType()!.getFields().onNotification.type, field.selectionSet, fragments, vars);
 * ```
 */
export function compileSelection(
  parentType: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): CompiledSelection {
  const fields: CompiledField[] = [];
  const seen = new Map<string, CompiledField>();
  const collect = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      if (!included(sel, variables)) continue;
      if (sel.kind === Kind.FIELD) {
        addField(sel);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (!sel.typeCondition || sel.typeCondition.name.value === parentType.name) collect(sel.selectionSet);
      } else {
        const fragment = fragments[sel.name.value];
        if (fragment && fragment.typeCondition.name.value === parentType.name) collect(fragment.selectionSet);
      }
    }
  };
  const addField = (node: FieldNode): void => {
    const name = node.name.value;
    const key = node.alias?.value ?? name;
    const type = name === '__typename' ? undefined : parentType.getFields()[name]?.type;
    const named = type ? getNamedType(type) : undefined;
    const sub = node.selectionSet && named && isObjectType(named) ? compileSelection(named, node.selectionSet, fragments, variables) : undefined;
    const existing = seen.get(key);
    if (existing) {
      // Same response key twice: merge sub-selections as graphql-js does.
      if (existing.selection && sub) {
        existing.selection = mergeSelections(existing.selection, sub);
      }
      return;
    }
    const field: CompiledField = { key, name, type, ...(sub ? { selection: sub } : {}) };
    seen.set(key, field);
    fields.push(field);
  };
  collect(selectionSet);
  return { parentType, fields, key: keyOf(parentType, fields) };
}

function mergeSelections(a: CompiledSelection, b: CompiledSelection): CompiledSelection {
  const fields = [...a.fields];
  for (const f of b.fields) if (!fields.some((x) => x.key === f.key)) fields.push(f);
  return { parentType: a.parentType, fields, key: keyOf(a.parentType, fields) };
}

function keyOf(parentType: GraphQLObjectType, fields: CompiledField[]): string {
  return `${parentType.name}{${fields.map((f) => `${f.key}:${f.name}${f.selection ? f.selection.key : ''}`).join(',')}}`;
}

const PROPAGATE = Symbol('propagate-null');

function typeLabel(type: GraphQLOutputType): string {
  return getNamedType(type).name;
}

/**
 * Evaluates a compiled selection over a payload keyed by field names (what a mutation published),
 * the way AppSync shapes a subscriber's message: missing fields are null, a null non-null field is
 * an error that nulls its nearest nullable parent.
 *
 * @example
 * ```ts
 * const { data, errors } = projectPayload('onNotification', fieldType, selection, payload);
 * ```
 */
export function projectPayload(
  rootKey: string,
  rootType: GraphQLOutputType,
  selection: CompiledSelection | undefined,
  payload: unknown,
): { data: Record<string, unknown>; errors: AppSyncGraphQLError[] } {
  const errors: AppSyncGraphQLError[] = [];

  const complete = (type: GraphQLOutputType, value: unknown, sel: CompiledSelection | undefined, path: (string | number)[], parent: string): unknown => {
    if (isNonNullType(type)) {
      const inner = completeNullable(type.ofType, value, sel, path);
      if (inner === null) {
        errors.push({
          path: [...path],
          locations: null,
          message: `Cannot return null for non-nullable type: '${typeLabel(type.ofType)}' within parent '${parent}' (/${path.join('/')})`,
        });
        throw PROPAGATE;
      }
      return inner;
    }
    try {
      return completeNullable(type, value, sel, path);
    } catch (e) {
      if (e === PROPAGATE) return null;
      throw e;
    }
  };

  const completeNullable = (type: GraphQLOutputType, value: unknown, sel: CompiledSelection | undefined, path: (string | number)[]): unknown => {
    if (value === null || value === undefined) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) return null;
      return value.map((item, i) => complete(type.ofType, item, sel, [...path, i], typeLabel(type)));
    }
    if (sel) {
      if (typeof value !== 'object') return null;
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of sel.fields) {
        if (f.name === '__typename') {
          out[f.key] = sel.parentType.name;
          continue;
        }
        out[f.key] = f.type ? complete(f.type, source[f.name], f.selection, [...path, f.key], sel.parentType.name) : null;
      }
      return out;
    }
    return value;
  };

  let rootValue: unknown;
  try {
    rootValue = complete(rootType, payload, selection, [rootKey], 'Subscription');
  } catch (e) {
    if (e !== PROPAGATE) throw e;
    rootValue = null;
  }
  return { data: { [rootKey]: rootValue }, errors };
}

/**
 * Re-keys a field's executed result from response keys (aliases) to field names, keeping only
 * what was selected: the payload AppSync publishes to subscribers.
 *
 * @example
 * ```ts
 * unalias({ n: 'x' }, compiled); // { name: 'x' } when the mutation selected `n: name`
 * ```
 */
export function unalias(value: unknown, selection: CompiledSelection | undefined): unknown {
  if (value === null || value === undefined || !selection) return value ?? null;
  if (Array.isArray(value)) return value.map((v) => unalias(v, selection));
  if (typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of selection.fields) {
    if (f.name === '__typename' || f.name in out) continue;
    out[f.name] = unalias(source[f.key], f.selection);
  }
  return out;
}
