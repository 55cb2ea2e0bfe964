import type { Context } from 'aws-lambda';
import { parse, type Logger } from '@notifier/lambda-kit';
import { deadlineFromContext, type AppSyncClient } from '@notifier/mutation-signer';
import { AddUserDocument, type AddUserMutation } from '@notifier/schema';
import { ProfileSyncError } from './errors';
import { PostAuthenticationEventSchema, type PostAuthenticationEvent } from './event';
import { toAddUserVariables } from './profile';

/**
 * Cognito waits 5 s for a trigger, retries a timed-out one and fails the sign-in when it fails. The
 * AppSync call therefore gets at most this much time from the start of the invocation, and never more
 * than the invocation's remaining time minus {@link MARGIN_MS}.
 */
export const TIME_BUDGET_MS = 3500;
/** Time kept before the Lambda timeout to log and return the event. */
export const MARGIN_MS = 500;

/** What became of the user's profile. */
export type ProfileSyncOutcome =
  | { status: 'stored'; userId: string; profile: NonNullable<AddUserMutation['addUser']> | null }
  | { status: 'unchanged'; userId: string };

/**
 * Stores the profile of a signed-in user through `addUser`; `unchanged` when AppSync reports the same
 * profile as stored (error type `DuplicateNotification`: nothing written, nothing published).
 *
 * @throws {@link ProfileSyncError} when the call fails for good (its `cause` is the signer's error).
 * @example
 * ```ts
 * const outcome = await syncProfile(event, { client, deadline: Date.now() + 3500 });
 * ```
 */
export async function syncProfile(
  event: PostAuthenticationEvent,
  deps: { client: Pick<AppSyncClient, 'mutate'>; deadline: number; logger?: Logger },
): Promise<ProfileSyncOutcome> {
  const { variables, dropped } = toAddUserVariables(event);
  if (dropped.length > 0) {
    deps.logger?.warn('user attributes not copied: invalid for their AppSync type', { userId: variables.userId, attributes: dropped });
  }
  try {
    const result = await deps.client.mutate(AddUserDocument, variables, { deadline: deps.deadline });
    return result.outcome === 'delivered'
      ? { status: 'stored', userId: variables.userId, profile: result.data.addUser }
      : { status: 'unchanged', userId: variables.userId };
  } catch (error) {
    throw new ProfileSyncError(`addUser failed for user ${variables.userId}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** What the PostAuthentication handler needs from outside. */
export interface PostAuthHandlerDeps {
  /** The AppSync client (signed with the function role's credentials). */
  client: Pick<AppSyncClient, 'mutate'>;
  /** Structured logger. */
  logger: Logger;
  /**
   * Current time in epoch ms.
   * @default Date.now
   */
  clock?: () => number;
}

/**
 * Builds the PostAuthentication trigger handler: it always returns the event unchanged, so the sign-in
 * succeeds even when the profile cannot be stored (malformed event, AppSync unreachable or erroring);
 * such failures are logged as errors with the user name, pool and cause. The next sign-in stores it.
 *
 * @example
 * ```ts
 * export const handler = createPostAuthHandler({ client: appSync, logger });
 * ```
 */
export function createPostAuthHandler(deps: PostAuthHandlerDeps) {
  const clock = deps.clock ?? Date.now;
  return async <E>(event: E, context: Context): Promise<E> => {
    const { logger } = deps;
    const started = clock();
    logger.addContext(context);
    const raw = event as { userName?: unknown; userPoolId?: unknown };
    const trigger = { userName: raw?.userName, userPoolId: raw?.userPoolId };
    try {
      const parsed = parse(PostAuthenticationEventSchema, event, 'PostAuthentication event');
      const deadline = Math.min(started + TIME_BUDGET_MS, deadlineFromContext(context, MARGIN_MS, clock));
      const outcome = await syncProfile(parsed, { client: deps.client, deadline, logger });
      if (outcome.status === 'stored') {
        logger.info('user profile stored', { ...trigger, userId: outcome.userId, updatedAt: outcome.profile?.updatedAt, elapsedMs: clock() - started });
      } else {
        logger.info('user profile unchanged', { ...trigger, userId: outcome.userId, elapsedMs: clock() - started });
      }
    } catch (error) {
      // Failing here would fail the sign-in itself; a stale profile is the lesser harm (see README).
      logger.error('user profile not stored; sign-in continues', { ...trigger, elapsedMs: clock() - started, error });
    } finally {
      logger.resetKeys();
    }
    return event;
  };
}
