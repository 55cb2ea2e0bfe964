import * as z from 'zod/mini';

/**
 * The Cognito PostAuthentication trigger event, mirroring Powertools parser's
 * `PostAuthenticationTriggerSchema` in `zod/mini` (full zod would add ~85 KB to a bundle that must
 * start fast inside Cognito's 5 s budget), with `sub` required: it is the user id.
 */
export const PostAuthenticationEventSchema = z.object({
  version: z.string(),
  triggerSource: z.literal('PostAuthentication_Authentication'),
  region: z.string(),
  userPoolId: z.string().check(z.minLength(1)),
  userName: z.string().check(z.minLength(1)),
  callerContext: z.object({ awsSdkVersion: z.string(), clientId: z.string() }),
  request: z.object({
    userAttributes: z.catchall(
      z.object({ sub: z.string().check(z.minLength(1)) }),
      z.string(),
    ),
    newDeviceUsed: z.optional(z.boolean()),
    clientMetadata: z.optional(z.record(z.string(), z.string())),
  }),
  response: z.object({}),
});

/** A parsed PostAuthentication event. */
export type PostAuthenticationEvent = z.infer<typeof PostAuthenticationEventSchema>;
