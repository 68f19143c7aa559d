/**
 * The gateway's two caches and what keeps them true: the response cache (anonymous public
 * answers), the fetch cache (upstreams' answers to reads, for every caller), and the writes that
 * make each forget what rested on the upstream written to — here, and on every gateway of the
 * registry (gateway-core's caching/).
 */
import { FetchCache, ResponseCache, Writes, type GatewayObservability } from '@gouvgraph/gateway-core';
import type { Logger } from '@gouvgraph/http';
import type { Registry } from '@gouvgraph/registry';
import type { GatewayOptions } from './options.js';

export interface Caches {
  response: ResponseCache | null;
  fetch: FetchCache | null;
  writes: Writes;
  /** Stops following the registry. */
  unsubscribe: (() => void)[];
}

export function cachesOf(
  options: Pick<GatewayOptions, 'responseCache' | 'fetchCache' | 'cacheInvalidation'>,
  observability: GatewayObservability,
  registry: Registry | undefined,
  logger: Logger | undefined,
): Caches {
  const responseOptions = options.responseCache === false ? { ttlMs: 0 } : (options.responseCache ?? {});
  const response = (responseOptions.ttlMs ?? 1) > 0 ? new ResponseCache({ ...responseOptions, count: observability.countCache }) : null;
  const fetchOptions = options.fetchCache === false ? { ttlMs: 0 } : (options.fetchCache ?? {});
  const fetch = (fetchOptions.ttlMs ?? 1) > 0 ? new FetchCache(fetchOptions) : null;
  observability.fetchCacheIs(() => fetch);
  const writes = new Writes({
    caches: [response, fetch].filter((c) => c !== null),
    forgetEverything: options.cacheInvalidation === 'everything',
    ...(registry
      ? {
          announce: (tag: string) =>
            registry.announceWrite(tag).catch((error: unknown) => {
              // The other gateways forget within their time-to-live instead: said, not thrown at the writer.
              logger?.warn({ tag, err: error }, 'write not announced to the other gateways (registry database unreachable)');
            }),
        }
      : {}),
  });
  const unsubscribe = registry
    ? [
        // A write through another gateway forgets what rested on its upstream; a partner joining or leaving, everything.
        registry.onWrite((tag) => writes.heard(tag)),
        registry.onChange(() => writes.forgetAll()),
      ]
    : [];
  return { response, fetch, writes, unsubscribe };
}
