/**
 * Base class of the errors of `notifier`.
 *
 * @example
 * ```ts
 * try { await main(argv, io); } catch (err) { if (err instanceof NotifierCliError) process.exitCode = err.exitCode; }
 * ```
 */
export class NotifierCliError extends Error {
  /** Process exit code for this error. */
  public readonly exitCode: number = 1;

  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotifierCliError';
  }
}

/**
 * Bad command line: unknown flag, missing value, contradicting flags. Exit code 2.
 *
 * @example
 * ```ts
 * parseListenArgs(['--kind'], {}); // throws UsageError: Option '--kind <value>' argument missing
 * ```
 */
export class UsageError extends NotifierCliError {
  public override readonly exitCode = 2;

  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/**
 * Signing in failed (wrong password, unknown user, a challenge the CLI cannot answer, identity pool refusal).
 *
 * @example
 * ```ts
 * await signIn(config).catch((err) => { if (err instanceof SignInError) console.error(err.message); });
 * ```
 */
export class SignInError extends NotifierCliError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SignInError';
  }
}

/**
 * `.notifier/local-stack.json` is missing or not in the expected shape.
 *
 * @example
 * ```ts
 * readLocalStack('/repo'); // throws LocalStackFileError when `pnpm dev` is not running
 * ```
 */
export class LocalStackFileError extends NotifierCliError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalStackFileError';
  }
}

/**
 * `.notifier/local-stack.json` describes a local stack that is not running (its process is gone, or
 * nothing answers at its `graphqlUrl`). Exit code 1.
 *
 * @example
 * ```ts
 * await assertLocalStackRunning(readLocalStack(file)); // throws when `pnpm dev` has stopped
 * ```
 */
export class LocalStackNotRunningError extends NotifierCliError {
  public constructor(file: string, reason: string, options?: ErrorOptions) {
    super(`the local stack in ${file} is not running; start it with \`pnpm dev\` (${reason})`, options);
    this.name = 'LocalStackNotRunningError';
  }
}
