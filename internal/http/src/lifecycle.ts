/**
 * Stops a process cleanly on SIGTERM or SIGINT: runs `stop` once (close servers, drain,
 * close database pools), then exits 0 — or 1 when stopping failed.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`error while stopping on ${signal}`, error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handle);
  process.once('SIGINT', handle);
}
