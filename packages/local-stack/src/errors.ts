/** Base error of `@notifier/local-stack`. */
export class LocalStackError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalStackError';
  }
}

/** A bundled handler failed (threw, rejected or timed out) while the local stack invoked it. */
export class HandlerInvocationError extends LocalStackError {
  public readonly functionName: string;
  public readonly errorType: string;
  /** The handler's own error message, as Lambda reports it in `errorMessage`. */
  public readonly errorMessage: string;

  public constructor(functionName: string, errorType: string, errorMessage: string, options?: ErrorOptions) {
    super(`${functionName} failed: ${errorType}: ${errorMessage}`, options);
    this.name = 'HandlerInvocationError';
    this.functionName = functionName;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }
}

/**
 * Another running local stack (a live process) holds `.notifier/local-stack.json`: `pnpm dev` and `pnpm demo`
 * refuse to start rather than overwrite it.
 *
 * @example
 * try { writeContractFile(root, contract); } catch (err) { if (err instanceof ContractInUseError) console.error(err.message); }
 */
export class ContractInUseError extends LocalStackError {
  /** The contract file. */
  public readonly file: string;
  /** The process that wrote it. */
  public readonly pid: number;

  public constructor(file: string, pid: number, options?: ErrorOptions) {
    super(
      `another local stack is running (process ${pid} wrote ${file}): stop it first (Ctrl-C in its terminal, or \`kill ${pid}\`); ` +
        `if process ${pid} is not a local stack, delete ${file}`,
      options,
    );
    this.name = 'ContractInUseError';
    this.file = file;
    this.pid = pid;
  }
}
