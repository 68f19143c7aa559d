/**
 * Partners' health in the graph itself (`partnerHealth`), for the dashboard's live page and any
 * client that already speaks GraphQL: a small subgraph the gateway answers in process
 * (@apollo/gateway's LocalGraphQLDataSource), composed beside the contract. Partners' addresses
 * stay out of it (they are internal), and so do the details of a failed conformance re-check (the
 * rule broken is said); operators read both at `/-/partners`.
 */
import { LocalGraphQLDataSource } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { PartnerStatus } from './partner-health.js';

export const HEALTH_SUBGRAPH_NAME = 'health';
/** Never contacted: the gateway answers it in process. */
export const HEALTH_URL = 'local://health';

export const HEALTH_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

type Query {
  "Each partner's health as this gateway sees it, by partner id: refreshed with every call it makes."
  partnerHealth: [PartnerHealth!]!
}

"How a partner has been answering this gateway."
type PartnerHealth {
  "The partner's id (its incubator's id)."
  partner: ID!
  "Its incubator, read from the partner itself (null while it does not answer)."
  incubator: Incubator
  state: PartnerState!
  "Calls made to it since the gateway started, and how many failed."
  calls: Int!
  failures: Int!
  "Latency over its recent calls, in milliseconds (null before any)."
  latencyP50Ms: Float
  latencyP99Ms: Float
  lastError: PartnerFailure
  "When it last answered (ISO 8601), or null."
  lastSuccessAt: String
  "The contract version it implements."
  contractVersion: String!
  "Its last conformance re-check by this gateway (docs/partners.md: re-checked while live)."
  conformance: PartnerConformance!
}

"A partner's standing at the gateway's last conformance re-check."
type PartnerConformance {
  status: ConformanceStatus!
  "The rule of the contract it broke (as \`extensions.violation\` names them: docs/errors.md), when non-conforming."
  rule: String
  "When it was last checked (ISO 8601), or null."
  checkedAt: String
}

enum ConformanceStatus {
  "Passed its last re-check."
  CONFORMING
  "Failed its last re-check: \`rule\` says what it broke (with a quarantine, it is not called)."
  NON_CONFORMING
  "Not re-checked: the gateway does not re-check partners, or has not reached it yet."
  UNCHECKED
}

enum PartnerState {
  "Answering."
  UP
  "Failing, still called."
  DEGRADED
  "Failed repeatedly: not called while its circuit cools down."
  DOWN
}

type PartnerFailure {
  code: String!
  message: String!
  "When (ISO 8601)."
  at: String!
}

type Incubator @key(fields: "id", resolvable: false) {
  id: ID!
}
`;

/** The subgraph, answered from the partner client's statuses. */
export function healthDataSource(statuses: () => PartnerStatus[]): LocalGraphQLDataSource {
  const schema = buildSubgraphSchema({
    typeDefs: parse(HEALTH_SDL),
    resolvers: {
      Query: {
        partnerHealth: () =>
          statuses().map((s) => ({
            partner: s.id,
            incubator: { id: s.id },
            state: s.status.toUpperCase(),
            calls: s.calls,
            failures: s.failures,
            latencyP50Ms: s.latencyMs?.p50 ?? null,
            latencyP99Ms: s.latencyMs?.p99 ?? null,
            lastError: s.lastError,
            lastSuccessAt: s.lastSuccessAt,
            contractVersion: s.contractVersion,
            conformance: {
              status: (s.conformance?.status ?? 'unchecked').toUpperCase().replace('-', '_'),
              rule: s.conformance?.rule ?? null,
              checkedAt: s.conformance?.checkedAt ?? null,
            },
          })),
      },
    },
  });
  return new LocalGraphQLDataSource(schema);
}
