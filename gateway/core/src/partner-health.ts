/**
 * Each partner's health, as the gateway sees it: a circuit breaker (closed → open after
 * repeated failures → half-open probe after a cool-down → closed on success), the last
 * error, and latency percentiles over the most recent calls. Operators read it at
 * `/-/partners`; the partner client consults it before every call.
 */
import type { ErrorCode } from '@gouvgraph/schema';
import type { PartnerConformance } from './conformance-monitor.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before letting one probe through. Default 10 s. */
  cooldownMs?: number;
  /**
   * The clock the cool-down and the status's times are read from, in ms since the epoch.
   * Default `Date.now`; tests pass a clock they advance instead of waiting for the cool-down.
   */
  now?: () => number;
}

export interface PartnerStatus {
  id: string;
  url: string;
  /** `up`: answering; `degraded`: failing but still tried; `down`: circuit open, not called. */
  status: 'up' | 'degraded' | 'down';
  circuit: CircuitState;
  consecutiveFailures: number;
  calls: number;
  failures: number;
  lastError: { code: ErrorCode; message: string; at: string } | null;
  lastSuccessAt: string | null;
  latencyMs: { p50: number; p90: number; p99: number; samples: number } | null;
  /** The contract version it implements. */
  contractVersion: string;
  /** Its last conformance re-check (conformance-monitor.ts), when the gateway re-checks partners. */
  conformance?: PartnerConformance;
}

const SAMPLES = 256;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

export class PartnerHealth {
  private circuit: CircuitState = 'closed';
  private openedAt = 0;
  private probing = false;
  private consecutiveFailures = 0;
  private calls = 0;
  private failures = 0;
  private lastError: PartnerStatus['lastError'] = null;
  private lastSuccessAt: number | null = null;
  private readonly latencies: number[] = [];
  private next = 0;

  constructor(
    readonly id: string,
    readonly url: string,
    private readonly options: Required<CircuitOptions>,
    private readonly now: () => number = options.now,
  ) {}

  /**
   * Whether a call may go out now. An open circuit refuses until its cool-down has passed,
   * then lets exactly one probe through (half-open); the probe's outcome closes or re-opens it.
   */
  tryAcquire(): boolean {
    if (this.circuit === 'closed') return true;
    if (this.circuit === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) this.circuit = 'half-open';
    if (this.circuit === 'half-open' && !this.probing) {
      this.probing = true;
      return true;
    }
    return false;
  }

  recordSuccess(latencyMs: number): void {
    this.calls++;
    this.sample(latencyMs);
    this.consecutiveFailures = 0;
    this.lastSuccessAt = this.now();
    this.circuit = 'closed';
    this.probing = false;
  }

  recordFailure(code: ErrorCode, message: string, latencyMs: number | null): void {
    this.calls++;
    this.failures++;
    if (latencyMs !== null) this.sample(latencyMs);
    this.consecutiveFailures++;
    this.lastError = { code, message, at: new Date(this.now()).toISOString() };
    if (this.circuit === 'half-open' || this.consecutiveFailures >= this.options.failureThreshold) {
      this.circuit = 'open';
      this.openedAt = this.now();
    }
    this.probing = false;
  }

  get state(): CircuitState {
    return this.circuit;
  }

  private sample(ms: number): void {
    this.latencies[this.next] = ms;
    this.next = (this.next + 1) % SAMPLES;
  }

  status(): Omit<PartnerStatus, 'contractVersion'> {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      id: this.id,
      url: this.url,
      status: this.circuit === 'open' ? 'down' : this.consecutiveFailures > 0 || this.circuit === 'half-open' ? 'degraded' : 'up',
      circuit: this.circuit,
      consecutiveFailures: this.consecutiveFailures,
      calls: this.calls,
      failures: this.failures,
      lastError: this.lastError,
      lastSuccessAt: this.lastSuccessAt === null ? null : new Date(this.lastSuccessAt).toISOString(),
      latencyMs: sorted.length
        ? { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), samples: sorted.length }
        : null,
    };
  }
}
