/**
 * Shares one piece of work between the callers that ask for the same thing while it runs:
 * the second caller with a key already in flight waits for the first's promise. Forgotten as
 * soon as it settles, so nothing is cached beyond the moment.
 */
export class InFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    let promise = this.pending.get(key);
    if (!promise) {
      promise = work();
      this.pending.set(key, promise);
      const forget = () => this.pending.delete(key);
      promise.then(forget, forget);
    }
    return promise;
  }
}
