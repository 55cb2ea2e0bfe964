/** EventBridge entry point of bulk-load-notice (bundled by infra from this file). */
export const handler = async (_event: unknown): Promise<void> => {
  throw new Error('bulk-load-notice: not implemented yet');
};
