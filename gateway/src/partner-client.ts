/**
 * The one place the gateway talks HTTP to a partner: it sends a GraphQL request with a
 * deadline, counts the call, and turns every kind of failure into a coded, partner-named
 * error instead of an exception. Header and identity propagation belong here too.
 */
import type { ErrorCode } from '@gouvgraph/schema';
import type { GraphQLFormattedError } from 'graphql';

/** A partner of the partitioned contract subgraph. */
export interface Partner {
  /** Partner id: the incubator id, e.g. `mtes`. */
  id: string;
  /** The partner subgraph's GraphQL endpoint. */
  url: string;
}

export interface PartnerRequest {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | undefined;
}

/** What a partner answered: always a GraphQL-shaped result, `ok: false` when it did not answer usably. */
export interface PartnerResponse {
  ok: boolean;
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/** Calls made to each partner since the gateway started. */
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
  /** How long a partner may take before its part of the answer is given up. Default 10 s. */
  timeoutMs?: number;
  calls?: PartnerCallCounter;
}

function unavailable(partner: Partner, reason: string): PartnerResponse {
  const code: ErrorCode = 'PARTNER_UNAVAILABLE';
  return {
    ok: false,
    errors: [
      {
        message: `Partner ${partner.id} is unavailable: ${reason}`,
        extensions: { code, partner: partner.id },
      },
    ],
  };
}

export class PartnerClient {
  readonly timeoutMs: number;
  readonly calls: PartnerCallCounter;

  constructor(options: PartnerClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.calls = options.calls ?? new PartnerCallCounter();
  }

  async send(partner: Partner, request: PartnerRequest): Promise<PartnerResponse> {
    this.calls.record(partner.id);
    let response: Response;
    try {
      response = await fetch(partner.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return unavailable(partner, timedOut ? `no answer within ${this.timeoutMs} ms` : 'connection failed');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return unavailable(partner, `HTTP ${response.status} without a GraphQL body`);
    }
    if (typeof body !== 'object' || body === null || (!('data' in body) && !('errors' in body))) {
      return unavailable(partner, `HTTP ${response.status} without a GraphQL body`);
    }
    const result = body as { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };
    return {
      ok: response.ok || result.data !== undefined,
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(result.errors ? { errors: result.errors } : {}),
    };
  }
}
