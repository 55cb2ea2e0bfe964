import type { RemainingTimeContext } from './types';

/**
 * Deadline (epoch ms) for AppSync calls made during a Lambda invocation: the invocation's end minus a margin
 * kept for the handler to log and return.
 *
 * @example
 * ```ts
 * export const handler = async (event: EventBridgeEvent<string, Detail>, context: Context) => {
 *   await client.mutate(NotifyModelReadyDocument, { input }, { deadline: deadlineFromContext(context) });
 * };
 * ```
 */
export const deadlineFromContext = (
  context: RemainingTimeContext,
  marginMs = 500,
  clock: () => number = Date.now,
): number => clock() + Math.max(0, context.getRemainingTimeInMillis() - marginMs);
