/**
 * The settings every GouvGraph process reads the same way, whatever it serves: its log level, and
 * the OpenTelemetry variables of its traces.
 */
import { boolean, oneOf, string, url } from './setting-kinds.js';

/** Read by `processLogger` (request-log.ts). */
export const PROCESS_SETTINGS = {
  logLevel: oneOf({
    env: 'LOG_LEVEL',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
    description: 'the lowest level of the JSON lines written on standard output (pino; each GraphQL request is one `info` line)',
  }),
};

/**
 * Documentation only: the OpenTelemetry SDK reads these itself (@gouvgraph/telemetry starts it).
 * Never pass them to `readSettings`: their rules are the SDK's, not ours.
 */
export const TRACING_SETTINGS = {
  otlpEndpoint: url({
    env: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    schemes: ['http', 'https'],
    description:
      'base URL of an OTLP/HTTP collector, e.g. `http://collector:4318` (traces go to `/v1/traces`); tracing is off when neither this nor the next is set',
  }),
  otlpTracesEndpoint: url({
    env: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    schemes: ['http', 'https'],
    description: 'the full URL traces are sent to, e.g. `http://collector:4318/v1/traces`; wins over `OTEL_EXPORTER_OTLP_ENDPOINT`',
  }),
  serviceName: string({
    env: 'OTEL_SERVICE_NAME',
    defaultText: "the process's own name (given with each process below)",
    description: 'the `service.name` of its spans',
  }),
  sdkDisabled: boolean({
    env: 'OTEL_SDK_DISABLED',
    type: '`true` (any case) or anything else',
    default: false,
    description: '`true`: no tracing, even with an endpoint',
  }),
};
