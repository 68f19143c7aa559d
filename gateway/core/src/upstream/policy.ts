/**
 * How the gateway treats each kind of upstream it calls — a partner of the partitioned contract
 * subgraph, or a central subgraph (the catalogue, the impact subgraph, any plain Federation 2
 * subgraph). One client (client.ts) serves both; the policy says how long it waits, whether it
 * retries, whether it keeps a circuit, whether identical reads share an answer, how it checks an
 * answer, and how its failures are named.
 */
import { largestLegalPageBytes, type ErrorCode } from '@gouvgraph/schema';
import type { CircuitOptions } from '../partner-health.js';
import { answerProblem } from './answer.js';

/** The kinds of upstream: each has its own error codes, span and metric. */
export type UpstreamKind = 'partner' | 'subgraph';

/** How one kind of upstream is named in errors and spans, and the codes its failures carry. */
export interface UpstreamNaming {
  /** The start of every error message: `Partner mtes: …`. */
  noun: string;
  /** The error extension that names the upstream: `extensions.partner`, `extensions.subgraph`. */
  extension: UpstreamKind;
  /** The OpenTelemetry span around each call, and the attribute naming the upstream. */
  span: string;
  spanAttribute: string;
  unavailable: ErrorCode;
  timeout: ErrorCode;
  invalidResponse: ErrorCode;
  /**
   * What an answer without data counts as for the upstream's circuit and span, or null when the
   * answer is passed on as the upstream gave it. A partner answering no data has failed its part;
   * a central subgraph's GraphQL errors are @apollo/gateway's to place, as stock does.
   */
  withoutData: ErrorCode | null;
  /**
   * Whether an invalid answer's message says what was wrong with it, and whether a write whose
   * answer was lost (timed out, or the connection failed once it was sent) is
   * `PARTNER_WRITE_UNCERTAIN`: what each kind's messages say.
   */
  explainsInvalid: boolean;
  warnsOfTimedOutWrites: boolean;
}

/** Every kind's names and codes (all in schema/src/errors.ts). */
export const UPSTREAM_NAMING = {
  partner: {
    noun: 'Partner',
    extension: 'partner',
    span: 'partner.fetch',
    spanAttribute: 'gouvgraph.partner',
    unavailable: 'PARTNER_UNAVAILABLE',
    timeout: 'PARTNER_TIMEOUT',
    invalidResponse: 'PARTNER_INVALID_RESPONSE',
    withoutData: 'PARTNER_ERROR',
    explainsInvalid: true,
    warnsOfTimedOutWrites: true,
  },
  subgraph: {
    noun: 'Subgraph',
    extension: 'subgraph',
    span: 'subgraph.fetch',
    spanAttribute: 'gouvgraph.subgraph',
    unavailable: 'SUBGRAPH_UNAVAILABLE',
    timeout: 'SUBGRAPH_TIMEOUT',
    invalidResponse: 'SUBGRAPH_INVALID_RESPONSE',
    withoutData: null,
    explainsInvalid: false,
    warnsOfTimedOutWrites: false,
  },
} as const satisfies Record<UpstreamKind, UpstreamNaming>;

/** A circuit breaker per upstream, and the code a call it refuses carries. */
interface CircuitPolicy extends Required<CircuitOptions> {
  openCode: ErrorCode;
}

interface CommonPolicy {
  /** How long one call may take, retries included, before the upstream's part is given up. */
  timeoutMs: number;
  /** Extra attempts for a read that could not reach the upstream. A write is never retried. */
  retries: number;
  /** Share one answer between identical reads in flight to the same upstream. */
  deduplicate: boolean;
  /** Why a parsed body is not a GraphQL answer, or null when it is one. */
  validate: (body: unknown) => string | null;
  /** The largest answer read: a longer one is cut off while it streams in, and refused. */
  maxResponseBytes: number;
}

/**
 * The policy of one client. Only partners may have a circuit: there is no code for a central
 * subgraph that is not called (and without one, each request finds out for itself).
 */
export type UpstreamPolicy =
  | (CommonPolicy & { kind: 'partner'; circuit: CircuitPolicy | null })
  | (CommonPolicy & { kind: 'subgraph'; circuit: null });

/** What a gateway's configuration may set of a policy; each absent value takes its default. */
export interface PolicyOverrides {
  timeoutMs?: number | undefined;
  retries?: number | undefined;
  deduplicate?: boolean | undefined;
  maxResponseBytes?: number | undefined;
}

/**
 * Partners: 2 s for the whole answer, one retry of a read that could not reach the partner, a
 * circuit that opens after 5 consecutive failures for 10 s, identical reads shared, answers no
 * larger than the contract's largest legal page (schema/src/limits.ts).
 */
export function partnerPolicy(overrides: PolicyOverrides & { circuit?: CircuitOptions | undefined } = {}): UpstreamPolicy {
  return {
    kind: 'partner',
    timeoutMs: overrides.timeoutMs ?? 2_000,
    retries: overrides.retries ?? 1,
    deduplicate: overrides.deduplicate ?? true,
    validate: answerProblem,
    maxResponseBytes: overrides.maxResponseBytes ?? largestLegalPageBytes(),
    circuit: {
      failureThreshold: overrides.circuit?.failureThreshold ?? 5,
      cooldownMs: overrides.circuit?.cooldownMs ?? 10_000,
      now: overrides.circuit?.now ?? Date.now,
      openCode: 'PARTNER_CIRCUIT_OPEN',
    },
  };
}

/**
 * Central subgraphs: 15 s (the impact subgraph walks the whole graph), no retry unless asked and
 * no circuit (as stock @apollo/gateway), identical reads shared, answers checked as strictly as
 * partners'.
 */
export function subgraphPolicy(overrides: PolicyOverrides = {}): UpstreamPolicy {
  return {
    kind: 'subgraph',
    timeoutMs: overrides.timeoutMs ?? 15_000,
    retries: overrides.retries ?? 0,
    deduplicate: overrides.deduplicate ?? true,
    validate: answerProblem,
    // The gateway's own subgraphs: bounded only when the operator says so.
    maxResponseBytes: overrides.maxResponseBytes ?? Number.POSITIVE_INFINITY,
    circuit: null,
  };
}
