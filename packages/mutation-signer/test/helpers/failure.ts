/** The error `promise` rejects with; throws when it resolves, so a test never passes on a missing rejection. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
