/**
 * The one place the gateway talks HTTP to a partner. It sends a GraphQL request with a
 * deadline, retries idempotent reads once when the partner could not be reached, keeps each
 * partner's circuit breaker and statistics, counts calls, and turns every kind of failure
 * into a coded, partner-named error instead of an exception:
 *
 * - PARTNER_UNAVAILABLE       no connection, or an HTTP 5xx without a GraphQL body
 * - PARTNER_TIMEOUT           no answer before the deadline
 * - PARTNER_INVALID_RESPONSE  an answer that is not a GraphQL response (HTML, bad JSON, wrong shape)
 * - PARTNER_CIRCUIT_OPEN      not called: the partner failed repeatedly and is cooling down
 */
import { CONTRACT_VERSION, type ErrorCode } from '@gouvgraph/schema';
import type { GraphQLFormattedError } from 'graphql';
import { Agent, request } from 'undici';
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from '@gouvgraph/http';
import { failSpan, inSpan, SpanKind, tracingEnabled, withTraceHeaders } from '@gouvgraph/telemetry';
import { InFlight } from './in-flight.js';
import { isRecord, timedOut, UPSTREAM_HEADERS } from './upstream.js';
import { PartnerHealth, type CircuitOptions, type PartnerStatus } from './partner-health.js';


/** A partner of the partitioned contract subgraph. */
export interface Partner {
  /** Partner id: the incubator id, e.g. `mtes`. */
  id: string;
  /** The partner subgraph's GraphQL endpoint. */
  url: string;
  /** The contract version it implements, when not the current one. */
  contractVersion?: string | undefined;
}

export interface PartnerRequest {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | undefined;
}

/** A request serialized once, to be sent to many partners. */
export type SerializedRequest = { body: string };

export function serializeRequest(request: PartnerRequest): SerializedRequest {
  return { body: JSON.stringify(request) };
}

/** What a partner answered: always a GraphQL-shaped result, `ok: false` when it did not answer usably. */
export interface PartnerResponse {
  ok: boolean;
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/** Calls made to each partner (since start, or during one request). */
export class PartnerCallCounter {
  private readonly counts = new Map<string, number>();
  record(partnerId: string): void {
    this.counts.set(partnerId, (this.counts.get(partnerId) ?? 0) + 1);
  }
  get(partnerId: string): number {
    return this.counts.get(partnerId) ?? 0;
  }
  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}

export interface PartnerClientOptions {
  /** How long a partner may take before its part of the answer is given up. Default 2 s. */
  timeoutMs?: number;
  /** Extra attempts for an idempotent read that could not reach the partner. Default 1. */
  retries?: number;
  circuit?: CircuitOptions;
  /** Every call since start (tests and benchmarks read it). */
  calls?: PartnerCallCounter;
  /** Share one answer between identical reads in flight to the same partner. Default true. */
  deduplicate?: boolean;
  /** Told of every call's duration and outcome (`ok` or its error code), for metrics. */
  observe?: (partnerId: string, seconds: number, outcome: string) => void;
}

/** Per-call options. */
export interface SendOptions {
  /** Reads may be retried; writes never are. Default true. */
  idempotent?: boolean;
  /** Calls of the current request, for the debug extension. */
  trace?: PartnerCallCounter | undefined;
  /** Signs the caller's identity for this partner and body (writes only; see @gouvgraph/http identity-header.ts). */
  identity?: ((audience: string, body: string) => string) | undefined;
  /** The request's id, sent along so the partner's logs name it too. */
  requestId?: string | undefined;
}

type Failure = { code: ErrorCode; message: string; retryable: boolean };

function failure(partner: Partner, { code, message }: Failure): PartnerResponse {
  return { ok: false, errors: [{ message: `Partner ${partner.id}: ${message}`, extensions: { code, partner: partner.id } }] };
}


/** Why a body is not a GraphQL response, or null when it is one. */
function shapeProblem(body: unknown): string | null {
  if (!isRecord(body)) return 'the body is not a JSON object';
  if (!('data' in body) && !('errors' in body)) return 'the body has neither data nor errors';
  if ('data' in body && body.data !== null && !isRecord(body.data)) return '`data` is not an object';
  if ('errors' in body) {
    if (!Array.isArray(body.errors)) return '`errors` is not a list';
    for (const error of body.errors) {
      if (!isRecord(error) || typeof error.message !== 'string') return 'an error has no message';
      if ('path' in error && error.path !== undefined && (!Array.isArray(error.path) || !error.path.every((p) => typeof p === 'string' || typeof p === 'number'))) {
        return 'an error path is not a list of names and indexes';
      }
      if ('extensions' in error && error.extensions !== undefined && !isRecord(error.extensions)) return 'error extensions are not an object';
    }
  }
  return null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PartnerClient {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly calls: PartnerCallCounter;
  private readonly circuit: Required<CircuitOptions>;
  private readonly health = new Map<string, PartnerHealth>();
  /** Kept-alive connections to every partner, shared by all requests. */
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 32 });
  /** Reads on their way, by partner and body (see exchange()). */
  private readonly inFlight = new InFlight<{ status: number; text: string }>();
  private readonly deduplicate: boolean;
  private readonly observe: PartnerClientOptions['observe'];

