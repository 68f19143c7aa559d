/**
 * What a GouvGraph process (the gateway, a partner's kit, a central subgraph) does with a failure
 * nobody caught. A dependency's promise nobody awaited (a database client's background query, a
 * reconnect) rejecting is logged with its context and the process serves on: requests have their
 * own error handling, and the pools reconnect. An exception thrown outside any request is fatal
 * unless it is the database's fault (`isDatabaseFault`): otherwise the process's state may be
 * broken, so it is logged and the process exits 1 for its supervisor to restart it.
 */
import { isDatabaseFailure, isDatabaseFault } from './failures.js';

/** What the handlers log with (a pino logger is one). */
interface FailureLogger {
  error(details: object, message: string): void;
  fatal(details: object, message: string): void;
}

export function surviveDependencyFailures(logger: FailureLogger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason, databaseFailure: isDatabaseFailure(reason) }, 'unhandled rejection: logged, serving on');
  });
  process.on('uncaughtException', (error) => {
    if (isDatabaseFault(error)) {
      logger.error({ err: error }, 'database connection lost outside any request: logged, serving on (the pool reconnects)');
      return;
    }
    logger.fatal({ err: error }, 'uncaught exception: exiting for the supervisor to restart the process');
    process.exit(1);
  });
}
