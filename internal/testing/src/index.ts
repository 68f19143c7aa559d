export {
  DATABASES,
  TEST_POSTGRES_URL,
  createPgliteDatabase,
  createPostgresDatabase,
  type TestDatabase,
  type TestDatabaseConfig,
} from './postgres.js';
export { graphql, codes, expectListedCodes, type GraphQLResult } from './graphql.js';
export {
  startMisbehavingProxy,
  type MisbehavingProxy,
  type ProxiedAnswer,
  type ProxiedRequest,
  type ProxyMode,
} from './misbehaving-proxy.js';
export { startIdentityProvider, type TestIdentityProvider, type TokenClaims } from './identity-provider.js';
export { validateAtom, type AtomEntry } from './atom.js';
export { manualClock, waitFor, type ManualClock, type WaitForOptions } from './wait-for.js';
export { startTcpRelay, type TcpRelay } from './tcp-relay.js';
export {
  startIndependentPartner,
  DEFAULT_DRIP,
  DEFAULT_OVERSIZED_PAGE_BYTES,
  RAW_ERROR_MESSAGE,
  type IndependentPartner,
  type IndependentPartnerOptions,
  type PartnerBehaviour,
} from './independent-partner.js';
