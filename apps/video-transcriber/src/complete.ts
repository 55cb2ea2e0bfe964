/**
 * Lambda entry point of video-transcriber (complete).
 *
 * @example
 * // infra bundles this file; Lambda calls `handler(event, context)`.
 */
export const handler = async (_event: unknown): Promise<void> => {
  throw new Error('video-transcriber complete: handler not wired yet');
};
