/**
 * OpenTelemetry traces for a GouvGraph process. Off unless an OTLP endpoint is configured
 * (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, the variables every
 * OpenTelemetry SDK reads): then spans go to it over OTLP/HTTP in batches, and the W3C
 * `traceparent` a caller sends becomes their parent. Off, each helper below is one boolean test
 * and a direct call: no span objects, no context switches, no header work.
 *
 * @apollo/gateway already makes its own spans through the global API (gateway.request,
 * gateway.validate, gateway.plan, gateway.execute, gateway.fetch): they appear in the same trace.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { IncomingHttpHeaders } from 'node:http';

let enabled = false;
const tracer = trace.getTracer('gouvgraph');

export interface Tracing {
  /** Whether spans are recorded and exported. */
  readonly enabled: boolean;
  /** Sends the spans still buffered, then stops (call it last when the process stops). */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: async () => {} };

/**
 * Starts tracing for this process when the environment asks for it. `service` names the process
 * in traces (OTEL_SERVICE_NAME overrides it); OTEL_SDK_DISABLED=true keeps it off regardless.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  // As the OpenTelemetry specification says: the traces endpoint as given, or the base one + /v1/traces.
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || (base ? `${base.replace(/\/$/, '')}/v1/traces` : undefined);
  if (!url || /^true$/i.test(env.OTEL_SDK_DISABLED ?? '') || enabled) return OFF;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || service, 'service.namespace': 'gouvgraph' }),
    // The exporter reads its headers and timeout from the OTEL_EXPORTER_OTLP_* variables, the batch
    // processor its delay and sizes from OTEL_BSP_*; the endpoint is the one read here.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  // An AsyncLocalStorage context manager, and W3C trace context only: a caller's baggage is not
  // passed on to every partner.
  provider.register({ propagator: new W3CTraceContextPropagator() });
  enabled = true;
  return {
    enabled: true,
    shutdown: async () => {
      enabled = false;
      await provider.shutdown();
    },
  };
}

/**
 * What a failure is, without what it says: messages can quote values (a database's "invalid
 * input syntax for type date: …"), so a span keeps the error's code (SQLSTATE…) or class only.
 */
export function failureName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  return error instanceof Error ? error.name : 'error';
}

/** Whether this process records spans. */
export const tracingEnabled = (): boolean => enabled;

/**
 * Runs `run` inside a span: the span ends when it settles, marked as an error when it throws.
 * Off, it is `run(null)`.
 */
export function inSpan<T>(name: string, kind: SpanKind, attributes: Attributes, run: (span: Span | null) => Promise<T>): Promise<T> {
  if (!enabled) return run(null);
  return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await run(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: failureName(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Serves an incoming request inside a server span whose parent is the caller's `traceparent`
 * (a new trace without one). Off, it is `run(null)`.
 */
export function inServerSpan<T>(
  headers: IncomingHttpHeaders,
  name: string,
  attributes: Attributes,
  run: (span: Span | null) => Promise<T>,
): Promise<T> {
  if (!enabled) return run(null);
  return context.with(propagation.extract(ROOT_CONTEXT, headers), () => inSpan(name, SpanKind.SERVER, attributes, run));
}

/** Adds the current span's `traceparent` (and `tracestate`) to outgoing headers; off, returns them untouched. */
export function withTraceHeaders<T extends Record<string, string>>(headers: T): T {
  if (!enabled || !trace.getSpan(context.active())) return headers;
  const carrier: Record<string, string> = { ...headers };
  propagation.inject(context.active(), carrier);
  return carrier as T;
}

/** Marks a span as failed with a GouvGraph error code (a partner that timed out, a refusal…): the code, never a message. */
export function failSpan(span: Span | null, code: string): void {
  if (!span) return;
  span.setAttribute('gouvgraph.error_code', code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}

export { SpanKind, type Span };
