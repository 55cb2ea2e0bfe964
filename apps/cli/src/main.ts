import { NotifierConfigError } from '@notifier/client';
import { parseCommand, USAGE, type Environment } from './args';
import { resolveConnection, type ResolveDeps } from './connection-config';
import { NotifierCliError } from './errors';
import { listen, type ListenDeps, type ListenIo } from './listen';

/** Process-level inputs and outputs of {@link main}. */
export interface MainIo extends ListenIo {
  env: Environment;
}

/**
 * The `notifier` command: parses arguments, resolves endpoint and credentials, runs `listen`.
 * Returns the exit code (0 after Ctrl-C, 1 on a runtime error, 2 on bad usage).
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, signals: process });
 * ```
 */
export async function main(argv: readonly string[], io: MainIo, deps: ResolveDeps & ListenDeps = {}): Promise<number> {
  try {
    const command = parseCommand(argv, io.env);
    if (command.command === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    const config = await resolveConnection(command.args, io.env, deps);
    return await listen(command.args, config, io, deps);
  } catch (error) {
    if (error instanceof NotifierCliError) {
      io.stderr.write(`notifier: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof NotifierConfigError) {
      io.stderr.write(`notifier: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