  constructor(options: PartnerClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.retries = options.retries ?? 1;
    this.calls = options.calls ?? new PartnerCallCounter();
    this.circuit = { failureThreshold: options.circuit?.failureThreshold ?? 5, cooldownMs: options.circuit?.cooldownMs ?? 10_000, now: options.circuit?.now ?? Date.now };
    this.deduplicate = options.deduplicate ?? true;
    this.observe = options.observe;
  }

  private healthOf(partner: Partner): PartnerHealth {
    let health = this.health.get(partner.id);
    if (!health || health.url !== partner.url) {
      health = new PartnerHealth(partner.id, partner.url, this.circuit);
      this.health.set(partner.id, health);
    }
    return health;
  }

  /** Every known partner's status, for operators. */
  statuses(partners: readonly Partner[]): PartnerStatus[] {
    return partners.map((p) => ({ ...this.healthOf(p).status(), contractVersion: p.contractVersion ?? CONTRACT_VERSION }));
  }

  /**
   * Reports that a partner's answer was unusable after all (its data does not fit the
   * selection): it counts as a failure for the partner's circuit.
   */
  reportInvalid(partner: Partner, message: string): void {
    this.healthOf(partner).recordFailure('PARTNER_INVALID_RESPONSE', message, null);
  }

  send(partner: Partner, request: PartnerRequest | SerializedRequest, options: SendOptions = {}): Promise<PartnerResponse> {
    if (!tracingEnabled()) return this.deliver(partner, request, options);
    // One span per partner called: its attempts, and the code it failed with, if it did.
    return inSpan('partner.fetch', SpanKind.CLIENT, { 'gouvgraph.partner': partner.id, 'url.full': partner.url }, async (span) => {
      const response = await this.deliver(partner, request, options);
      const code = response.ok ? undefined : response.errors?.[0]?.extensions?.code;
      if (!response.ok) failSpan(span, typeof code === 'string' ? code : 'PARTNER_ERROR');
      return response;
    });
  }

