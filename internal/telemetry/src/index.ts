export {
  failSpan,
  inServerSpan,
  inSpan,
  SpanKind,
  startTracing,
  tracingEnabled,
  withTraceHeaders,
  type Span,
  type Tracing,
} from './tracing.js';
export { tracedClient } from './traced-sql.js';
