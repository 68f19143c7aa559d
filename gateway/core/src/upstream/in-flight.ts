/**
 * Shares one piece of work between the callers that ask for the same thing while it runs:
 * the second caller with a key already in flight waits for the first's promise. Forgotten as
 * soon as it settles, so nothing is cached beyond the moment.
 *
 * A key lives within a scope (an upstream) and an epoch (caching/fetch-cache.ts: a read sent
 * after a write does not wait for one sent before it): the same request body sent to many
 * upstreams is looked up as it is, never concatenated into a new string per upstream.
 */
interface Running<T> {
  epoch: number;
  promise: Promise<T>;
}

export class InFlight<T> {
  private readonly scopes = new Map<string, Map<string, Running<T>>>();

  run(scope: string, key: string, epoch: number, work: () => Promise<T>): Promise<T> {
    let running = this.scopes.get(scope);
    if (!running) this.scopes.set(scope, (running = new Map()));
    const shared = running.get(key);
    if (shared && shared.epoch === epoch) return shared.promise;
    const started: Running<T> = { epoch, promise: work() };
    running.set(key, started);
    const keys = running;
    started.promise.then(
      () => InFlight.settled(keys, key, started),
      () => InFlight.settled(keys, key, started),
    );
    return started.promise;
  }

  /** Forgets `started` unless a later epoch's work took its place. */
  private static settled<T>(running: Map<string, Running<T>>, key: string, started: Running<T>): void {
    if (running.get(key) === started) running.delete(key);
  }
}
