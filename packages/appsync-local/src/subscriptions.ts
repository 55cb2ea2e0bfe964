import {
  getArgumentValues,
  getVariableValues,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { Principal } from '@notifier/local-iam';
import type { FieldAuthorizer, FieldRequestContext } from './authorization';
import { buildResolverContext, prepareOperation, type GraphQLRequestBody, type Publication, type createExecutor } from './executor';
import { projectPayload, type CompiledSelection } from './selection';
import { compileArgumentFilter, compileSubscriptionFilter, type CompiledFilter } from './subscription-filter';
import type { AppSyncGraphQLError } from './types';

/** Where a subscriber's messages go (one WebSocket connection). */
export interface SubscriberConnection {
  /**
   * Sends one `data` message: its UTF-8 JSON text is `parts` in order, `byteLength` bytes in all
   * (parts, so the connection copies each once into its frame). The connection decides about faults.
   */
  sendData(parts: readonly Buffer[], byteLength: number): void;
}

interface Subscriber {
  id: string;
  connection: SubscriberConnection;
  fieldName: string;
  responseKey: string;
  field: GraphQLField<unknown, unknown>;
  selection: CompiledSelection | undefined;
  /** Key of the output shape: subscribers with equal keys get byte-identical payloads. */
  shapeKey: string;
  /** Basic filtering on the subscription's arguments (none when no argument is given). */
  argumentFilter: CompiledFilter | undefined;
  /** The enhanced filter the subscription resolver set. */
  filter: CompiledFilter | undefined;
  /** `{"id":"<id>","type":"data","payload":` precomputed. */
  prefix: Buffer;
}

const MESSAGE_END = Buffer.from('}');

/** A subscription start request after authentication. */
export interface StartInput {
  request: GraphQLRequestBody;
  principal: Principal;
  /** The start's time, listener and peer, for the policy conditions on them. */
  fieldRequest: FieldRequestContext;
  identity: unknown;
  headers: Record<string, string>;
}

/**
 * How a start ended: registered; refused, with the errors of AppSync's `error` message; or cancelled
 * by a `stop` (or the connection closing) before it was registered, when nothing more is to be sent.
 */
export type StartResult = { ok: true } | { ok: false; errors: AppSyncGraphQLError[] } | { ok: false; cancelled: true };

/** A start in progress (its subscription resolver running): holds its id and a connection slot. */
interface PendingStart {
  cancelled: boolean;
}

/** Options of {@link createSubscriptionHub}. */
export interface SubscriptionHubOptions {
  schema: GraphQLSchema;
  /** Mutation field -> subscription fields (`@aws_subscribe`). */
  triggers: Map<string, string[]>;
  executor: ReturnType<typeof createExecutor>;
  authorize: FieldAuthorizer;
  /**
   * Most subscriptions one connection may hold (AppSync's limit is 100).
   * @default 100
   */
  maxSubscriptionsPerConnection?: number;
}

/** Per-publication counts (for tests and the benchmark). */
export interface PublishStats {
  /** Subscribers that received a message. */
  delivered: number;
  /** Distinct payloads serialized. */
  serialized: number;
}

/**
 * The subscription registry: authorizes and starts subscriptions (running the subscription
 * resolver and its enhanced filter with the subscriber's identity) and fans published mutation
 * results out to every matching subscriber in its own selection set.
 *
 * Fan-out cost: each subscriber's selection is compiled once at start; per publication, payloads
 * are evaluated and encoded once per distinct selection shape, then framed per subscriber id.
 *
 * @example
 * ```ts
 * const hub = createSubscriptionHub({ schema, triggers, executor, authorize });
 * const result = await hub.start(connection, 'sub-1', input);
 * hub.publish({ fieldName: 'notifyModelReady', payload });
 * ```
 */
export function createSubscriptionHub(options: SubscriptionHubOptions): {
  start(connection: SubscriberConnection, id: string, input: StartInput): Promise<StartResult>;
  stop(connection: SubscriberConnection, id: string): boolean;
  dropConnection(connection: SubscriberConnection): void;
  publish(publication: Publication): PublishStats;
  count(): number;
} {
  const { schema, triggers, executor, authorize } = options;
  const max = options.maxSubscriptionsPerConnection ?? 100;
  const byField = new Map<string, Set<Subscriber>>();
  const byConnection = new Map<SubscriberConnection, Map<string, Subscriber>>();
  const pendingByConnection = new Map<SubscriberConnection, Map<string, PendingStart>>();
  let total = 0;

  const remove = (sub: Subscriber): void => {
    byField.get(sub.fieldName)?.delete(sub);
    const own = byConnection.get(sub.connection);
    if (own?.get(sub.id) === sub) {
      own.delete(sub.id);
      total--;
    }
  };

  async function start(connection: SubscriberConnection, id: string, input: StartInput): Promise<StartResult> {
    // Id and slot are taken before anything awaits: starts sent back to back on one connection must
    // not all pass the checks before any of them registers.
    const own = byConnection.get(connection);
    let pending = pendingByConnection.get(connection);
    if (own?.has(id) || pending?.has(id)) {
      return { ok: false, errors: [{ errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${id}` }] };
    }
    if ((own?.size ?? 0) + (pending?.size ?? 0) >= max) {
      return { ok: false, errors: [{ errorType: 'MaxSubscriptionsReachedError', message: `Max number of ${max} subscriptions reached` }] };
    }
    if (!pending) pendingByConnection.set(connection, (pending = new Map()));
    const reservation: PendingStart = { cancelled: false };
    pending.set(id, reservation);
    try {
      return await register(connection, id, input, reservation);
    } finally {
      if (pending.get(id) === reservation) pending.delete(id);
      if (pending.size === 0 && pendingByConnection.get(connection) === pending) pendingByConnection.delete(connection);
    }
  }

  async function register(connection: SubscriberConnection, id: string, input: StartInput, reservation: PendingStart): Promise<StartResult> {
    const prepared = prepareOperation(schema, input.request);
    // The real-time channel reports document errors by message only.
    if (!prepared.ok) return { ok: false, errors: prepared.errors.map((e) => ({ message: e.message })) };
    const { operation, topLevel, rootType } = prepared.prepared;
    if (operation.operation !== 'subscription') {
      return {
        ok: false,
        errors: [{ errorType: 'UnsupportedOperation', message: `${operation.operation} operations are not supported through the realtime channel` }],
      };
    }
    const top = topLevel.fields.find((f) => f.name !== '__typename');
    if (!top) return { ok: false, errors: [{ message: 'Validation error: a subscription must select a field' }] };
    if (!authorize(input.principal, rootType.name, top.name, input.fieldRequest)) {
      return { ok: false, errors: [{ errorType: 'UnauthorizedException', message: 'Permission denied' }] };
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], input.request.variables ?? {});
    if (coerced.errors) {
      return { ok: false, errors: coerced.errors.map((e) => ({ message: `Validation error: ${e.message}` })) };
    }
    const field = rootType.getFields()[top.name]!;
    const fieldNode = operation.selectionSet.selections.find(
      (s): s is FieldNode => s.kind === 'Field' && (s.alias?.value ?? s.name.value) === top.key,
    );
    const args = fieldNode ? getArgumentValues(field, fieldNode, coerced.coerced) : {};

    let filter: CompiledFilter | undefined;
    const resolver = executor.resolverFor(rootType.name, top.name);
    if (resolver) {
      const selectionSetList: string[] = [];
      const walk = (sel: CompiledSelection | undefined, prefix: string): void => {
        for (const f of sel?.fields ?? []) {
          if (f.name === '__typename') continue;
          selectionSetList.push(prefix + f.key);
          walk(f.selection, `${prefix}${f.key}/`);
        }
      };
      walk(top.selection, '');
      const ctx = buildResolverContext({
        source: null,
        args,
        identity: input.identity,
        headers: input.headers,
        fieldName: top.name,
        parentTypeName: rootType.name,
        variables: coerced.coerced,
        selectionSetList,
        selectionSetGraphQL: '',
      });
      const outcome = await executor.runField(resolver, ctx);
      if (outcome.error) {
        return {
          ok: false,
          errors: [
            {
              errorType: outcome.error.errorType ?? null,
              message: outcome.error.message,
              ...(outcome.error.data !== null ? { data: outcome.error.data } : {}),
              ...(outcome.error.errorInfo !== null ? { errorInfo: outcome.error.errorInfo } : {}),
            },
          ],
        };
      }
      if (outcome.subscriptionFilter) {
        try {
          filter = compileSubscriptionFilter(outcome.subscriptionFilter);
        } catch (error) {
          return { ok: false, errors: [{ errorType: 'BadRequestException', message: (error as Error).message }] };
        }
      }
    }

    // A stop (or the connection closing) while the resolver ran: its answer went out already.
    if (reservation.cancelled) return { ok: false, cancelled: true };
    const sub: Subscriber = {
      id,
      connection,
      fieldName: top.name,
      responseKey: top.key,
      field,
      selection: top.selection,
      shapeKey: `${top.key}:${top.name}:${top.selection?.key ?? ''}`,
      argumentFilter: compileArgumentFilter(args),
      filter,
      prefix: Buffer.from(`{"id":${JSON.stringify(id)},"type":"data","payload":`),
    };
    let set = byField.get(top.name);
    if (!set) byField.set(top.name, (set = new Set()));
    set.add(sub);
    let mine = byConnection.get(connection);
    if (!mine) byConnection.set(connection, (mine = new Map()));
    mine.set(id, sub);
    total++;
    return { ok: true };
  }

  function publish(publication: Publication): PublishStats {
    const stats: PublishStats = { delivered: 0, serialized: 0 };
    const fields = triggers.get(publication.fieldName);
    if (!fields) return stats;
    const payload = publication.payload as Record<string, unknown>;
    const rendered = new Map<string, Buffer>();
    for (const fieldName of fields) {
      const subscribers = byField.get(fieldName);
      if (!subscribers) continue;
      for (const sub of subscribers) {
        if (sub.argumentFilter && !sub.argumentFilter(payload)) continue;
        if (sub.filter && !sub.filter(payload)) continue;
        let body = rendered.get(sub.shapeKey);
        if (body === undefined) {
          const { data, errors } = projectPayload(sub.responseKey, sub.field.type, sub.selection, payload);
          body = Buffer.from(JSON.stringify(errors.length > 0 ? { data, errors } : { data }));
          rendered.set(sub.shapeKey, body);
          stats.serialized++;
        }
        // Bytes, not text: the payload is encoded to UTF-8 once per shape, each message only copies it.
        sub.connection.sendData([sub.prefix, body, MESSAGE_END], sub.prefix.length + body.length + 1);
        stats.delivered++;
      }
    }
    return stats;
  }

  return {
    start,
    stop: (connection, id) => {
      const pending = pendingByConnection.get(connection)?.get(id);
      if (pending) {
        pending.cancelled = true;
        pendingByConnection.get(connection)!.delete(id);
        return true;
      }
      const sub = byConnection.get(connection)?.get(id);
      if (!sub) return false;
      remove(sub);
      return true;
    },
    dropConnection: (connection) => {
      const pending = pendingByConnection.get(connection);
      if (pending) {
        for (const reservation of pending.values()) reservation.cancelled = true;
        pendingByConnection.delete(connection);
      }
      const own = byConnection.get(connection);
      if (!own) return;
      for (const sub of [...own.values()]) remove(sub);
      byConnection.delete(connection);
    },
    publish,
    count: () => total,
  };
}
