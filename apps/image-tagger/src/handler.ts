/**
 * Lambda entry point of image-tagger (EventBridge S3 `Object Created`).
 *
 * @example
 * // infra bundles this file; Lambda calls `handler(event, context)`.
 */
export const handler = async (_event: unknown): Promise<void> => {
  throw new Error('image-tagger: handler not wired yet');
};
