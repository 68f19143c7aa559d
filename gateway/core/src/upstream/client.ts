/**
 * The one place the gateway talks HTTP to an upstream: a partner of the partitioned contract
 * subgraph or a central subgraph, each client configured by its kind's policy (policy.ts). It
 * sends a GraphQL request with a deadline, retries a read that could not reach the upstream,
 * keeps each upstream's circuit breaker and statistics, shares identical reads in flight, counts
 * and measures calls, and turns every kind of failure into a coded error naming the upstream
 * instead of an exception (`PARTNER_…` or `SUBGRAPH_…`, from schema/src/errors.ts):
 *
 * - …_UNAVAILABLE       no connection, or an HTTP 5xx without a GraphQL body
 * - …_TIMEOUT           no answer before the deadline
 * - …_INVALID_RESPONSE  an answer that is not a GraphQL response (HTML, bad JSON, wrong shape)
 * - PARTNER_CIRCUIT_OPEN  not called: the partner failed repeatedly and is cooling down
 *
 * Reads that carry no identity are answered from the fetch cache (caching/fetch-cache.ts) when it
 * keeps them, for every caller.
 *
 * Hand-written over undici's dispatcher (request.ts) rather than @apollo/gateway's RemoteGraphQLDataSource:
 * profiled on the classic benchmark, the WHATWG fetch path (a Request, Headers and web streams per
 * call) cost a sixth of the gateway's CPU. For the same reason a call allocates no closure unless
 * it is shared, and sends one shared headers object when it carries no id or identity.
 */
import { CONTRACT_VERSION, type ErrorCode, type Violation, type ViolationFound } from '@gouvgraph/schema';
import { failSpan, inSpan, SpanKind, tracingEnabled, type Span } from '@gouvgraph/telemetry';
import type { GraphQLFormattedError } from 'graphql';
import { Agent } from 'undici';
import { ANY_WRITE, partnerTag, subgraphTag } from '../caching/freshness.js';
import type { FetchCache } from '../caching/fetch-cache.js';
import { PartnerHealth, type PartnerStatus } from '../partner-health.js';
import type { Partner } from '../partners.js';
import { gatewayMade, isRecord, parseBody, type GraphQLAnswer } from './answer.js';
import type { PartnerCallCounter } from './calls.js';
import { InFlight } from './in-flight.js';
import { UPSTREAM_NAMING, type UpstreamNaming, type UpstreamPolicy } from './policy.js';
import { AnswerTooLarge, postAnswer, RequestBody, timedOut, upstreamHeaders, type Exchange } from './request.js';

/** An upstream to call: a partner (by its id) or a central subgraph (by its name). */
export interface Upstream {
  id: string;
  url: string;
}

/** What an upstream answered: always a GraphQL-shaped result, `ok` when it has data to read. */
export interface UpstreamResponse {
  ok: boolean;
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/** Per-call options. */
export interface CallOptions {
  /** Reads may be retried and shared; writes never are. Default true. */
  idempotent?: boolean;
  /** A write its caller may send again, applied at most once (it carries idempotency keys): said when its outcome is unknown. */
  retrySafe?: boolean | undefined;
  /** Calls of the current request, for the partner-calls debug extension. */
  trace?: PartnerCallCounter | undefined;
  /** Signs the caller's identity for this upstream and body (writes only; see @gouvgraph/http identity-header.ts). */
  identity?: ((audience: string, body: string) => string) | undefined;
  /** The request's id, sent along so the upstream's logs name it too. */
  requestId?: string | undefined;
  /** The tags of the upstreams the current request read (caching/freshness.ts): a read adds its upstream's. */
  reads?: Set<string> | undefined;
}

/** What a client reports beyond its answers. */
export interface UpstreamClientOptions {
  /** Every call since start (tests and benchmarks read it). */
  calls?: PartnerCallCounter | undefined;
  /** Told of every call's duration and outcome (`ok` or its error code), for metrics. */
  observe?: ((upstreamId: string, seconds: number, outcome: string) => void) | undefined;
  /** Told of every answer refused for breaking a rule of the contract, for metrics and the log. */
  violated?: ((upstreamId: string, found: ViolationFound) => void) | undefined;
  /** Told of every error an upstream wrote whose words the caller does not get (partitioned/sender.ts), for the log. */
  withheld?: ((upstreamId: string, error: GraphQLFormattedError) => void) | undefined;
  /** Keeps upstreams' answers to reads for every caller (shared by both kinds of client). Default: none. */
  cache?: FetchCache | undefined;
  /**
   * The central subgraphs whose answers rest only on their own data. Any other reads the graph
   * itself (as the impact subgraph does) and is forgotten after any write (caching/freshness.ts).
   * Partners' answers always rest on their own data alone.
   */
  selfContained?: (subgraph: string) => boolean;
  /** Told of each read the fetch cache answered (`hit`) or did not (`miss`), for metrics. */
  countCache?: ((upstreamId: string, result: 'hit' | 'miss') => void) | undefined;
}

interface Failure {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  violation?: Violation;
  /** The request may have reached the upstream before the connection failed (never for a refused connection). */
  sent?: boolean;
}

/** Connection failures that happen before a byte of the request is sent: a write failing so was not applied. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

interface Attempt {
  response: UpstreamResponse;
  /** The answer's text, when it was one. */
  text?: string;
  failed: Failure | null;
  latencyMs: number | null;
}

