import { appSync, logger } from './clients';
import { createPostAuthHandler } from './post-auth';

/**
 * Cognito PostAuthentication trigger: stores the signed-in user's profile through `addUser` and returns
 * the event unchanged (the sign-in never fails because of this function).
 */
export const handler = createPostAuthHandler({ client: appSync, logger });
