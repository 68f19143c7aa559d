/**
 * Requests per minute per caller: a partner by its token, an agent by its identity, anyone else
 * by address. In memory by default; with Redis, every gateway replica counts in the same place.
 * While Redis is unreachable the operator's choice holds, said in the log at each switch and shown
 * by `backend()` (metrics, `/readyz`): `memory`, each replica counts on its own (N replicas let a
 * caller through N times), or `closed`, every request is refused with a coded 503.
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
  /** What counting does while Redis is unreachable. Default `memory`. */
  whenRedisDown?: RedisDownPolicy;
  /** Told each time Redis becomes reachable (true) or unreachable (false). */
  onRedisChange?: ((up: boolean) => void) | undefined;
}

/** `memory`: each replica counts on its own while Redis is away; `closed`: every request is refused. */
export type RedisDownPolicy = 'memory' | 'closed';

/** Where counts are kept now. */
export interface RateLimitBackend {
  /** `redis` when configured with one (whether it answers or not), else `memory`. */
  store: 'redis' | 'memory';
  /** Whether Redis answers (always true without Redis). */
  up: boolean;
  whenDown: RedisDownPolicy;
}

export interface RateLimiter {
  /** Counts one request of `caller`: the seconds to wait when over the limit, else null. */
  consume(caller: string): Promise<number | null>;
  /** The seconds `caller` must wait, without counting a request; null when it may go on. */
  waitFor(caller: string): Promise<number | null>;
  /** Whether every request is refused now (Redis unreachable, `closed`). */
  refusesAll(): boolean;
  backend(): RateLimitBackend;
  close(): Promise<void>;
}

/** How long start-up waits for Redis before counting in memory until it connects. */
const REDIS_READY_MS = 2_000;

export async function createRateLimiter(options: RateLimitOptions): Promise<RateLimiter> {
  const common = { points: options.perMinute, duration: 60, keyPrefix: options.keyPrefix ?? 'gouvgraph-rate' };
  const whenDown = options.whenRedisDown ?? 'memory';
  let redis: Redis | undefined;
  let limiter: RateLimiterAbstract;
  // Whether Redis answers; told to the operator at each switch, the first one included.
  let up = options.redisUrl === undefined;
  let told: boolean | null = null;
  const now = (state: boolean) => {
    up = state;
    if (told !== state) options.onRedisChange?.(state);
    told = state;
  };
  if (options.redisUrl) {
    // No offline queue: while Redis is away a call fails at once and the insurance limiter counts.
    redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('ready', () => now(true));
    // It reconnects by itself; meanwhile the choice for a Redis down holds.
    redis.on('error', () => now(false));
    redis.on('close', () => now(false));
    const connecting = redis;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, REDIS_READY_MS);
      connecting.once('ready', () => (clearTimeout(timer), resolve()));
    });
    if (!up) now(false);
    limiter = new RateLimiterRedis({
      ...common,
      storeClient: redis,
      ...(whenDown === 'memory' ? { insuranceLimiter: new RateLimiterMemory(common) } : {}),
    });
  } else {
    limiter = new RateLimiterMemory(common);
  }
  return {
    refusesAll: () => !up && whenDown === 'closed',
    backend: () => ({ store: options.redisUrl ? 'redis' : 'memory', up, whenDown }),
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
      redis?.removeAllListeners('close');
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

/** How long a caller refused for want of Redis is told to wait. */
const REDIS_RETRY_SECONDS = 5;

/**
 * Counts one request of `caller` and refuses it when it must be: over its rate (429), or every
 * request while Redis is unreachable and the gateway is told to refuse then (503). True when refused.
 */
export async function refusedByRate(limiter: RateLimiter, caller: string, res: ServerResponse): Promise<boolean> {
  if (limiter.refusesAll()) {
    res.setHeader('retry-after', String(REDIS_RETRY_SECONDS));
    sendError(
      res,
      503,
      'RATE_LIMIT_UNAVAILABLE',
      'Requests cannot be counted now (the rate limits’ store is unreachable): try again shortly',
    );
    return true;
  }
  const wait = await limiter.consume(caller);
  if (wait === null) return false;
  refuseOverRate(res, wait);
  return true;
}