  private async deliver(partner: Partner, request: PartnerRequest | SerializedRequest, options: SendOptions): Promise<PartnerResponse> {
    const health = this.healthOf(partner);
    if (!health.tryAcquire()) {
      return failure(partner, { code: 'PARTNER_CIRCUIT_OPEN', message: 'not called: it failed repeatedly and is cooling down', retryable: false });
    }
    const body = 'body' in request ? request.body : JSON.stringify(request);
    const deadline = Date.now() + this.timeoutMs;
    const attempts = options.idempotent === false ? 1 : 1 + this.retries;
    let outcome: { response: PartnerResponse; failed: Failure | null; latencyMs: number | null } | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      this.calls.record(partner.id);
      options.trace?.record(partner.id);
      outcome = await this.attempt(partner, body, deadline, options.identity?.(partner.id, body), options.idempotent !== false, options.requestId);
      const retry = outcome.failed?.retryable && attempt < attempts && deadline - Date.now() > 100;
      if (!retry) break;
      await sleep(Math.min(50, Math.max(0, deadline - Date.now() - 100)));
    }
    const { failed, latencyMs } = outcome as NonNullable<typeof outcome>;
    let { response } = outcome as NonNullable<typeof outcome>;
    if (failed?.code === 'PARTNER_TIMEOUT' && options.idempotent === false) {
      // The partner may have committed before the deadline passed: say so rather than guess.
      response = failure(partner, { ...failed, message: `${failed.message}; the write may have been applied, read it back before retrying` });
    }
    this.observe?.(partner.id, (latencyMs ?? 0) / 1000, failed?.code ?? 'ok');
    if (failed) health.recordFailure(failed.code, failed.message, latencyMs);
    else if (isRecord(response.data)) health.recordSuccess(latencyMs ?? 0);
    else health.recordFailure('PARTNER_ERROR', response.errors?.[0]?.message ?? 'no data', latencyMs);
    return response;
  }

  private async attempt(
    partner: Partner,
    body: string,
    deadline: number,
    identity: string | undefined,
    read: boolean,
    requestId: string | undefined,
  ): Promise<{ response: PartnerResponse; failed: Failure | null; latencyMs: number | null }> {
    const started = performance.now();
    const fail = (f: Failure, latencyMs: number | null = null) => ({ response: failure(partner, f), failed: f, latencyMs });
    const remaining = Math.max(1, deadline - Date.now());
    let status: number;
    let text: string;
    try {
      ({ status, text } = await this.exchange(partner, body, remaining, identity, read, requestId));
    } catch (error) {
      return timedOut(error)
        ? fail({ code: 'PARTNER_TIMEOUT', message: `no answer within ${this.timeoutMs} ms`, retryable: false }, performance.now() - started)
        : fail({ code: 'PARTNER_UNAVAILABLE', message: 'the connection failed', retryable: true });
    }
    const latencyMs = performance.now() - started;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const problem = parsed === undefined ? 'the body is not JSON' : shapeProblem(parsed);
    if (problem) {
      return status >= 500
        ? fail({ code: 'PARTNER_UNAVAILABLE', message: `HTTP ${status} without a GraphQL answer`, retryable: true }, latencyMs)
        : fail({ code: 'PARTNER_INVALID_RESPONSE', message: `HTTP ${status}, not a GraphQL answer: ${problem}`, retryable: false }, latencyMs);
    }
    const result = parsed as { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };
    return {
      response: {
        ok: isRecord(result.data),
        ...(result.data !== undefined ? { data: result.data } : {}),
        ...(result.errors ? { errors: result.errors } : {}),
      },
      failed: null,
      latencyMs,
    };
  }

  /**
   * One HTTP exchange with a partner. Identical reads already on their way to the same partner
   * (concurrent requests asking the same thing) wait for that answer instead of sending another:
   * each gets the text, and parses its own copy. Writes always go.
   */
  private exchange(
    partner: Partner,
    body: string,
    remaining: number,
    identity: string | undefined,
    read: boolean,
    requestId: string | undefined,
  ): Promise<{ status: number; text: string }> {
    const send = async () => {
      // undici's own timers bound the call: cheaper per call than an AbortSignal.
      const answer = await request(partner.url, {
        method: 'POST',
        headers: withTraceHeaders({ ...UPSTREAM_HEADERS, ...(identity ? { [IDENTITY_HEADER]: identity } : {}), ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}) }),
        body,
        dispatcher: this.agent,
        headersTimeout: remaining,
        bodyTimeout: remaining,
      });
      return { status: answer.statusCode, text: await answer.body.text() };
    };
    if (!read || identity !== undefined || !this.deduplicate) return send();
    return this.inFlight.run(`${partner.url}\u0000${body}`, send);
  }

  /** Closes the kept-alive connections to partners. */
  close(): Promise<void> {
    return this.agent.close();
  }
}
