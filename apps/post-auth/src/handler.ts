/** Cognito PostAuthentication trigger entry point (bundled by infra from this file). */
export const handler = async <E>(event: E): Promise<E> => event;