/** Where an identical read in flight is shared: the upstream's scope, and the epoch of what it rests on. */
interface Shared {
  scope: string;
  epoch: number;
}

/** A circuit that never opens: the statistics of an upstream without a circuit, were they asked for. */
const NEVER_OPENS = { failureThreshold: Number.POSITIVE_INFINITY, cooldownMs: 0, now: Date.now };

/** A kept answer's text as an answer: parsed anew for each reader (what reads it merges into it). */
function keptAnswer(text: string): UpstreamResponse {
  const answer = JSON.parse(text) as GraphQLAnswer;
  return { ok: true, data: answer.data ?? null };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls one kind of upstream under its policy. One per kind in a gateway, shared by every data
 * source of that kind and both variants, so their identical reads in flight share one answer.
 */
export class UpstreamClient {
  readonly policy: UpstreamPolicy;
  readonly calls: PartnerCallCounter | undefined;
  private readonly naming: UpstreamNaming;
  private readonly observe: UpstreamClientOptions['observe'];
  private readonly violated: UpstreamClientOptions['violated'];
  private readonly withheld: UpstreamClientOptions['withheld'];
  private readonly cache: FetchCache | undefined;
  private readonly countCache: UpstreamClientOptions['countCache'];
  private readonly selfContained: (subgraph: string) => boolean;
  /** Each upstream's tags, worked out once. */
  private readonly tags = new Map<string, readonly string[]>();
  /** Each upstream's scope in the fetch cache and among reads in flight (its id and URL), made once. */
  private readonly scopes = new Map<string, { url: string; scope: string }>();
  private readonly health = new Map<string, PartnerHealth>();
  /** Kept-alive connections to every upstream of this kind, shared by all requests. */
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 32 });
  /** Reads on their way, by URL and body (see exchange()). */
  private readonly inFlight = new InFlight<Exchange>();

  constructor(policy: UpstreamPolicy, options: UpstreamClientOptions = {}) {
    this.policy = policy;
    this.naming = UPSTREAM_NAMING[policy.kind];
    this.calls = options.calls;
    this.observe = options.observe;
    this.violated = options.violated;
    this.withheld = options.withheld;
    this.cache = options.cache;
    this.countCache = options.countCache;
    this.selfContained = options.selfContained ?? (() => false);
  }

  /** What an answer of `upstreamId` rests on (caching/freshness.ts). */
  tagsOf(upstreamId: string): readonly string[] {
    let tags = this.tags.get(upstreamId);
    if (!tags) {
      if (this.policy.kind === 'partner') tags = [partnerTag(upstreamId)];
      else tags = this.selfContained(upstreamId) ? [subgraphTag(upstreamId)] : [subgraphTag(upstreamId), ANY_WRITE];
      this.tags.set(upstreamId, tags);
    }
    return tags;
  }

  private scopeOf(upstream: Upstream): string {
    let known = this.scopes.get(upstream.id);
    if (!known || known.url !== upstream.url) {
      known = { url: upstream.url, scope: `${upstream.id}\u0000${upstream.url}` };
      this.scopes.set(upstream.id, known);
    }
    return known.scope;
  }

  private healthOf(upstream: Upstream): PartnerHealth {
    let health = this.health.get(upstream.id);
    if (!health || health.url !== upstream.url) {
      health = new PartnerHealth(upstream.id, upstream.url, this.policy.circuit ?? NEVER_OPENS);
      this.health.set(upstream.id, health);
    }
    return health;
  }

  /** Every known partner's status, for operators. */
  statuses(partners: readonly Partner[]): PartnerStatus[] {
    return partners.map((p) => ({ ...this.healthOf(p).status(), contractVersion: p.contractVersion ?? CONTRACT_VERSION }));
  }

  /**
   * Reports that an upstream's answer was unusable after all (it breaks a rule of the contract):
   * it counts as a failure for the upstream's circuit, and is counted and logged by its rule.
   */
  reportViolation(upstream: Upstream, found: ViolationFound): void {
    // Whatever else it said may be as wrong: ask it again.
    this.cache?.forget(this.tagsOf(upstream.id));
    if (this.policy.circuit) this.healthOf(upstream).recordFailure(this.naming.invalidResponse, `${found.rule}: ${found.detail}`, null);
    this.violated?.(upstream.id, found);
  }

  /** Reports an upstream's error whose words the caller does not get: the log keeps them. */
  reportWithheld(upstream: Upstream, error: GraphQLFormattedError): void {
    this.withheld?.(upstream.id, error);
  }

  /**
   * Sends a serialized GraphQL request; never throws for anything the upstream does. A body sent
   * to many upstreams is best given as one RequestBody: it is encoded once.
   */
  send(upstream: Upstream, request: string | RequestBody, options: CallOptions = {}): Promise<UpstreamResponse> {
    const body = typeof request === 'string' ? new RequestBody(request) : request;
    if (!tracingEnabled()) return this.deliver(upstream, body, options, null);
    // One span per upstream called: its attempts, and the code it failed with, if it did.
    return inSpan(this.naming.span, SpanKind.CLIENT, { [this.naming.spanAttribute]: upstream.id, 'url.full': upstream.url }, (span) =>
      this.deliver(upstream, body, options, span),
    );
  }

  /** A gateway-made failure of `upstream`; `extra`: the extensions its code documents beside the upstream's name. */
  private failure(upstream: Upstream, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): UpstreamResponse {
    const extensions = { code, [this.naming.extension]: upstream.id, ...extra };
    return { ok: false, errors: [gatewayMade({ message: `${this.naming.noun} ${upstream.id}: ${message}`, extensions })] };
  }

  private async deliver(upstream: Upstream, body: RequestBody, options: CallOptions, span: Span | null): Promise<UpstreamResponse> {
    const { policy, cache } = this;
    const read = options.idempotent !== false;
    const identity = options.identity?.(upstream.id, body.text);
    // A read carrying an identity is the caller's own: never shared with another caller, never kept.
    const anyones = read && identity === undefined;
    const tags = read ? this.tagsOf(upstream.id) : undefined;
    if (tags && options.reads) for (const tag of tags) options.reads.add(tag);
    // Kept and shared by the body within the upstream's scope (see tagged-entries.ts for why not one string).
    const scope = anyones ? this.scopeOf(upstream) : undefined;
    if (scope !== undefined && cache) {
      const kept = cache.read(body.text, scope);
      this.countCache?.(upstream.id, kept === undefined ? 'miss' : 'hit');
      span?.setAttribute('gouvgraph.fetch_cache', kept === undefined ? 'miss' : 'hit');
      if (kept !== undefined) return keptAnswer(kept);
    }
    const ticket = cache?.ticket() ?? 0;
    const health = policy.circuit ? this.healthOf(upstream) : null;
    if (policy.circuit && health && !health.tryAcquire()) {
      failSpan(span, policy.circuit.openCode);
      return this.failure(upstream, policy.circuit.openCode, 'not called: it failed repeatedly and is cooling down');
    }
    const deadline = Date.now() + policy.timeoutMs;
    const attempts = read ? 1 + policy.retries : 1;
    const headers = upstreamHeaders(options.requestId, identity);
    // Shared only with reads sent since the last write to the same upstream (its epoch).
    const shared = scope !== undefined && policy.deduplicate ? { scope, epoch: cache && tags ? cache.epoch(tags) : 0 } : null;
    let outcome: Attempt | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      this.calls?.record(upstream.id);
      options.trace?.record(upstream.id);
      outcome = await this.attempt(upstream, body, headers, deadline, shared);
      const retry = outcome.failed?.retryable && attempt < attempts && deadline - Date.now() > 100;
      if (!retry) break;
      await sleep(Math.min(50, Math.max(0, deadline - Date.now() - 100)));
    }
    const { failed, latencyMs, text } = outcome as Attempt;
    let { response } = outcome as Attempt;
    if (scope !== undefined && cache && tags && text !== undefined && response.ok && !response.errors)
      cache.keep(body.text, text, tags, ticket, scope);
    if (failed && !read && this.naming.warnsOfTimedOutWrites && (failed.code === this.naming.timeout || failed.sent)) {
      // The upstream may have committed before its answer was lost: say so rather than guess.
      const retrySafe = options.retrySafe === true;
      const message = retrySafe
        ? `${failed.message}; the write may have been applied: send it again with the same idempotencyKey, it is applied at most once`
        : `${failed.message}; the write may have been applied: read it back before writing again (a write sent with an idempotencyKey can be sent again safely)`;
      response = this.failure(upstream, 'PARTNER_WRITE_UNCERTAIN', message, { retrySafe });
    }
    this.observe?.(upstream.id, (latencyMs ?? 0) / 1000, failed?.code ?? 'ok');
    if (failed) {
      health?.recordFailure(failed.code, failed.violation ? `${failed.violation}: ${failed.message}` : failed.message, latencyMs);
      if (failed.violation) this.violated?.(upstream.id, { rule: failed.violation, detail: failed.message });
      failSpan(span, failed.code);
    } else if (!response.ok && this.naming.withoutData !== null) {
      health?.recordFailure(this.naming.withoutData, response.errors?.[0]?.message ?? 'no data', latencyMs);
      const code = response.errors?.[0]?.extensions?.code;
      failSpan(span, typeof code === 'string' ? code : this.naming.withoutData);
    } else {
      health?.recordSuccess(latencyMs ?? 0);
    }
    return response;
  }

  private async attempt(
    upstream: Upstream,
    body: RequestBody,
    headers: Record<string, string>,
    deadline: number,
    shared: Shared | null,
  ): Promise<Attempt> {
    const started = performance.now();
    let exchange: Exchange;
    try {
      exchange = await this.exchange(upstream.url, body, headers, Math.max(1, deadline - Date.now()), shared);
    } catch (error) {
      if (error instanceof AnswerTooLarge) {
        const message = `its answer is larger than ${error.maxBytes} bytes: cut off while streaming and refused`;
        return this.failed(
          upstream,
          { code: this.naming.invalidResponse, message, retryable: false, violation: 'SIZE' },
          performance.now() - started,
        );
      }
      return timedOut(error)
        ? this.failed(
            upstream,
            { code: this.naming.timeout, message: `no answer within ${this.policy.timeoutMs} ms`, retryable: false },
            performance.now() - started,
          )
        : this.failed(
            upstream,
            {
              code: this.naming.unavailable,
              message: 'the connection failed',
              retryable: true,
              sent: !NOT_SENT.has(String((error as { code?: unknown }).code)),
            },
            null,
          );
    }
    const latencyMs = performance.now() - started;
    const { status } = exchange;
    const parsed = parseBody(exchange.text);
    const problem = parsed === undefined ? 'the body is not JSON' : this.policy.validate(parsed);
    if (problem !== null) {
      return status >= 500
        ? this.failed(
            upstream,
            // The request reached something (a proxy before a kit that died mid-request): a write may have been applied.
            { code: this.naming.unavailable, message: `HTTP ${status} without a GraphQL answer`, retryable: true, sent: true },
            latencyMs,
          )
        : this.failed(
            upstream,
            {
              code: this.naming.invalidResponse,
              message: `HTTP ${status}, not a GraphQL answer${this.naming.explainsInvalid ? `: ${problem}` : ''}`,
              retryable: false,
            },
            latencyMs,
          );
    }
    const answer = parsed as GraphQLAnswer;
    const response: UpstreamResponse = { ok: isRecord(answer.data) };
    if (answer.data !== undefined) response.data = answer.data;
    if (answer.errors) response.errors = answer.errors;
    return { response, text: exchange.text, failed: null, latencyMs };
  }

  private failed(upstream: Upstream, failure: Failure, latencyMs: number | null): Attempt {
    const extra = failure.violation ? { violation: failure.violation } : {};
    return { response: this.failure(upstream, failure.code, failure.message, extra), failed: failure, latencyMs };
  }

  /**
   * One HTTP exchange. Identical reads already on their way to the same upstream (concurrent
   * requests asking the same thing) wait for that answer instead of sending another: each gets
   * the text and parses its own copy, since what reads an answer merges into it. Writes always go.
   * `shared`: where reads are shared (the upstream's scope and epoch), or null.
   */
  private exchange(
    url: string,
    body: RequestBody,
    headers: Record<string, string>,
    remaining: number,
    shared: Shared | null,
  ): Promise<Exchange> {
    if (shared === null) return this.post(url, body, headers, remaining);
    return this.inFlight.run(shared.scope, body.text, shared.epoch, () => this.post(url, body, headers, remaining));
  }

  private post(url: string, body: RequestBody, headers: Record<string, string>, remaining: number): Promise<Exchange> {
    return postAnswer(this.agent, url, body.bytes, headers, remaining, this.policy.maxResponseBytes);
  }

  /** Closes the kept-alive connections. */
  close(): Promise<void> {
    return this.agent.close();
  }
}
