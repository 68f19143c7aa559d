/**
 * A span for each SQL statement a request sends, by wrapping the database client drizzle is given
 * (postgres.js or PGlite): drizzle's own tracing is not switched on in its releases, and records
 * parameter values (people's data) when it is. A span holds the statement as drizzle wrote it,
 * with `$1` placeholders, never the values. Statements outside a traced request (migrations,
 * seeding, background checks) make no span.
 */
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { failureName, tracingEnabled } from './tracing.js';

const tracer = trace.getTracer('gouvgraph.sql');
/** Long generated statements are cut: a trace wants what ran, not megabytes of it. */
const MAX_TEXT = 2_000;

function startStatementSpan(text: string): Span | null {
  if (!tracingEnabled() || !trace.getSpan(context.active())) return null;
  const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
  return tracer.startSpan(operation, {
    kind: SpanKind.CLIENT,
    attributes: {
      'db.system.name': 'postgresql',
      'db.operation.name': operation,
      'db.query.text': text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text,
    },
  });
}

function settle(span: Span | null, pending: PromiseLike<unknown>): void {
  if (!span) return;
  pending.then(
    () => span.end(),
    (error: unknown) => {
      span.setStatus({ code: SpanStatusCode.ERROR, message: failureName(error) });
      span.end();
    },
  );
}

type Method = (...args: unknown[]) => unknown;

/**
 * The same client, its statements traced. `query` (PGlite) and `unsafe` (postgres.js) are what
 * drizzle sends statements through; `transaction`, `begin` and `savepoint` hand their callback a
 * client of their own, wrapped too. Only drizzle's ways of calling are meant: a traced postgres.js
 * query is already started, so `.cursor()` or `.forEach()` on it would find nothing left.
 */
export function tracedClient<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property) {
      // The target's own getters, not the proxy's: classes with private fields need it so.
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      const method = value as Method;
      switch (property) {
        case 'query':
        case 'unsafe':
          return (text: unknown, ...rest: unknown[]) => {
            const pending = method.call(target, text, ...rest) as PromiseLike<unknown>;
            // postgres.js queries run when first awaited, a microtask later: drizzle's `.values()`
            // (called right after) still applies.
            settle(typeof text === 'string' ? startStatementSpan(text) : null, pending);
            return pending;
          };
        case 'transaction':
        case 'begin':
        case 'savepoint':
          return (...args: unknown[]) => {
            const callback = args.at(-1);
            if (typeof callback !== 'function') return method.apply(target, args);
            return method.apply(target, [...args.slice(0, -1), (tx: object) => (callback as (tx: object) => unknown)(tracedClient(tx))]);
          };
        default:
          return method.bind(target);
      }
    },
  });
}
