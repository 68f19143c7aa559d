/**
 * Requests per minute per caller: a partner by its token, an agent by its identity, anyone else
 * by address. In memory by default; with Redis, every gateway replica counts in the same place,
 * and an in-memory limiter takes over while Redis is unreachable (the graph keeps answering).
 */
import { Redis } from 'ioredis';
import { sendError } from '@gouvgraph/http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Requests a caller may make per minute. */
  perMinute: number;
  /** Share the counts between replicas through this Redis (`redis://host:port`). */
  redisUrl?: string | undefined;
  /** Take the client address from X-Forwarded-For (behind a trusted reverse proxy). Default false. */
  trustProxy?: boolean;
  /** Prefix of the counters' keys (in Redis). Default `gouvgraph-rate`. */
  keyPrefix?: string;
}

export interface RateLimiter {
  /** Counts one request of `caller`: the seconds to wait when over the limit, else null. */
  consume(caller: string): Promise<number | null>;
  /** The seconds `caller` must wait, without counting a request; null when it may go on. */
  waitFor(caller: string): Promise<number | null>;
  close(): Promise<void>;
}

/** How long start-up waits for Redis before counting in memory until it connects. */
const REDIS_READY_MS = 2_000;

export async function createRateLimiter(options: RateLimitOptions): Promise<RateLimiter> {
  const common = { points: options.perMinute, duration: 60, keyPrefix: options.keyPrefix ?? 'gouvgraph-rate' };
  let redis: Redis | undefined;
  let limiter: RateLimiterAbstract;
  if (options.redisUrl) {
    // No offline queue: while Redis is away a call fails at once and the insurance limiter counts.
    redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', () => {}); // reconnects by itself; meanwhile the insurance limiter counts
    const connecting = redis;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, REDIS_READY_MS);
      connecting.once('ready', () => (clearTimeout(timer), resolve()));
    });
    limiter = new RateLimiterRedis({ ...common, storeClient: redis, insuranceLimiter: new RateLimiterMemory(common) });
  } else {
    limiter = new RateLimiterMemory(common);
  }
  return {
    async consume(caller) {
      try {
        await limiter.consume(caller);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        return null; // the store failed and nothing insured it: never refuse a caller for our fault
      }
    },
    async waitFor(caller) {
      try {
        const state = await limiter.get(caller);
        return state && state.remainingPoints <= 0 ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : null;
      } catch {
        return null;
      }
    },
    async close() {
      redis?.disconnect();
    },
  };
}

/**
 * The client's address, as the rate limit and the audit log see it. Behind a trusted reverse
 * proxy, the last address of X-Forwarded-For: the one the proxy appended; those before it are
 * whatever the client wrote.
 */
export function clientAddress(req: IncomingMessage, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .at(-1)
      ?.trim();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** Refuses a request over its caller's rate: 429, `Retry-After`, and the wait in the error. */
export function refuseOverRate(res: ServerResponse, waitSeconds: number): void {
  res.setHeader('retry-after', String(waitSeconds));
  sendError(res, 429, 'RATE_LIMITED', `Too many requests: try again in ${waitSeconds} s`, { retryAfterSeconds: waitSeconds });
}
