/**
 * The public graph's answers, kept in memory for identical requests: central dashboards ask the
 * same questions all day, and an answer from memory costs no planning, no partner and no merge.
 *
 * It is never wrong beyond what was chosen:
 * - only anonymous reads of the public variant are kept (no Authorization or Cookie header, no
 *   debug header), and only complete answers (HTTP 200, no error, so no missing partner);
 * - a write the gateway sends to a partner or a subgraph forgets every answer that read from it
 *   (caching/freshness.ts: each answer is kept with the upstreams it read), as it leaves and again
 *   when its answer is back, and an answer computed while such a write went through is not kept;
 *   with a partner registry, every gateway on it forgets too (caching/writes.ts). A write refused
 *   before it leaves (no token) changes nothing, forgets nothing;
 * - a write made directly at a partner, bypassing the gateway, shows within `ttlMs` (5 s by
 *   default): the bounded staleness an operator chooses, 0 to turn the cache off.
 *
 * Identical requests arriving while the first is computed wait for its answer instead of
 * computing it again.
 */
import type { ApolloServerPlugin, BaseContext, HTTPGraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { IncomingMessage } from 'node:http';
import { Stamps, type Forgetful } from './caching/freshness.js';
import { TaggedEntries, type TaggedEntry } from './caching/tagged-entries.js';

export interface ResponseCacheOptions {
  /** How long an answer is served from memory, in ms. Default 5,000; 0 turns the cache off. */
  ttlMs?: number;
  /** Memory the kept answers may take, in bytes (oldest forgotten first). Default 64 MiB. */
  maxBytes?: number;
  /**
   * Told whether each cacheable request was answered from memory (`hit`, with the operation's name
   * and how long it took: Apollo Server never saw it) or computed (`miss`), for metrics.
   */
  count?: (result: 'hit' | 'miss', operationName: string | null, seconds: number) => void;
  /**
   * The clock answers are kept and aged by, in ms since the epoch. Default `Date.now`; tests
   * pass a clock they advance instead of waiting `ttlMs`. (Durations for metrics stay on
   * `performance.now`: they measure work, not staleness.)
   */
  now?: () => number;
}

/** What one request's operations did, as the plugin saw them. */
interface Ticket {
  /** When the request started (caching/freshness.ts): a write since to what it read makes its answer unfit to keep. */
  started: number;
  /** The tags of the upstreams its operations read (the data sources add them). */
  reads: Set<string>;
  queries: number;
  clean: boolean;
  /** The operation's name, kept with its answer (metrics label answers from memory by it). */
  operationName: string | null;
}

interface Entry extends TaggedEntry {
  status: number;
  headers: [string, string][];
  body: string;
  operationName: string | null;
}

/** A request's context that carries its ticket (the gateway's context does). */
export interface CacheTicketCarrier {
  cacheTicket?: Ticket | undefined;
}

const CACHE_HEADER = 'gouvgraph-cache';

export class ResponseCache implements Forgetful {
  readonly ttlMs: number;
  private readonly count: ResponseCacheOptions['count'];
  private readonly now: () => number;
  private readonly entries: TaggedEntries<Entry>;
  private readonly computing = new Map<string, Promise<Entry | null>>();
  private readonly tickets = new WeakMap<IncomingMessage, Ticket>();
  private readonly stamps = new Stamps();

  constructor(options: ResponseCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5_000;
    this.entries = new TaggedEntries(options.maxBytes ?? 64 * 1024 * 1024);
    this.count = options.count;
    this.now = options.now ?? Date.now;
  }

  /** Forgets every answer that read from one of `tags`, and makes those being computed from them unfit to keep. */
  forget(tags: readonly string[]): void {
    this.stamps.forget(tags);
    this.entries.forget(tags);
  }

  /** Forgets every answer, and makes those being computed unfit to keep. */
  forgetAll(): void {
    this.stamps.forgetAll();
    this.entries.clear();
  }

  /** Answers kept now (tests and metrics read it). */
  get size(): number {
    return this.entries.size;
  }

  /** The request's ticket, for its context (undefined when the request cannot be cached). */
  ticketOf(req: IncomingMessage): Ticket | undefined {
    return this.tickets.get(req);
  }

  /**
   * The key of an anonymous read that may be served from the cache, or null. Everything that
   * changes the answer is in it: method, body or query string, and the headers Apollo Server
   * reads (Accept for the response format, Content-Type and the CSRF-preflight headers).
   */
  private keyOf(req: IncomingMessage, search: string, body: string): string | null {
    if (this.ttlMs <= 0) return null;
    const h = req.headers;
    if (h.authorization !== undefined || h.cookie !== undefined || h['gouvgraph-debug'] !== undefined) return null;
    const preflight = h['apollo-require-preflight'] !== undefined || h['x-apollo-operation-name'] !== undefined;
    const head = `${h.accept ?? ''}\u0000${h['content-type'] ?? ''}\u0000${preflight ? 1 : 0}\u0000`;
    if (req.method === 'GET') return `GET\u0000${head}${search}`;
    if (req.method === 'POST') return `POST\u0000${head}${body}`;
    return null;
  }

  /**
   * Answers a request: from the cache, from an identical request being computed, or by `run`,
   * keeping the answer when the request's operations allow it.
   */
  async respond(req: IncomingMessage, search: string, body: string, run: () => Promise<HTTPGraphQLResponse>): Promise<HTTPGraphQLResponse> {
    const key = this.keyOf(req, search, body);
    if (key === null) return run();
    const now = this.now();
    const started = performance.now();
    const hit = this.entries.fresh('', key, now, this.ttlMs);
    if (hit) {
      this.count?.('hit', hit.operationName, (performance.now() - started) / 1000);
      return served(hit, 'hit', now);
    }
    const pending = this.computing.get(key);
    if (pending) {
      const shared = await pending;
      if (!shared) {
        // The first answer was not one to share (an error, a write meanwhile): compute this one.
        this.count?.('miss', null, 0);
        return run();
      }
      this.count?.('hit', shared.operationName, (performance.now() - started) / 1000);
      return served(shared, 'hit', this.now());
    }
    this.count?.('miss', null, 0);
    const ticket: Ticket = { started: this.stamps.ticket(), reads: new Set(), queries: 0, clean: true, operationName: null };
    this.tickets.set(req, ticket);
    let settle: (entry: Entry | null) => void = () => {};
    this.computing.set(key, new Promise<Entry | null>((resolve) => (settle = resolve)));
    let entry: Entry | null = null;
    try {
      const response = await run();
      entry = this.entryOf(key, ticket, response);
      if (entry) this.entries.keep('', key, entry);
      else response.headers.set(CACHE_HEADER, 'miss');
      return entry ? served(entry, 'miss', entry.storedAt) : response;
    } finally {
      this.computing.delete(key);
      settle(entry);
    }
  }

  /** The answer as an entry to keep, or null when it must not be kept. */
  private entryOf(key: string, ticket: Ticket, response: HTTPGraphQLResponse): Entry | null {
    const fit = ticket.clean && ticket.queries > 0 && this.stamps.unchangedSince(ticket.reads, ticket.started);
    if (!fit || (response.status ?? 200) !== 200 || response.body.kind !== 'complete') return null;
    const body = response.body.string;
    return {
      status: 200,
      headers: [...response.headers],
      body,
      storedAt: this.now(),
      bytes: 2 * (key.length + body.length),
      operationName: ticket.operationName,
      tags: [...ticket.reads],
    };
  }

  /**
   * Tells each request's ticket what its operations were: only an answer to queries, without
   * any error, is kept.
   */
  plugin<TContext extends BaseContext & CacheTicketCarrier>(): ApolloServerPlugin<TContext> {
    return {
      async requestDidStart() {
        return {
          async executionDidStart({ operation, operationName, contextValue }) {
            const ticket = contextValue.cacheTicket;
            if (!ticket) return;
            ticket.operationName = operationName ?? null;
            if (operation.operation === 'query') ticket.queries++;
            else ticket.clean = false;
          },
          async willSendResponse({ response, contextValue }) {
            const ticket = contextValue.cacheTicket;
            if (ticket && (response.body.kind !== 'single' || response.body.singleResult.errors !== undefined)) ticket.clean = false;
          },
        };
      },
    };
  }
}

/** A kept answer, sent again with its age. */
function served(entry: Entry, outcome: 'hit' | 'miss', now: number): HTTPGraphQLResponse {
  const headers = new HeaderMap(entry.headers);
  headers.set(CACHE_HEADER, outcome);
  headers.set('age', String(Math.floor((now - entry.storedAt) / 1000)));
  return { status: entry.status, headers, body: { kind: 'complete', string: entry.body } };
}
