/** EventBridge entry point of model-ready-notice (bundled by infra from this file). */
export const handler = async (_event: unknown): Promise<void> => {
  throw new Error('model-ready-notice: not implemented yet');
};
