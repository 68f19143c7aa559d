export {
  BodyTooLarge,
  createGraphQLHandler,
  readBody,
  requestBody,
  requestUrl,
  sendError,
  type AnsweringCache,
  type GraphQLHandlerOptions,
  type RequestHandler,
} from './graphql-handler.js';
export { ANSWERED, createRoutes, errorBody, refuse, useCors, type RouteEnv, type Routes } from './routes.js';
export { answerCors, type CorsPolicy } from './cors.js';
export { listen, type Listening } from './listen.js';
export { check, healthRoutes, type Check, type Readiness } from './health.js';
export { createMetrics, LATENCY_BUCKETS, type Metrics } from './metrics.js';
export { PairHistogram } from './pair-histogram.js';
export { assignRequestId, processLogger, REQUEST_ID_HEADER, requestIdOf, requestLogPlugin, type Logger } from './request-log.js';
export { maskUnexpectedErrors } from './format-error.js';
export { stopOnSignals } from './lifecycle.js';
export { serve, type Servable, type Served } from './serve.js';
export { selectsField } from './selection.js';
export { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from './subgraph-server.js';
export { htmlSecurityHeaders } from './security-headers.js';
export {
  IDENTITY_HEADER,
  newIdentityKeyPair,
  readIdentityPrivateKey,
  readIdentityPublicKey,
  signIdentity,
  verifyIdentity,
  type Identity,
  type VerifiedIdentity,
} from './identity-header.js';
export {
  codeLimitErrors,
  limitError,
  limitRules,
  runnableOperationPlugin,
  SUBGRAPH_LIMITS,
  type LimitName,
  type OperationLimits,
} from './operation-limits.js';
export {
  ConfigError,
  setting,
  type Setting,
  type SettingOptions,
  type SettingsDeclaration,
  type SettingsOf,
} from './settings/setting-kinds.js';
export { readSettings, readSettingsOrExit, type SettingsSource } from './settings/read-settings.js';
export { PROCESS_SETTINGS, TRACING_SETTINGS } from './settings/process-settings.js';
