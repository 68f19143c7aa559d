/**
 * Waiting in tests on what matters, never on a fixed time: a bounded poll of a state the test
 * can observe but not subscribe to (a replica's answer, a port that closed), and a clock the test
 * advances for what is measured in time (a cool-down, a staleness bound).
 */

export interface WaitForOptions<T> {
  /** Whether the value read is the one awaited. Default: it is truthy. */
  until?: (value: T) => boolean;
  /** The bound: after it, the last value read is returned as it is (for the test's assertion to fail on). Default 5 s. */
  timeoutMs?: number;
  /** Between two reads. Default 20 ms. */
  intervalMs?: number;
}

/**
 * Reads `read` until `until` accepts its value or `timeoutMs` has passed, and resolves with the
 * last value read: the test asserts on it, so a bound that passes fails with the real value
 * rather than a generic time-out.
 */
export async function waitFor<T>(read: () => T | Promise<T>, options: WaitForOptions<T> = {}): Promise<T> {
  const { until = Boolean, timeoutMs = 5_000, intervalMs = 20 } = options;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value) || performance.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A clock that only moves when the test says so (`now` reads it, in ms since the epoch). */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

/** A manual clock, starting at the real time so that the timestamps it gives read as dates. */
export function manualClock(start = Date.now()): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}
