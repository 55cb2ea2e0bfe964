/**
 * Base class of the errors `@notifier/schema` throws.
 *
 * @example
 * if (error instanceof SchemaError) console.error(error.message);
 */
export class SchemaError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SchemaError';
  }
}

/**
 * `dist/resolvers.json` is missing or not a manifest (the package was not built).
 *
 * @example
 * try { readResolversManifest(); } catch (e) { if (e instanceof ResolversManifestError) ... }
 */
export class ResolversManifestError extends SchemaError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ResolversManifestError';
  }
}
